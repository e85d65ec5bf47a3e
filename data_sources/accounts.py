"""Local sign-in accounts: argon2id passwords, roles, divisions, and a slowdown after failed tries.

Roles follow DESIGN.md: staff (of one division) upload that division's datasets; executives read
everything; admins also manage accounts and roll back. The public needs no account. Every
sign-in, failed attempt and account change goes to the audit log.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Literal

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from data_sources import city_time
from data_sources.db import accounts, demo_logins, write_transaction
from data_sources.divisions import DIVISIONS, datasets_of
from data_sources.errors import DataSourceError
from data_sources.writes import audit

AccountRole = Literal["staff", "executive", "admin"]
ACCOUNT_ROLES: tuple[AccountRole, ...] = ("staff", "executive", "admin")
MIN_PASSWORD_LENGTH = 8
# Failed attempts allowed before each further try must wait, and the longest wait (seconds).
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300

_hasher = PasswordHasher()  # argon2id with the library's recommended cost (RFC 9106 low-memory)


@cache
def _dummy_hash() -> str:
    # Checked when the username is unknown, so a wrong name costs as long as a wrong password.
    return _hasher.hash("not a real password")


Outcome = Literal["ok", "wrong", "disabled", "wait"]


class AccountError(DataSourceError):
    code = "account-error"


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: AccountRole
    division: str | None
    email: str | None
    active: bool
    stamp: str  # changes when the password is reset or the account disabled: old sessions end
    last_sign_in_at: datetime | None = None
    has_password: bool = True

    @property
    def datasets(self) -> tuple[str, ...]:
        """The datasets this account may upload: a division's own for staff, all for admins."""
        if self.role == "admin":
            from data_sources.adapters import DATASETS

            return tuple(DATASETS)
        if self.role == "staff" and self.division:
            return datasets_of(self.division)
        return ()

    def may_upload(self, key: str) -> bool:
        return self.active and key in self.datasets

    @property
    def may_manage(self) -> bool:
        """Accounts, the audit log and rollbacks."""
        return self.active and self.role == "admin"


@dataclass(frozen=True)
class SignIn:
    outcome: Outcome
    account: Account | None = None
    wait_seconds: int = 0  # for "wait": how long until the next try is allowed


def _now() -> datetime:
    return city_time.now()


def _stamp(password_hash: str | None, active: bool) -> str:
    return hashlib.sha256(f"{password_hash or ''}|{active}".encode()).hexdigest()[:16]


def _account(row: sa.RowMapping) -> Account:
    return Account(
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        division=row["division"],
        email=row["email"],
        active=bool(row["active"]),
        stamp=_stamp(row["password_hash"], bool(row["active"])),
        last_sign_in_at=row["last_sign_in_at"],
        has_password=row["password_hash"] is not None,
    )


def _fail(message_th: str, message_en: str) -> AccountError:
    return AccountError(message_th, message_en)


def _check_fields(username: str, role: str, division: str | None) -> None:
    if not username or not username.strip() or len(username) > 120:
        raise _fail("ชื่อผู้ใช้ต้องไม่ว่างและยาวไม่เกิน 120 ตัวอักษร", "The username must be 1 to 120 characters")
    if role not in ACCOUNT_ROLES:
        raise _fail(
            f"บทบาท '{role}' ไม่ถูกต้อง (staff, executive, admin)", f"Unknown role '{role}' (staff, executive, admin)"
        )
    if role == "staff" and division not in DIVISIONS:
        names = ", ".join(DIVISIONS)
        raise _fail(f"เจ้าหน้าที่ต้องสังกัดกอง: {names}", f"A staff account needs a division: {names}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise _fail(
            f"รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD_LENGTH} ตัวอักษร",
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters",
        )


def _taken(connection: sa.Connection, username: str, email: str | None) -> bool:
    same_email = sa.and_(accounts.c.email.is_not(None), accounts.c.email == email)
    query = sa.select(sa.func.count()).where(sa.or_(accounts.c.username == username, same_email))
    return bool(connection.scalar(query))


