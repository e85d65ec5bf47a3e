"""Reading tickets: what the public status page may show, what staff see, and the inbox.

`public_view` carries no personal column, no citizen's words, no photo and no exact location:
category, community, responsible division, stage, dates, the due date and the public timeline.
`staff_view` adds the description, contact details, internal notes, photos and the exact
location, for signed-in staff only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_sources.db import DATASET_TABLES, VALID_TO
from data_sources.tickets import rules
from data_sources.tickets.handling import Citizen, citizen_may_act
from data_sources.tickets.photos import Photo
from data_sources.tickets.record import now_or_city, recorded_stage, ticket_record, ticket_row
from data_sources.tickets.tables import complaint_contacts, complaint_events, complaint_photos, complaint_tickets


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str  # filed assigned stage note photo info rating reopened joined
    stage_to: str | None
    division: str | None
    text: str | None  # public view: only a note staff wrote for the citizen
    actor: str | None = None  # staff view only
    photo_id: int | None = None  # staff view only


@dataclass(frozen=True)
class TicketView:
    ticket_id: str
    category: str
    community: str | None
    division: str | None
    stage: rules.Stage
    received_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None
    satisfaction: int | None
    channel: str | None
    may_rate: bool
    may_reopen: bool
    timeline: tuple[Entry, ...]
    private: dict[str, Any] = field(default_factory=dict)  # staff view: description, contact, location, photos

    def overdue(self, now: datetime) -> bool:
        return self.stage in rules.OPEN_STAGES and self.due_at is not None and now > self.due_at


def _moment(value: object) -> datetime | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).to_pydatetime()


def _timeline(connection: sa.Connection, ticket_id: str, *, staff: bool) -> tuple[Entry, ...]:
    query = sa.select(complaint_events).where(complaint_events.c.ticket_id == ticket_id).order_by(complaint_events.c.id)
    if not staff:
        query = query.where(complaint_events.c.public.is_(True))
    entries = []
    for event in connection.execute(query).mappings():
        text = event["text"] if staff or event["kind"] == "note" else None
        entries.append(Entry(event["at"], event["kind"], event["stage_to"], event["division"], text,
                             event["actor"] if staff else None, event["photo_id"] if staff else None))  # fmt: skip
    return tuple(entries)


def _view(connection: sa.Connection, ticket_id: str, now: datetime, *, staff: bool) -> TicketView | None:
    row = ticket_row(connection, ticket_id)
    if row is None:
        return None
    record = ticket_record(connection, ticket_id)
    stage = recorded_stage(record, row)
    received = _moment(row["received_at"])
    resolved = _moment(row["resolved_at"])
    due = (record or {}).get("due_at") or (rules.due_at(str(row["category"]), received) if received else None)
    satisfaction = None if pd.isna(row["satisfaction"]) else int(row["satisfaction"])
    private: dict[str, Any] = {}
    if staff:
        private = _private(connection, ticket_id, row, record)
    return TicketView(
        ticket_id=str(row["ticket_id"]), category=str(row["category"]),
        community=None if pd.isna(row["community"]) else str(row["community"]),
        division=None if pd.isna(row["assigned_division"]) else str(row["assigned_division"]),
        stage=stage, received_at=received, due_at=due, resolved_at=resolved, satisfaction=satisfaction,
        channel=None if pd.isna(row["channel"]) else str(row["channel"]),
        may_rate=stage in rules.DONE_STAGES and satisfaction is None,
        may_reopen=rules.may_reopen(stage, resolved, now), timeline=_timeline(connection, ticket_id, staff=staff),
        private=private,
    )  # fmt: skip


def _private(
    connection: sa.Connection, ticket_id: str, row: pd.Series, record: dict[str, Any] | None
) -> dict[str, Any]:
    photos = connection.execute(
        sa.select(complaint_photos.c.id, complaint_photos.c.kind, complaint_photos.c.added_at)
        .where(complaint_photos.c.ticket_id == ticket_id)
        .order_by(complaint_photos.c.id)
    ).all()
    contacts = connection.execute(
        sa.select(complaint_contacts.c.channel, complaint_contacts.c.role).where(
            complaint_contacts.c.ticket_id == ticket_id
        )
    ).all()

    def text(column: str) -> str | None:
        return None if pd.isna(row[column]) else str(row[column])

    return {
        "description": text("description"), "contact_name": text("complainant_name"),
        "contact_phone": text("complainant_phone"),
        "latitude": (record or {}).get("latitude"), "longitude": (record or {}).get("longitude"),
        "photos": [(int(p.id), str(p.kind), p.added_at) for p in photos],
        "contacts": [(str(c.channel), str(c.role)) for c in contacts],
        "reopened": int((record or {}).get("reopened") or 0),
    }  # fmt: skip


def public_view(engine: sa.Engine, ticket_id: str, *, now: datetime | None = None) -> TicketView | None:
    """What anyone with the ticket number may see, or None when no ticket has that number."""
    with engine.connect() as connection:
        return _view(connection, ticket_id, now_or_city(now), staff=False)


def staff_view(engine: sa.Engine, ticket_id: str, *, now: datetime | None = None) -> TicketView | None:
    """Everything about a ticket, for signed-in staff (personal data included)."""
    with engine.connect() as connection:
        return _view(connection, ticket_id, now_or_city(now), staff=True)


def may_act(engine: sa.Engine, ticket_id: str, citizen: Citizen) -> bool:
    """True when `citizen` may add information to, rate or reopen the ticket."""
    with engine.connect() as connection:
        return citizen_may_act(connection, ticket_id, citizen)


def photo(engine: sa.Engine, photo_id: int) -> Photo | None:
    """A stored photo's bytes, for staff."""
    with engine.connect() as connection:
        found = connection.execute(
            sa.select(complaint_photos.c.content, complaint_photos.c.mime).where(complaint_photos.c.id == photo_id)
        ).first()
    return None if found is None else Photo(bytes(found.content), str(found.mime))


