"""API keys for Open311 clients that post requests: made by an admin, shown once, kept hashed.

A key is 32 random bytes (URL-safe text prefixed "yk_"); only its SHA-256 is stored, with its
first characters so an admin can tell keys apart. Revoking keeps the row for the audit trail.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from data_sources.city_time import now as city_now
from data_sources.db import api_keys, write_transaction
from data_sources.writes import audit

KEY_PREFIX = "yk_"
SHOWN_PREFIX = 10  # characters of the key kept in clear to tell keys apart


@dataclass(frozen=True)
class NewKey:
    id: int
    name: str
    key: str  # shown to the admin once; never stored


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create(engine: sa.Engine, name: str, *, created_by: str | None) -> NewKey:
    """A new active key for the client `name`."""
    name = name.strip()[:120]
    if not name:
        raise ValueError("a key needs the name of the client it is for")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with write_transaction(engine) as connection:
        result = connection.execute(
            api_keys.insert().values(
                name=name, prefix=key[:SHOWN_PREFIX], key_hash=_hash(key), created_by=created_by, created_at=city_now()
            )
        )
        key_id = int(result.inserted_primary_key[0])
        audit(connection, "api_key_created", actor=created_by, key_id=key_id, name=name)
    return NewKey(key_id, name, key)


def revoke(engine: sa.Engine, key_id: int, *, revoked_by: str | None) -> bool:
    """Revoke key `key_id`; False when there is no such active key."""
    with write_transaction(engine) as connection:
        changed = connection.execute(
            api_keys.update()
            .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=city_now())
        )
        if changed.rowcount:
            audit(connection, "api_key_revoked", actor=revoked_by, key_id=key_id)
        return bool(changed.rowcount)


def listing(engine: sa.Engine) -> pd.DataFrame:
    """Every key without its secret: id, name, prefix, created, revoked, last used."""
    columns = [c for c in api_keys.c if c.name != "key_hash"]
    with engine.connect() as connection:
        rows = connection.execute(sa.select(*columns).order_by(api_keys.c.id)).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in columns])


def verify(engine: sa.Engine, key: str | None, *, now: datetime | None = None) -> str | None:
    """The client name of an active `key`, else None; records when it was last used."""
    if not key or not key.startswith(KEY_PREFIX):
        return None
    digest = _hash(key)
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(api_keys.c.id, api_keys.c.name, api_keys.c.key_hash).where(
                api_keys.c.key_hash == digest, api_keys.c.revoked_at.is_(None)
            )
        ).first()
    if row is None or not hmac.compare_digest(row.key_hash, digest):
        return None
    with write_transaction(engine) as connection:
        connection.execute(api_keys.update().where(api_keys.c.id == row.id).values(last_used_at=now or city_now()))
    return str(row.name)
