"""The lifecycle's bookkeeping inside a write transaction: the ticket's record, its timeline, photos."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_sources import city_time, writes
from data_sources.tickets import rules
from data_sources.tickets.photos import Photo
from data_sources.tickets.tables import complaint_events, complaint_photos, complaint_tickets


def now_or_city(now: datetime | None) -> datetime:
    """`now` as given (tests, replays), else the city's clock; to the second."""
    return (now or city_time.now()).replace(microsecond=0)


def ticket_row(connection: sa.Connection, ticket_id: str) -> pd.Series | None:
    """The live complaints row of `ticket_id` (every column, personal ones too), or None."""
    rows = writes.live_rows(connection, "complaints", [(ticket_id,)])
    return None if rows.empty else rows.iloc[0]


def ticket_record(connection: sa.Connection, ticket_id: str) -> dict[str, Any] | None:
    row = connection.execute(sa.select(complaint_tickets).where(complaint_tickets.c.ticket_id == ticket_id)).mappings()
    found = row.first()
    return dict(found) if found is not None else None


def recorded_stage(record: dict[str, Any] | None, row: pd.Series) -> rules.Stage:
    """The ticket's stage now: its record's, unless the dataset row says otherwise (a re-upload)."""
    status = None if pd.isna(row["status"]) else str(row["status"])
    division = None if pd.isna(row["assigned_division"]) else str(row["assigned_division"])
    return rules.effective_stage(record["stage"] if record else None, status, division)


def upsert_ticket(connection: sa.Connection, ticket_id: str, *, now: datetime, **values: Any) -> None:
    """Create or update the lifecycle record of `ticket_id` with `values`."""
    known = connection.scalar(sa.select(sa.func.count()).select_from(complaint_tickets).where(
        complaint_tickets.c.ticket_id == ticket_id))  # fmt: skip
    if known:
        connection.execute(
            complaint_tickets.update()
            .where(complaint_tickets.c.ticket_id == ticket_id)
            .values(updated_at=now, **values)
        )
        return
    values.setdefault("stage", "new")
    connection.execute(
        complaint_tickets.insert().values(
            ticket_id=ticket_id, created_at=now, updated_at=now, rated=False, reopened=0, **values
        )
    )


def add_event(
    connection: sa.Connection, ticket_id: str, kind: str, at: datetime, *, actor: str | None = None,
    stage_from: str | None = None, stage_to: str | None = None, division: str | None = None,
    text: str | None = None, public: bool = False, photo_id: int | None = None, version: int | None = None,
) -> int:  # fmt: skip
    """Append one entry to the ticket's timeline; returns its id."""
    result = connection.execute(
        complaint_events.insert().values(
            ticket_id=ticket_id,
            at=at,
            kind=kind,
            actor=actor,
            stage_from=stage_from,
            stage_to=stage_to,
            division=division,
            text=text,
            public=public,
            photo_id=photo_id,
            version=version,
        )  # fmt: skip
    )
    return int(result.inserted_primary_key[0])


def add_photo(
    connection: sa.Connection, ticket_id: str | None, photo: Photo, *, kind: str, by: str, now: datetime
) -> int:
    result = connection.execute(
        complaint_photos.insert().values(
            ticket_id=ticket_id,
            kind=kind,
            mime=photo.mime,
            size=len(photo.content),
            sha256=photo.sha256,
            content=photo.content,
            added_at=now,
            added_by=by,
        )  # fmt: skip
    )
    return int(result.inserted_primary_key[0])
