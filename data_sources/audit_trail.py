"""Reading the audit log: sign-ins, uploads, rollbacks and account changes, newest first."""

from __future__ import annotations

import json

import pandas as pd
import sqlalchemy as sa

from data_sources.db import audit_log

DEFAULT_LIMIT = 500


def actions(engine: sa.Engine) -> list[str]:
    """Every action the log holds, for the page's filter."""
    with engine.connect() as connection:
        return sorted(connection.scalars(sa.select(audit_log.c.action).distinct()))


def describe(detail: str | None) -> str:
    """The detail JSON as "key: value" pairs, for a table cell.

    >>> describe('{"version": 3, "added": 10}')
    'version: 3, added: 10'
    """
    if not detail:
        return ""
    try:
        data = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return str(data)
    return ", ".join(f"{key}: {value}" for key, value in data.items() if value not in (None, "", [], {}))


def recent(
    engine: sa.Engine, *, limit: int = DEFAULT_LIMIT, action: str | None = None, actor: str | None = None
) -> pd.DataFrame:
    """The latest entries (at, actor, action, dataset, detail), optionally of one action or actor."""
    query = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action:
        query = query.where(audit_log.c.action == action)
    if actor:
        query = query.where(audit_log.c.actor == actor)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=["id", "at", "actor", "action", "dataset", "detail"])
    frame["detail"] = frame["detail"].map(describe)
    return frame
