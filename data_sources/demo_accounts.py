"""One demo account per role, created with the demo city and listed on the sign-in page.

Their passwords are generated when the demo city is seeded and kept in the database beside it
(table demo_logins), never in the repository: a visitor (or an award committee) reads them on the
sign-in page while the city is a demo, and they leave with the demo city when it goes live
(data_sources/go_live.py). Showing them can be switched off with CITY_SHOW_DEMO_ACCOUNTS=0 (or
`[demo] show_accounts = false` in secrets.toml).
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass

import sqlalchemy as sa

from data_sources import accounts
from data_sources.db import ROOT, demo_logins, write_transaction


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: accounts.AccountRole
    division: str | None
    display_name: str
    password: str = ""  # filled from the database: generated at seeding


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("demo.staff", "staff", "health", "สุนิสา ใจดี (ตัวอย่าง)"),
    DemoAccount("demo.mayor", "executive", None, "นายกเทศมนตรี (ตัวอย่าง)"),
    DemoAccount("demo.admin", "admin", None, "ผู้ดูแลระบบ (ตัวอย่าง)"),
)
DEMO_USERNAMES = frozenset(d.username for d in DEMO_ACCOUNTS)


def new_password() -> str:
    """Twelve random characters that read aloud well (no 0/O, 1/l/I)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def ensure_demo_accounts(engine: sa.Engine) -> list[str]:
    """Create the demo accounts that are missing, each with a newly generated password; an existing
    demo account gets a new password too, so no password from an older seeding still works."""
    created = []
    for demo in DEMO_ACCOUNTS:
        password = new_password()
        if accounts.get_account(engine, demo.username) is None:
            accounts.add_account(engine, demo.username, password, demo.role, division=demo.division,
                                 display_name=demo.display_name, actor="demo")  # fmt: skip
            created.append(demo.username)
        else:
            accounts.reset_password(engine, demo.username, password, actor="demo")
        with write_transaction(engine) as connection:
            connection.execute(demo_logins.delete().where(demo_logins.c.username == demo.username))
            connection.execute(demo_logins.insert().values(username=demo.username, password=password))
    return created


def demo_usernames(engine: sa.Engine) -> set[str]:
    """Every account that belongs to the demo city (seeded, or made in the app during the demo)."""
    with engine.connect() as connection:
        return set(connection.scalars(sa.select(demo_logins.c.username))) | set(DEMO_USERNAMES)


def demo_passwords(engine: sa.Engine) -> dict[str, str]:
    """The generated password of each seeded demo account still in the database."""
    with engine.connect() as connection:
        rows = connection.execute(sa.select(demo_logins.c.username, demo_logins.c.password))
        return {username: password for username, password in rows if password}


def _configured() -> bool:
    setting = os.environ.get("CITY_SHOW_DEMO_ACCOUNTS")
    if setting is not None:
        return setting.strip().lower() not in {"0", "false", "no", "off"}
    secrets_file = ROOT / ".streamlit" / "secrets.toml"
    if secrets_file.exists():
        demo = tomllib.loads(secrets_file.read_text(encoding="utf-8")).get("demo", {})
        return bool(demo.get("show_accounts", True))
    return True


def shown_demo_accounts(engine: sa.Engine) -> list[DemoAccount]:
    """The demo accounts to list on the sign-in page, with their generated passwords: while the demo
    city is loaded and the database has not gone live, unless configured off, and only those active."""
    from data_sources.go_live import is_live
    from data_sources.seed import demo_loaded

    if not _configured() or is_live(engine) or not demo_loaded(engine):
        return []
    passwords = demo_passwords(engine)
    shown = []
    for demo in DEMO_ACCOUNTS:
        found = accounts.get_account(engine, demo.username)
        if found is not None and found.active and passwords.get(demo.username):
            shown.append(
                DemoAccount(demo.username, demo.role, demo.division, demo.display_name, passwords[demo.username])
            )
    return shown