def add_account(
    engine: sa.Engine,
    username: str,
    password: str | None,
    role: str,
    *,
    division: str | None = None,
    display_name: str | None = None,
    email: str | None = None,
    actor: str | None = None,
    from_command_line: bool = False,
) -> Account:
    """Create an account; `password=None` makes one that signs in only through single sign-on.

    While the city is the demo, an account made anywhere but on the command line belongs to the
    demo (its maker may have been a demo admin whose password is public) and leaves with it."""
    username = username.strip()
    _check_fields(username, role, division)
    if password is not None:
        _check_password(password)
    row = {
        "username": username,
        "display_name": (display_name or username).strip(),
        "role": role,
        "division": division if role == "staff" else None,
        "email": (email or "").strip().lower() or None,
        "password_hash": None if password is None else _hasher.hash(password),
        "active": True,
        "failed_attempts": 0,
        "created_at": _now(),
    }
    joins_demo = not from_command_line and actor != "demo" and _city_is_demo(engine)
    with write_transaction(engine) as connection:
        if _taken(connection, username, row["email"]):
            raise _fail(
                f"มีบัญชี '{username}' หรืออีเมลนี้อยู่แล้ว", f"An account '{username}' or with this email already exists"
            )
        connection.execute(accounts.insert().values(**row))
        if joins_demo:
            connection.execute(demo_logins.insert().values(username=username, password=None))
        audit(connection, "account_added", actor=actor, username=username, role=role, division=row["division"])
    return get_account(engine, username)  # type: ignore[return-value]


def _city_is_demo(engine: sa.Engine) -> bool:
    from data_sources.go_live import mode

    return mode(engine) == "demo"


def _refuse_demo_actor(engine: sa.Engine, actor: str | None, username: str) -> None:
    """A demo account (its password is on the sign-in page) may change demo accounts only, so no
    real account can be given a password a visitor chose."""
    from data_sources.go_live import is_demo_account

    target_is_real = get_account(engine, username) is not None and not is_demo_account(engine, username)
    if target_is_real and is_demo_account(engine, actor):
        raise _fail("บัญชีตัวอย่างจัดการได้เฉพาะบัญชีตัวอย่าง", "A demo account may manage demo accounts only")


def _update(engine: sa.Engine, username: str, action: str, values: dict[str, Any], *, actor: str | None) -> Account:
    _refuse_demo_actor(engine, actor, username)
    with write_transaction(engine) as connection:
        done = connection.execute(accounts.update().where(accounts.c.username == username).values(**values))
        if not done.rowcount:
            raise _fail(f"ไม่พบบัญชี '{username}'", f"No account '{username}'")
        audit(connection, action, actor=actor, username=username)
    return get_account(engine, username)  # type: ignore[return-value]


def set_active(engine: sa.Engine, username: str, active: bool, *, actor: str | None = None) -> Account:
    """Disable (or enable again) an account; a disabled account's sessions end at their next step."""
    return _update(
        engine,
        username,
        "account_enabled" if active else "account_disabled",
        {"active": active, "failed_attempts": 0},
        actor=actor,
    )


def reset_password(engine: sa.Engine, username: str, password: str, *, actor: str | None = None) -> Account:
    """Set a new password; sessions signed in with the old one end."""
    _check_password(password)
    return _update(
        engine,
        username,
        "password_reset",
        {"password_hash": _hasher.hash(password), "failed_attempts": 0, "last_failed_at": None},
        actor=actor,
    )


def get_account(engine: sa.Engine, username: str) -> Account | None:
    with engine.connect() as connection:
        row = connection.execute(sa.select(accounts).where(accounts.c.username == username)).mappings().first()
    return None if row is None else _account(row)


