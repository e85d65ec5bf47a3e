"""Changing a ticket: staff assign, move, note and attach a photo of the fix; citizens add
information, rate and reopen. Each change is one timeline entry; each change to the ticket's row
(stage, division, rating, reopening) is also one new version of the complaints dataset, written
in the same transaction and audited under the actor's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_sources import writes
from data_sources.db import ROW_ID, write_transaction
from data_sources.tickets import notices, rules
from data_sources.tickets.errors import MoveRefused, NotAllowed, RatingRefused, ReopenRefused, TicketNotFound
from data_sources.tickets.filing import key_hash
from data_sources.tickets.photos import checked_photo
from data_sources.tickets.record import (
    add_event,
    add_photo,
    now_or_city,
    recorded_stage,
    ticket_record,
    ticket_row,
    upsert_ticket,
)
from data_sources.tickets.tables import complaint_contacts

MAX_NOTE_CHARS = 4000


@dataclass(frozen=True)
class Citizen:
    """Who acts on a ticket from outside: the access key they were given, or their channel address
    (e.g. LINE user id) recorded when they filed or joined."""

    key: str | None = None
    channel: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Change:
    ticket_id: str
    stage: rules.Stage
    event_id: int
    version: int | None  # the complaints dataset version the change made, if it changed the row


@dataclass
class _Ticket:
    connection: sa.Connection
    ticket_id: str
    row: pd.Series
    record: dict[str, Any] | None
    stage: rules.Stage
    now: datetime


def _open(connection: sa.Connection, ticket_id: str, now: datetime) -> _Ticket:
    writes.lock_dataset(connection, "complaints")
    row = ticket_row(connection, ticket_id)
    if row is None:
        raise TicketNotFound(f"ไม่พบเรื่องเลขที่ {ticket_id}", f"No complaint numbered {ticket_id}.")
    record = ticket_record(connection, ticket_id)
    return _Ticket(connection, ticket_id, row, record, recorded_stage(record, row), now)


def _rewrite(ticket: _Ticket, actor: str, note: str, **columns: Any) -> int:
    """Write the ticket's row with `columns` changed as one new dataset version."""
    row = ticket.row.drop(labels=[ROW_ID]).to_dict()
    row.update(columns)
    return writes.write_keyed(ticket.connection, "complaints", pd.DataFrame([row]), user=actor, note=note)


def _act(engine: sa.Engine, ticket_id: str, now: datetime | None, step: Callable[[_Ticket], Change]) -> Change:
    moment = now_or_city(now)
    with write_transaction(engine) as connection:
        return step(_open(connection, ticket_id, moment))


# ----------------------------------------------------------------- staff


def assign(
    engine: sa.Engine,
    ticket_id: str,
    division: str,
    *,
    actor: str,
    note: str | None = None,
    now: datetime | None = None,
) -> Change:
    """Give the ticket to `division` (a key of the divisions list); a new ticket becomes "assigned"."""

    def step(ticket: _Ticket) -> Change:
        if ticket.stage not in rules.OPEN_STAGES:
            raise MoveRefused("เรื่องนี้ปิดแล้ว มอบหมายไม่ได้", "This ticket is no longer open; it cannot be assigned.")
        stage: rules.Stage = "assigned" if ticket.stage == "new" else ticket.stage
        version = _rewrite(ticket, actor, f"assigned to {division}", assigned_division=division,
                           status=rules.STAGE_STATUS[stage])  # fmt: skip
        upsert_ticket(ticket.connection, ticket_id, now=ticket.now, stage=stage)
        event = add_event(ticket.connection, ticket_id, "assigned", ticket.now, actor=actor, stage_from=ticket.stage,
                          stage_to=stage, division=division, text=_note(note), version=version, public=True)  # fmt: skip
        if stage != ticket.stage:
            notices.queue(ticket.connection, ticket_id, event, stage, ticket.row, ticket.now, division=division)
        return Change(ticket_id, stage, event, version)

    return _act(engine, ticket_id, now, step)


