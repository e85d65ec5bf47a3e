"""A city database is either the demo city or live, never both.

The demo city (synthetic data and one account per role, with passwords generated at seeding and
shown on the sign-in page) exists so people can try the platform. Going live removes all of it:
every demo row, version and archived demo file, and every demo account. It happens when an
operator runs `python -m data_sources go-live --admin NAME` (which creates that admin, its
password typed on the command line), or by itself at the first real upload. A live database never
takes the demo city back and never lists demo accounts, so no account in it has a password anyone
else has seen.
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa

from data_sources import accounts
from data_sources.adapters import DATASETS
from data_sources.city_time import now
from data_sources.db import (
    DATASET_TABLES,
    city_settings,
    dataset_heads,
    dataset_versions,
    demo_logins,
    uploads,
    write_transaction,
)
from data_sources.db import (
    accounts as accounts_table,
)
from data_sources.errors import DataSourceError
from data_sources.writes import audit

Mode = Literal["demo", "live", "new"]
_MODE_KEY = "mode"


class GoLiveError(DataSourceError):
    code = "go-live"


def mode(engine: sa.Engine) -> Mode:
    """ "live" once gone live; "demo" while the demo city or its accounts are in it; else "new"."""
    with engine.connect() as connection:
        written = connection.scalar(sa.select(city_settings.c.value).where(city_settings.c.key == _MODE_KEY))
        if written == "live":
            return "live"
        demo_rows = connection.scalar(
            sa.select(sa.func.count()).select_from(dataset_versions).where(dataset_versions.c.kind == "demo")
        )
        demo_accounts = connection.scalar(sa.select(sa.func.count()).select_from(demo_logins))
    return "demo" if demo_rows or demo_accounts else "new"


def is_live(engine: sa.Engine) -> bool:
    return mode(engine) == "live"


def is_demo_account(engine: sa.Engine, username: str | None) -> bool:
    """True for the seeded demo accounts and accounts made in the app while the city was a demo."""
    from data_sources.demo_accounts import demo_usernames

    return username is not None and username in demo_usernames(engine)


def _lock_city(connection: sa.Connection) -> str | None:
    """Take every dataset's head lock (writers take one each; SQLite's BEGIN IMMEDIATE already
    serialises), so two first uploads cannot both go live; returns the mode written so far."""
    connection.execute(sa.select(dataset_heads.c.dataset).with_for_update())
    return connection.scalar(sa.select(city_settings.c.value).where(city_settings.c.key == _MODE_KEY))


def _mark_live(connection: sa.Connection) -> None:
    done = connection.execute(city_settings.update().where(city_settings.c.key == _MODE_KEY).values(value="live"))
    if not done.rowcount:
        connection.execute(city_settings.insert().values(key=_MODE_KEY, value="live"))


def _remove_demo_city(connection: sa.Connection) -> dict[str, int]:
    """Delete every dataset row, version and archived file; each dataset gets one empty version
    after its last, so caches keyed by version can never serve a demo row again."""
    removed = {}
    for key in DATASETS:
        table = DATASET_TABLES[key]
        removed[key] = connection.execute(table.delete()).rowcount or 0
        head = connection.scalar(sa.select(dataset_heads.c.version).where(dataset_heads.c.dataset == key)) or 0
        connection.execute(dataset_versions.delete().where(dataset_versions.c.dataset == key))
        if head:
            connection.execute(
                dataset_versions.insert().values(
                    dataset=key, version=head + 1, created_at=now(), kind="go_live", created_by=None,
                    rows_added=0, rows_updated=0, rows_removed=removed[key], row_count=0,
                    note="demo city removed",
                )
            )  # fmt: skip
            connection.execute(dataset_heads.update().where(dataset_heads.c.dataset == key).values(version=head + 1))
    connection.execute(uploads.delete())
    return removed


def _remove_demo_accounts(connection: sa.Connection) -> list[str]:
    from data_sources.demo_accounts import DEMO_USERNAMES

    names = sorted(set(connection.scalars(sa.select(demo_logins.c.username))) | DEMO_USERNAMES)
    connection.execute(accounts_table.delete().where(accounts_table.c.username.in_(names)))
    connection.execute(demo_logins.delete())
    return names


def go_live(engine: sa.Engine, *, actor: str | None, reason: str) -> dict[str, object]:
    """Remove the demo city and its accounts (if any) and mark the database live, in one transaction."""
    with write_transaction(engine) as connection:
        if _lock_city(connection) == "live":
            return {"already_live": True}
        removed = _remove_demo_city(connection)
        names = _remove_demo_accounts(connection)
        _mark_live(connection)
        audit(connection, "went_live", actor=actor, reason=reason, demo_rows_removed=sum(removed.values()),
              demo_accounts_removed=names)  # fmt: skip
    from data_sources.store import clear_caches

    clear_caches()
    return {"already_live": False, "demo_rows_removed": sum(removed.values()), "demo_accounts_removed": names}


def before_real_upload(engine: sa.Engine, user: str | None) -> None:
    """Called before an upload is written: a real one (not by a demo account) takes the city live."""
    current = mode(engine)
    if current == "live" or is_demo_account(engine, user):
        return
    if current == "demo":
        go_live(engine, actor=user, reason="first real upload")
        return
    with write_transaction(engine) as connection:
        if _lock_city(connection) != "live":
            _mark_live(connection)


def go_live_with_admin(engine: sa.Engine, admin: str, password: str | None) -> dict[str, object]:
    """`go-live --admin NAME`: create that admin (or keep it, if it is a real admin already), then go live."""
    found = accounts.get_account(engine, admin)
    if found is None:
        if not password:
            raise GoLiveError("ต้องตั้งรหัสผ่านผู้ดูแลระบบ", "The admin needs a password")
        accounts.add_account(engine, admin, password, "admin", actor="cli", from_command_line=True)
    elif found.role != "admin" or not found.active or is_demo_account(engine, admin):
        raise GoLiveError(
            f"'{admin}' ไม่ใช่ผู้ดูแลระบบที่ใช้งานได้ (หรือเป็นบัญชีตัวอย่าง)",
            f"'{admin}' is not an active admin of the real city (or is a demo account)",
        )
    return go_live(engine, actor=admin, reason="go-live command")
