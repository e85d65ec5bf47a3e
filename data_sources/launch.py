"""The day the platform went live in this city: what "before the platform" and "since" mean.

Recorded once as an event in the audit log (`platform_launch`, detail `{"day": "YYYY-MM-DD"}`);
the demo city records its own. A city that goes live (data_sources/go_live.py, audited
`went_live`) starts again from that day: the demo's launch is not the real city's. Where neither
is recorded, the day of the first accepted upload is the launch: nothing reached the platform
before it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

import sqlalchemy as sa

from data_sources.db import audit_log, uploads, write_transaction

ACTION = "platform_launch"
WENT_LIVE = "went_live"  # go_live.go_live's audit action


def record_launch(engine: sa.Engine, day: date, *, actor: str | None) -> None:
    """Record that the platform went live on `day` (the latest record wins)."""
    with write_transaction(engine) as connection:
        connection.execute(
            audit_log.insert().values(
                at=datetime.combine(day, time(9, 0)), actor=actor, action=ACTION, dataset=None,
                detail=json.dumps({"day": day.isoformat()}),
            )
        )  # fmt: skip


def launch_day(engine: sa.Engine) -> date | None:
    """The latest recorded launch (or going live), else the day of the first accepted upload, else None."""
    latest = (
        sa.select(audit_log.c.action, audit_log.c.at, audit_log.c.detail)
        .where(audit_log.c.action.in_((ACTION, WENT_LIVE)))
        .order_by(audit_log.c.id.desc())
        .limit(1)
    )
    with engine.connect() as connection:
        found = connection.execute(latest).first()
        if found is not None:
            return date.fromisoformat(json.loads(found.detail)["day"]) if found.action == ACTION else found.at.date()
        first = connection.scalar(sa.select(sa.func.min(uploads.c.uploaded_at)).where(uploads.c.status == "accepted"))
    return first.date() if first is not None else None