def find_by_email(engine: sa.Engine, email: str | None) -> Account | None:
    """The account a single sign-on identity maps to (emails compare case-insensitively)."""
    if not email:
        return None
    with engine.connect() as connection:
        row = (
            connection.execute(sa.select(accounts).where(accounts.c.email == email.strip().lower())).mappings().first()
        )
    return None if row is None else _account(row)


def list_accounts(engine: sa.Engine) -> list[Account]:
    with engine.connect() as connection:
        rows = connection.execute(sa.select(accounts).order_by(accounts.c.role, accounts.c.username)).mappings().all()
    return [_account(row) for row in rows]


def wait_seconds(failed_attempts: int, last_failed_at: datetime | None, now: datetime) -> int:
    """Seconds before the next try is allowed: none for the first three, then 5, 10, 20 … up to 300.

    >>> wait_seconds(3, datetime(2026, 1, 1, 9, 0, 0), datetime(2026, 1, 1, 9, 0, 2))
    3
    >>> wait_seconds(2, datetime(2026, 1, 1, 9, 0, 0), datetime(2026, 1, 1, 9, 0, 0))
    0
    """
    if failed_attempts < FREE_ATTEMPTS or last_failed_at is None:
        return 0
    delay = min(5 * 2 ** (failed_attempts - FREE_ATTEMPTS), MAX_WAIT_SECONDS)
    remaining = (last_failed_at + timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(-(-remaining // 1)))


def verify(
    engine: sa.Engine, username: str, password: str, *, now: datetime | None = None, via: str = "password"
) -> SignIn:
    """Check a sign-in. Wrong tries are counted and logged; after three, each further try must wait."""
    now = now or _now()
    username = username.strip()
    with write_transaction(engine) as connection:
        row = connection.execute(sa.select(accounts).where(accounts.c.username == username)).mappings().first()
        if row is None or row["password_hash"] is None:
            _matches(_dummy_hash(), password)
            audit(connection, "sign_in_failed", actor=username[:120], reason="unknown", via=via)
            return SignIn("wrong")
        wait = wait_seconds(row["failed_attempts"], row["last_failed_at"], now)
        if wait:
            audit(connection, "sign_in_throttled", actor=username, wait_seconds=wait, via=via)
            return SignIn("wait", wait_seconds=wait)
        if not _matches(row["password_hash"], password):
            connection.execute(
                accounts.update()
                .where(accounts.c.username == username)
                .values(failed_attempts=accounts.c.failed_attempts + 1, last_failed_at=now)
            )
            audit(
                connection,
                "sign_in_failed",
                actor=username,
                reason="wrong-password",
                via=via,
                failed_attempts=row["failed_attempts"] + 1,
            )
            return SignIn("wrong", wait_seconds=wait_seconds(row["failed_attempts"] + 1, now, now))
        if not row["active"]:
            audit(connection, "sign_in_failed", actor=username, reason="disabled", via=via)
            return SignIn("disabled")
        changes: dict[str, Any] = {"failed_attempts": 0, "last_failed_at": None, "last_sign_in_at": now}
        if _hasher.check_needs_rehash(row["password_hash"]):
            changes["password_hash"] = _hasher.hash(password)
        connection.execute(accounts.update().where(accounts.c.username == username).values(**changes))
        audit(connection, "sign_in", actor=username, via=via)
    return SignIn("ok", get_account(engine, username))


def record_single_sign_on(engine: sa.Engine, account: Account, email: str) -> None:
    """Log a sign-in through the identity provider (the provider checked the password)."""
    with write_transaction(engine) as connection:
        connection.execute(
            accounts.update().where(accounts.c.username == account.username).values(last_sign_in_at=_now())
        )
        audit(connection, "sign_in", actor=account.username, via="sso", email=email)


def record_sign_out(engine: sa.Engine, username: str) -> None:
    with write_transaction(engine) as connection:
        audit(connection, "sign_out", actor=username)


def _matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