INBOX_COLUMNS = ["ticket_id", "received_at", "category", "community", "assigned_division", "channel", "status",
                 "stage", "due_at", "overdue", "satisfaction"]  # fmt: skip


def inbox(
    engine: sa.Engine, *, division: str | None = None, stages: tuple[str, ...] = rules.OPEN_STAGES,
    now: datetime | None = None, limit: int = 500,
) -> pd.DataFrame:  # fmt: skip
    """Tickets in `stages` (of one division, or all), oldest first: the staff inbox.

    Reads only the live rows whose status can be in those stages, plus their lifecycle records.
    """
    now = now_or_city(now)
    table = DATASET_TABLES["complaints"]
    statuses = sorted({rules.STAGE_STATUS[s] for s in stages})  # type: ignore[index]
    query = (
        sa.select(
            table.c.ticket_id, table.c.received_at, table.c.category, table.c.community, table.c.assigned_division,
            table.c.channel, table.c.status, table.c.satisfaction, complaint_tickets.c.stage, complaint_tickets.c.due_at,
        )
        .select_from(table.outerjoin(complaint_tickets, complaint_tickets.c.ticket_id == table.c.ticket_id))
        .where(table.c[VALID_TO].is_(None), table.c.status.in_(statuses))
        .order_by(table.c.received_at)
    )  # fmt: skip
    if division is not None:
        query = query.where(table.c.assigned_division == division)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=[*INBOX_COLUMNS[:7], "satisfaction", "stage", "due_at"])
    frame["stage"] = [
        rules.effective_stage(stage, status, None)
        for stage, status in zip(frame["stage"], frame["status"], strict=True)
    ]
    frame = frame.loc[frame["stage"].isin(stages)].head(limit)
    frame["received_at"] = pd.to_datetime(frame["received_at"])
    due = [d if pd.notna(d) else (rules.due_at(str(c), r) if pd.notna(r) else None)
           for d, c, r in zip(frame["due_at"], frame["category"], frame["received_at"], strict=True)]  # fmt: skip
    frame["due_at"] = pd.to_datetime(pd.Series(due, index=frame.index, dtype="object"))
    frame["overdue"] = frame["stage"].isin(rules.OPEN_STAGES) & (frame["due_at"] < pd.Timestamp(now))
    return frame[INBOX_COLUMNS].reset_index(drop=True)
