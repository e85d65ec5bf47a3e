"""The sign-in cookie: signed tokens, one-use tickets, and the two routes that set and clear it."""

from __future__ import annotations

import asyncio
import doctest
import importlib
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from starlette.requests import Request
from starlette.responses import Response

from ui import auth_routes, auth_token
from ui.auth_token import COOKIE_NAME, issue, read

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


def test_the_generated_secret_is_kept_in_a_private_file(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "data" / "secret.key"
    first = auth_token._file_secret(path)
    assert auth_token._file_secret(path) == first and len(first) == 64
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.fixture
def known_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """The routes sign with the test's secret, not data/secret.key."""
    monkeypatch.setattr(auth_token, "server_secret", lambda: SECRET)


def _call(handler, path: str, **query: str) -> Response:  # type: ignore[no-untyped-def]
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": urlencode(query).encode(),
        "headers": [],
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
    }
    # A thread of its own: Playwright's session-wide browser keeps an event loop running in the
    # main thread, and asyncio.run refuses to start inside it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, handler(Request(scope))).result()


def _set_cookie(response: Response) -> str:
    return response.headers.get("set-cookie", "")


def test_start_route_swaps_a_ticket_for_an_http_only_cookie_once(known_secret: None) -> None:
    ticket = issue("ticket", "somchai", "stamp1")
    response = _call(auth_routes.start_session, auth_routes.START_PATH, ticket=ticket, next="/upload?lang=en")
    assert response.status_code == 303 and response.headers["location"] == "/upload?lang=en"
    cookie = _set_cookie(response)
    assert cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    value = cookie.split(";")[0].split("=", 1)[1]
    claims = read(value, "session")
    assert claims is not None and (claims.username, claims.stamp) == ("somchai", "stamp1")
    replay = _call(auth_routes.start_session, auth_routes.START_PATH, ticket=ticket, next="/upload")
    assert _set_cookie(replay) == ""


def test_start_route_ignores_a_forged_ticket_and_a_foreign_next(known_secret: None) -> None:
    response = _call(auth_routes.start_session, auth_routes.START_PATH, ticket="x.y", next="https://evil.example/")
    assert response.headers["location"] == "/" and _set_cookie(response) == ""


def test_end_route_deletes_the_cookie(known_secret: None) -> None:
    response = _call(auth_routes.end_session, auth_routes.END_PATH, next="/?lang=th")
    assert response.headers["location"] == "/?lang=th"
    assert _set_cookie(response).startswith(f'{COOKIE_NAME}=""') and "Max-Age=0" in _set_cookie(response)


@pytest.mark.parametrize(
    "name",
    [
        "data_sources.accounts",
        "data_sources.divisions",
        "data_sources.upload_review",
        "data_sources.audit_trail",
        "ui.auth_token",
    ],
)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
