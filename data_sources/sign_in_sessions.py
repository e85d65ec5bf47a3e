"""Sign-in sessions kept on the server: open at sign-in, claimed once by the browser, ended at sign-out.

A session cookie is only as good as its row here: signing out ends the row, so a copy of the
cookie saved before (another tab, a stolen file) stops working at once, in every process.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from data_sources.city_time import now
from data_sources.db import sign_in_sessions, write_transaction

SESSION_HOURS = 12  # a working day; then sign in again


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("ascii", "replace")).hexdigest()


def open_session(engine: sa.Engine, username: str, *, at: datetime | None = None) -> str:
    """A new session for `username`; returns its id (kept by the browser, never stored in clear)."""
    session_id = secrets.token_urlsafe(32)
    moment = at or now()
    with write_transaction(engine) as connection:
        connection.execute(
            sign_in_sessions.insert().values(
                id_hash=_hash(session_id), username=username, created_at=moment,
                expires_at=moment + timedelta(hours=SESSION_HOURS),
            )
        )  # fmt: skip
    return session_id


def claim(engine: sa.Engine, session_id: str, username: str) -> bool:
    """Mark the session's ticket used; True only the first time, for an open session of `username`."""
    moment = now()
    table = sign_in_sessions
    with write_transaction(engine) as connection:
        done = connection.execute(
            table.update()
            .where(table.c.id_hash == _hash(session_id), table.c.username == username)
            .where(table.c.claimed_at.is_(None), table.c.ended_at.is_(None), table.c.expires_at > moment)
            .values(claimed_at=moment)
        )
    return bool(done.rowcount)


def is_open(engine: sa.Engine, session_id: str | None, username: str) -> bool:
    """True while the session exists for `username`, has not ended and has not expired."""
    if not session_id:
        return False
    table = sign_in_sessions
    query = sa.select(sa.func.count()).where(
        table.c.id_hash == _hash(session_id), table.c.username == username,
        table.c.ended_at.is_(None), table.c.expires_at > now(),
    )  # fmt: skip
    with engine.connect() as connection:
        return bool(connection.scalar(query))


def end(engine: sa.Engine, session_id: str | None) -> None:
    """End the session (sign-out); every copy of its cookie stops working."""
    if not session_id:
        return
    with write_transaction(engine) as connection:
        connection.execute(
            sign_in_sessions.update()
            .where(sign_in_sessions.c.id_hash == _hash(session_id), sign_in_sessions.c.ended_at.is_(None))
            .values(ended_at=now())
        )
