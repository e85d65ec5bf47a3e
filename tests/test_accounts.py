"""Local accounts: argon2id passwords, roles and divisions, the slowdown after wrong tries, the
audit trail, the demo accounts and the `users` command."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_sources import accounts, store
from data_sources.__main__ import main
from data_sources.adapters import DATASETS
from data_sources.db import accounts as accounts_table
from data_sources.demo_accounts import DEMO_ACCOUNTS, demo_passwords, ensure_demo_accounts, shown_demo_accounts
from data_sources.divisions import DIVISIONS, EVERY_DIVISION, datasets_of

NOON = datetime(2026, 11, 23, 12, 0, 0)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'city.db'}"


@pytest.fixture
def engine(url: str) -> sa.Engine:
    return store.connect(url)


def _audit(engine: sa.Engine) -> list[tuple[str, str | None, dict]]:
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT action, actor, detail FROM audit_log ORDER BY id")).all()
    return [(action, actor, json.loads(detail or "{}")) for action, actor, detail in rows]


def test_password_is_stored_as_argon2id_never_as_given(engine: sa.Engine) -> None:
    accounts.add_account(engine, "somchai", "correct horse", "staff", division="finance")
    with engine.connect() as connection:
        stored = connection.scalar(sa.select(accounts_table.c.password_hash))
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored


def test_right_password_signs_in_and_is_logged(engine: sa.Engine) -> None:
    accounts.add_account(engine, "somchai", "correct horse", "staff", division="finance", actor="admin1")
    result = accounts.verify(engine, "somchai", "correct horse", now=NOON)
    assert result.outcome == "ok"
    assert result.account is not None and result.account.last_sign_in_at == NOON
    assert [(a, who) for a, who, _ in _audit(engine)] == [("account_added", "admin1"), ("sign_in", "somchai")]


def test_wrong_password_and_unknown_name_give_the_same_answer(engine: sa.Engine) -> None:
    accounts.add_account(engine, "somchai", "correct horse", "staff", division="finance")
    assert accounts.verify(engine, "somchai", "wrong horse", now=NOON).outcome == "wrong"
    assert accounts.verify(engine, "nobody", "wrong horse", now=NOON).outcome == "wrong"
    reasons = [detail.get("reason") for action, _, detail in _audit(engine) if action == "sign_in_failed"]
    assert reasons == ["wrong-password", "unknown"]


def test_fourth_try_after_three_wrong_ones_must_wait_five_seconds(engine: sa.Engine) -> None:
    accounts.add_account(engine, "somchai", "correct horse", "staff", division="finance")
    for _ in range(3):
        accounts.verify(engine, "somchai", "wrong", now=NOON)
    # Even the right password is refused while the wait lasts, without being checked.
    waiting = accounts.verify(engine, "somchai", "correct horse", now=NOON + timedelta(seconds=2))
    assert (waiting.outcome, waiting.wait_seconds) == ("wait", 3)
    assert accounts.verify(engine, "somchai", "correct horse", now=NOON + timedelta(seconds=5)).outcome == "ok"
    assert [a for a, _, _ in _audit(engine)].count("sign_in_throttled") == 1


def test_wait_doubles_with_each_further_wrong_try_up_to_five_minutes() -> None:
    assert [accounts.wait_seconds(n, NOON, NOON) for n in (2, 3, 4, 5, 9, 20)] == [0, 5, 10, 20, 300, 300]


def test_a_successful_sign_in_resets_the_count(engine: sa.Engine) -> None:
    accounts.add_account(engine, "somchai", "correct horse", "staff", division="finance")
    accounts.verify(engine, "somchai", "wrong", now=NOON)
    accounts.verify(engine, "somchai", "wrong", now=NOON)
    accounts.verify(engine, "somchai", "correct horse", now=NOON)
    accounts.verify(engine, "somchai", "wrong", now=NOON)
    assert accounts.verify(engine, "somchai", "correct horse", now=NOON).outcome == "ok"


def test_disabled_account_cannot_sign_in_and_its_stamp_changes(engine: sa.Engine) -> None:
    before = accounts.add_account(engine, "somchai", "correct horse", "staff", division="finance")
    after = accounts.set_active(engine, "somchai", False, actor="admin1")
    assert accounts.verify(engine, "somchai", "correct horse", now=NOON).outcome == "disabled"
    assert before.stamp != after.stamp
    assert not after.may_upload("revenue")


def test_reset_password_ends_the_old_password_and_old_sessions(engine: sa.Engine) -> None:
    before = accounts.add_account(engine, "somchai", "correct horse", "staff", division="finance")
    after = accounts.reset_password(engine, "somchai", "battery staple", actor="admin1")
    assert before.stamp != after.stamp
    assert accounts.verify(engine, "somchai", "correct horse", now=NOON).outcome == "wrong"
    assert accounts.verify(engine, "somchai", "battery staple", now=NOON).outcome == "ok"
    assert ("password_reset", "admin1") in [(a, who) for a, who, _ in _audit(engine)]


@pytest.mark.parametrize(
    ("username", "password", "role", "division"),
    [
        ("ok", "short", "staff", "finance"),  # password under 8 characters
        ("ok", "long enough", "mayor", None),  # no such role
        ("ok", "long enough", "staff", None),  # staff without a division
        ("ok", "long enough", "staff", "parks"),  # no such division
        ("  ", "long enough", "admin", None),  # blank name
    ],
)
def test_invalid_accounts_are_refused(
    engine: sa.Engine, username: str, password: str, role: str, division: str | None
) -> None:
    with pytest.raises(accounts.AccountError):
        accounts.add_account(engine, username, password, role, division=division)
    assert accounts.list_accounts(engine) == []


def test_username_and_email_are_unique(engine: sa.Engine) -> None:
    accounts.add_account(engine, "somchai", "long enough", "executive", email="Somchai@Yala.go.th")
    with pytest.raises(accounts.AccountError):
        accounts.add_account(engine, "somchai", "long enough", "admin")
    with pytest.raises(accounts.AccountError):
        accounts.add_account(engine, "other", "long enough", "admin", email="somchai@yala.go.th")


def test_single_sign_on_email_maps_to_the_account_case_insensitively(engine: sa.Engine) -> None:
    accounts.add_account(engine, "mayor", None, "executive", email="Mayor@Yala.go.th")
    found = accounts.find_by_email(engine, "MAYOR@yala.go.th")
    assert found is not None and found.username == "mayor" and not found.has_password
    # An SSO-only account has no password to guess.
    assert accounts.verify(engine, "mayor", "", now=NOON).outcome == "wrong"


def test_staff_upload_only_their_division_datasets_and_admins_all(engine: sa.Engine) -> None:
    staff = accounts.add_account(engine, "nok", "long enough", "staff", division="health")
    mayor = accounts.add_account(engine, "mayor", "long enough", "executive")
    admin = accounts.add_account(engine, "root", "long enough", "admin")
    assert staff.datasets == ("waste", "air_quality", "health", "facilities")
    assert staff.may_upload("waste") and not staff.may_upload("revenue")
    assert mayor.datasets == () and not mayor.may_upload("waste")
    assert set(admin.datasets) == set(DATASETS) and admin.may_manage and not staff.may_manage


def test_every_dataset_owner_is_a_known_division() -> None:
    for declared in DATASETS.values():
        assert declared.owner in DIVISIONS or declared.owner == EVERY_DIVISION, declared.key
    shared = {k for k, d in DATASETS.items() if d.owner == EVERY_DIVISION}
    owned = [k for division in DIVISIONS for k in datasets_of(division) if k not in shared]
    assert sorted(owned) == sorted(set(DATASETS) - shared)  # each other dataset has exactly one division


def test_demo_accounts_one_per_role_created_once_with_passwords_generated_each_seeding(engine: sa.Engine) -> None:
    assert ensure_demo_accounts(engine) == ["demo.staff", "demo.mayor", "demo.admin"]
    first = demo_passwords(engine)
    assert ensure_demo_accounts(engine) == []
    second = demo_passwords(engine)
    assert sorted(d.role for d in DEMO_ACCOUNTS) == ["admin", "executive", "staff"]
    for demo in DEMO_ACCOUNTS:
        assert first[demo.username] != second[demo.username]
        assert accounts.verify(engine, demo.username, first[demo.username], now=NOON).outcome == "wrong"
        assert accounts.verify(engine, demo.username, second[demo.username], now=NOON).outcome == "ok"


def test_demo_accounts_are_listed_only_while_the_demo_city_is_loaded(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CITY_SHOW_DEMO_ACCOUNTS", raising=False)
    ensure_demo_accounts(engine)
    assert shown_demo_accounts(engine) == []  # accounts exist, but no demo data
    monkeypatch.setattr("data_sources.seed.demo_loaded", lambda _engine: True)
    assert [d.username for d in shown_demo_accounts(engine)] == ["demo.staff", "demo.mayor", "demo.admin"]
    accounts.set_active(engine, "demo.admin", False)
    assert [d.username for d in shown_demo_accounts(engine)] == ["demo.staff", "demo.mayor"]
    monkeypatch.setenv("CITY_SHOW_DEMO_ACCOUNTS", "0")
    assert shown_demo_accounts(engine) == []


def test_users_command_adds_disables_resets_and_lists(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "users",
                "add",
                "nok",
                "--role",
                "staff",
                "--division",
                "welfare",
                "--password",
                "long enough",
                "--name",
                "นก",
                "--db",
                url,
            ]
        )
        == 0
    )
    assert main(["users", "disable", "nok", "--db", url, "--actor", "root"]) == 0
    assert main(["users", "reset", "nok", "--password", "even longer", "--db", url]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--json", "--db", url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["username"], r["role"], r["division"], r["name"], r["active"]) for r in listed] == [
        ("nok", "staff", "welfare", "นก", False)
    ]
    engine = store.connect(url)
    assert [(a, who) for a, who, _ in _audit(engine)] == [
        ("account_added", "cli"),
        ("account_disabled", "root"),
        ("password_reset", "cli"),
    ]


def test_users_command_refuses_a_staff_account_without_division(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "add", "nok", "--role", "staff", "--password", "long enough", "--db", url]) == 1
    assert "division" in capsys.readouterr().err