def move(
    engine: sa.Engine, ticket_id: str, stage: rules.Stage, *, actor: str, note: str | None = None,
    public_note: str | None = None, photo: bytes | None = None, now: datetime | None = None,
) -> Change:  # fmt: skip
    """Move the ticket to `stage` (as `rules.MOVES` allows), with an internal note, a note for the
    citizen (shown on the status page and sent to them) and a photo of the fix."""
    checked = checked_photo(photo) if photo else None

    def step(ticket: _Ticket) -> Change:
        if not rules.may_move(ticket.stage, stage):
            raise MoveRefused(
                f"เปลี่ยนจาก {ticket.stage} เป็น {stage} ไม่ได้", f"Cannot move from {ticket.stage} to {stage}."
            )
        resolved_at = pd.Timestamp(ticket.now) if stage in rules.DONE_STAGES else pd.NaT
        if stage == "closed" and pd.notna(ticket.row["resolved_at"]):
            resolved_at = ticket.row["resolved_at"]
        version = _rewrite(ticket, actor, f"stage {stage}", status=rules.STAGE_STATUS[stage], resolved_at=resolved_at)
        values: dict[str, Any] = {"stage": stage}
        if stage == "resolved":
            values["resolved_at"] = ticket.now
        upsert_ticket(ticket.connection, ticket_id, now=ticket.now, **values)
        photo_id = (
            add_photo(ticket.connection, ticket_id, checked, kind="fix", by=actor, now=ticket.now) if checked else None
        )
        event = add_event(ticket.connection, ticket_id, "stage", ticket.now, actor=actor, stage_from=ticket.stage,
                          stage_to=stage, text=_note(note), version=version, public=True, photo_id=photo_id)  # fmt: skip
        if public_note:
            add_event(
                ticket.connection, ticket_id, "note", ticket.now, actor=actor, text=_note(public_note), public=True
            )
        notices.queue(ticket.connection, ticket_id, event, stage, ticket.row, ticket.now, note=_note(public_note))
        return Change(ticket_id, stage, event, version)

    return _act(engine, ticket_id, now, step)


def add_note(
    engine: sa.Engine, ticket_id: str, text: str, *, actor: str, public: bool = False, now: datetime | None = None
) -> Change:
    """A note in the timeline: internal by default; a public one is shown to and sent to the citizen."""

    def step(ticket: _Ticket) -> Change:
        event = add_event(
            ticket.connection, ticket_id, "note", ticket.now, actor=actor, text=_note(text), public=public
        )
        if public:
            notices.queue(ticket.connection, ticket_id, event, None, ticket.row, ticket.now, note=_note(text))
        return Change(ticket_id, ticket.stage, event, None)

    return _act(engine, ticket_id, now, step)


def attach_photo(
    engine: sa.Engine, ticket_id: str, content: bytes, *, actor: str, now: datetime | None = None
) -> Change:
    """A staff photo (e.g. of the fix) in the timeline; photos are never shown publicly."""
    photo = checked_photo(content)

    def step(ticket: _Ticket) -> Change:
        photo_id = add_photo(ticket.connection, ticket_id, photo, kind="fix", by=actor, now=ticket.now)
        event = add_event(ticket.connection, ticket_id, "photo", ticket.now, actor=actor, photo_id=photo_id)
        return Change(ticket_id, ticket.stage, event, None)

    return _act(engine, ticket_id, now, step)


def _note(text: str | None) -> str | None:
    return text.strip()[:MAX_NOTE_CHARS] if text and text.strip() else None


# ----------------------------------------------------------------- citizens


def citizen_may_act(connection: sa.Connection, ticket_id: str, citizen: Citizen) -> bool:
    """True when `citizen` holds one of the ticket's keys, or is a recorded contact on their channel."""
    conditions = []
    if citizen.key:
        conditions.append(complaint_contacts.c.key_hash == key_hash(citizen.key))
    if citizen.channel and citizen.address:
        conditions.append(
            sa.and_(complaint_contacts.c.channel == citizen.channel, complaint_contacts.c.address == citizen.address)
        )
    if not conditions:
        return False
    query = (
        sa.select(sa.func.count())
        .select_from(complaint_contacts)
        .where(complaint_contacts.c.ticket_id == ticket_id, sa.or_(*conditions))
    )
    return bool(connection.scalar(query))


