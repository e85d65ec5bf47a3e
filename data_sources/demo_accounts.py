"""One demo account per role, created with the demo city and listed on the sign-in page.

Their passwords are public on purpose: the demo city is synthetic and the accounts exist so a
visitor (or an award committee) can try each role. Showing them stops once real data is loaded,
or when CITY_SHOW_DEMO_ACCOUNTS=0 (or `[demo] show_accounts = false` in secrets.toml).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass

import sqlalchemy as sa

from data_sources import accounts
from data_sources.db import ROOT


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: accounts.AccountRole
    division: str | None
    display_name: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("demo.staff", "yala-staff-2568", "staff", "health", "สุนิสา ใจดี (ตัวอย่าง)"),
    DemoAccount("demo.mayor", "yala-mayor-2568", "executive", None, "นายกเทศมนตรี (ตัวอย่าง)"),
    DemoAccount("demo.admin", "yala-admin-2568", "admin", None, "ผู้ดูแลระบบ (ตัวอย่าง)"),
)


def ensure_demo_accounts(engine: sa.Engine) -> list[str]:
    """Create the demo accounts that are missing (an existing one is left as its admin set it)."""
    created = []
    for demo in DEMO_ACCOUNTS:
        if accounts.get_account(engine, demo.username) is None:
            accounts.add_account(
                engine,
                demo.username,
                demo.password,
                demo.role,
                division=demo.division,
                display_name=demo.display_name,
                actor="demo",
            )
            created.append(demo.username)
    return created


def _configured() -> bool:
    setting = os.environ.get("CITY_SHOW_DEMO_ACCOUNTS")
    if setting is not None:
        return setting.strip().lower() not in {"0", "false", "no", "off"}
    secrets = ROOT / ".streamlit" / "secrets.toml"
    if secrets.exists():
        demo = tomllib.loads(secrets.read_text(encoding="utf-8")).get("demo", {})
        return bool(demo.get("show_accounts", True))
    return True


def shown_demo_accounts(engine: sa.Engine) -> list[DemoAccount]:
    """The demo accounts to list on the sign-in page: while the demo city is loaded, unless configured off,
    and only those still active."""
    from data_sources.seed import demo_loaded

    if not _configured() or not demo_loaded(engine):
        return []
    return [
        d for d in DEMO_ACCOUNTS if (found := accounts.get_account(engine, d.username)) is not None and found.active
    ]
