"""The day the platform went live in this city: what "before the platform" and "since" mean.

Recorded once as an event in the audit log (`platform_launch`, detail `{"day": "YYYY-MM-DD"}`);
the demo city records its own. Where none is recorded, the day of the first accepted upload is
the launch: nothing reached the platform before it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

import sqlalchemy as sa

from data_sources.db import audit_log, uploads, write_transaction

ACTION = "platform_launch"


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
    """The recorded launch day, else the day of the first accepted upload, else None."""
    with engine.connect() as connection:
        detail = connection.scalar(
            sa.select(audit_log.c.detail).where(audit_log.c.action == ACTION).order_by(audit_log.c.id.desc()).limit(1)
        )
        if detail:
            return date.fromisoformat(json.loads(detail)["day"])
        first = connection.scalar(sa.select(sa.func.min(uploads.c.uploaded_at)).where(uploads.c.status == "accepted"))
    return first.date() if first is not None else None