def _check_citizen(ticket: _Ticket, citizen: Citizen) -> str:
    if not citizen_may_act(ticket.connection, ticket.ticket_id, citizen):
        raise NotAllowed(
            "ต้องใช้ลิงก์หรือรหัสที่ได้รับตอนแจ้งเรื่อง จึงจะทำรายการนี้ได้",
            "Only the citizen who filed (with the link or key they were given) can do this.",
        )
    return f"citizen:{citizen.channel or 'web'}"


def add_information(
    engine: sa.Engine, ticket_id: str, citizen: Citizen, *, text: str | None = None, photo: bytes | None = None,
    now: datetime | None = None,
) -> Change:  # fmt: skip
    """More from the citizen (words and/or a photo), into the ticket's timeline (internal)."""
    checked = checked_photo(photo) if photo else None

    def step(ticket: _Ticket) -> Change:
        actor = _check_citizen(ticket, citizen)
        photo_id = (
            add_photo(ticket.connection, ticket_id, checked, kind="citizen", by=actor, now=ticket.now)
            if checked
            else None
        )
        event = add_event(
            ticket.connection, ticket_id, "info", ticket.now, actor=actor, text=_note(text), photo_id=photo_id
        )
        return Change(ticket_id, ticket.stage, event, None)

    return _act(engine, ticket_id, now, step)


def rate(
    engine: sa.Engine, ticket_id: str, citizen: Citizen, score: int, *, comment: str | None = None,
    now: datetime | None = None,
) -> Change:  # fmt: skip
    """The citizen's satisfaction, 1-5, once the ticket is resolved; once per resolution."""
    if score not in rules.RATING_SCALE:
        raise RatingRefused("ให้คะแนนได้ 1 ถึง 5", "A rating is a whole number from 1 to 5.")

    def step(ticket: _Ticket) -> Change:
        actor = _check_citizen(ticket, citizen)
        if ticket.stage not in rules.DONE_STAGES:
            raise RatingRefused("ให้คะแนนได้เมื่อเรื่องดำเนินการเสร็จแล้ว", "You can rate once the complaint is resolved.")
        if pd.notna(ticket.row["satisfaction"]):
            raise RatingRefused("เรื่องนี้ได้รับคะแนนแล้ว", "This complaint has already been rated.")
        version = _rewrite(ticket, actor, "rated", satisfaction=score)
        upsert_ticket(ticket.connection, ticket_id, now=ticket.now, rated=True)
        event = add_event(ticket.connection, ticket_id, "rating", ticket.now, actor=actor, text=_note(comment),
                          version=version, public=True)  # fmt: skip
        return Change(ticket_id, ticket.stage, event, version)

    return _act(engine, ticket_id, now, step)


def reopen(engine: sa.Engine, ticket_id: str, citizen: Citizen, reason: str, *, now: datetime | None = None) -> Change:
    """Send a resolved ticket back to its division, within `rules.REOPEN_DAYS` of its resolution."""

    def step(ticket: _Ticket) -> Change:
        actor = _check_citizen(ticket, citizen)
        resolved = ticket.row["resolved_at"]
        resolved_at = None if pd.isna(resolved) else pd.Timestamp(resolved).to_pydatetime()
        if not rules.may_reopen(ticket.stage, resolved_at, ticket.now):
            raise ReopenRefused(
                f"เปิดเรื่องใหม่ได้ภายใน {rules.REOPEN_DAYS} วันหลังดำเนินการเสร็จ",
                f"A complaint can be reopened within {rules.REOPEN_DAYS} days of being resolved.",
            )
        stage: rules.Stage = "assigned"
        version = _rewrite(ticket, actor, "reopened", status=rules.STAGE_STATUS[stage], resolved_at=pd.NaT,
                           satisfaction=pd.NA)  # fmt: skip
        reopened = int((ticket.record or {}).get("reopened") or 0) + 1
        upsert_ticket(ticket.connection, ticket_id, now=ticket.now, stage=stage, resolved_at=None, rated=False,
                      reopened=reopened)  # fmt: skip
        event = add_event(ticket.connection, ticket_id, "reopened", ticket.now, actor=actor, stage_from=ticket.stage,
                          stage_to=stage, text=_note(reason), version=version, public=True)  # fmt: skip
        return Change(ticket_id, stage, event, version)

    return _act(engine, ticket_id, now, step)
