"""The sign-in cookie: signed tokens and the signing keys (its routes: tests/test_sessions.py)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from ui import auth_token
from ui.auth_token import issue, read

SECRET = b"a test secret, not the server's"
T0 = 1_800_000_000.0


def test_a_token_reads_back_with_its_claims() -> None:
    token = issue("session", "somchai", "stamp1", secret=SECRET, now=T0)
    claims = read(token, "session", secret=SECRET, now=T0 + 60)
    assert claims is not None
    assert (claims.username, claims.stamp, claims.expires) == (
        "somchai",
        "stamp1",
        int(T0) + auth_token.SESSION_SECONDS,
    )


def test_a_thai_username_survives_the_round_trip() -> None:
    claims = read(issue("session", "สมชาย", "s", secret=SECRET, now=T0), "session", secret=SECRET, now=T0)
    assert claims is not None and claims.username == "สมชาย"


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        lambda token: "eyJ1IjoiYWRtaW4ifQ." + token.split(".")[1],  # payload swapped
        lambda token: token.replace(".", ""),  # no signature at all
        lambda token: "",
    ],
)
def test_a_changed_token_is_refused(forge) -> None:  # type: ignore[no-untyped-def]
    token = issue("session", "somchai", "s", secret=SECRET, now=T0)
    assert read(forge(token), "session", secret=SECRET, now=T0) is None


def test_a_token_signed_with_another_secret_is_refused() -> None:
    token = issue("session", "somchai", "s", secret=b"another secret", now=T0)
    assert read(token, "session", secret=SECRET, now=T0) is None


def test_tokens_expire_a_ticket_after_one_minute() -> None:
    ticket = issue("ticket", "somchai", "s", secret=SECRET, now=T0)
    assert read(ticket, "ticket", secret=SECRET, now=T0 + 59) is not None
    assert read(ticket, "ticket", secret=SECRET, now=T0 + 61) is None


def test_a_ticket_is_not_a_session_and_a_session_is_not_a_ticket() -> None:
    ticket = issue("ticket", "somchai", "s", secret=SECRET, now=T0)
    session = issue("session", "somchai", "s", secret=SECRET, now=T0)
    assert read(ticket, "session", secret=SECRET, now=T0) is None
    assert read(session, "ticket", secret=SECRET, now=T0) is None


def test_the_signing_key_is_written_with_the_other_secrets_once(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CITY_SESSION_SECRET", raising=False)
    monkeypatch.delenv("CITY_SESSION_PREVIOUS_SECRETS", raising=False)
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    path.write_text('[connections.city]\nurl = "sqlite:///x.db"\n', encoding="utf-8")
    first = auth_token.signing_keys(path)
    assert auth_token.signing_keys(path) == first and len(first[0]) == 64
    assert 'url = "sqlite:///x.db"' in path.read_text(encoding="utf-8")  # the other secrets kept
    assert "[session]" in path.read_text(encoding="utf-8")


def test_a_rotated_key_signs_new_tokens_and_still_reads_old_ones(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(auth_token, "SECRETS_FILE", tmp_path / "secrets.toml")
    monkeypatch.setattr(auth_token, "_cached", None)
    monkeypatch.setenv("CITY_SESSION_SECRET", "old-key")
    monkeypatch.delenv("CITY_SESSION_PREVIOUS_SECRETS", raising=False)
    old_token = issue("session", "somchai", "s")
    monkeypatch.setattr(auth_token, "_checked_at", 0.0)  # as if the few seconds between re-reads had passed
    monkeypatch.setenv("CITY_SESSION_SECRET", "new-key")
    monkeypatch.setenv("CITY_SESSION_PREVIOUS_SECRETS", "old-key")
    assert read(old_token, "session") is not None  # no restart needed, old cookies still work
    new_token = issue("session", "somchai", "s")
    assert read(new_token, "session", secret=b"new-key") is not None
    monkeypatch.setattr(auth_token, "_checked_at", 0.0)
    monkeypatch.delenv("CITY_SESSION_PREVIOUS_SECRETS")
    assert read(old_token, "session") is None  # the old key retired: its cookies end


@pytest.mark.parametrize(
    "name",
    [
        "data_sources.sign_in_throttle",
        "data_sources.divisions",
        "data_sources.upload_review",
        "data_sources.audit_trail",
        "ui.auth_token",
    ],
)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
