"""The outbox: messages to citizens about their tickets, delivered by the channel they filed on.

A stage change or a note for the citizen queues one notice per contact of the ticket that has an
address on a channel (e.g. a LINE user id); the channel's worker (LINE: push messages) lists
`pending` notices, sends them and marks each `delivered` (or `failed`, to retry later). A notice
for a resolved ticket has `ask_rating` set: the worker offers the 1-5 rating. Notices carry the
ticket number, its category and its stage, never the citizen's own words or contact details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from data_sources.db import write_transaction
from data_sources.divisions import DIVISIONS
from data_sources.tickets import rules
from data_sources.tickets.labels import category_label, stage_label
from data_sources.tickets.record import now_or_city
from data_sources.tickets.tables import complaint_contacts, complaint_notices

MAX_ATTEMPTS = 5  # after this many failed sends a notice stops being pending


@dataclass(frozen=True)
class Notice:
    id: int
    ticket_id: str
    channel: str
    recipient: str  # the channel's address (personal: never log it)
    kind: str  # stage | note
    stage: str | None
    ask_rating: bool
    message_th: str
    message_en: str
    created_at: datetime
    attempts: int

    def message(self, lang: str) -> str:
        return self.message_th if lang == "th" else self.message_en


def _texts(ticket_id: str, category: str, stage: str | None, division: str | None, note: str | None) -> tuple[str, str]:
    what_th, what_en = (
        f"เรื่องเลขที่ {ticket_id} ({category_label(category, 'th')})",
        f"Complaint {ticket_id} ({category_label(category, 'en')})",
    )
    if stage is None:
        return f"{what_th}: ข้อความจากเจ้าหน้าที่\n{note}", f"{what_en}: a message from staff\n{note}"
    th = f"{what_th}: {stage_label(stage, 'th')}"
    en = f"{what_en}: {stage_label(stage, 'en')}"
    if stage == "assigned" and division in DIVISIONS:
        th += f" ({DIVISIONS[division].title_th})"
        en += f" ({DIVISIONS[division].title_en})"
    if stage == "resolved":
        th += "\nโปรดให้คะแนนความพึงพอใจ 1–5 และหากยังไม่เรียบร้อย ขอเปิดเรื่องใหม่ได้ภายใน " + f"{rules.REOPEN_DAYS} วัน"
        en += f"\nPlease rate the service from 1 to 5; if it is not fixed, you can reopen it within {rules.REOPEN_DAYS} days."
    if note:
        th, en = f"{th}\n{note}", f"{en}\n{note}"
    return th, en


def queue(
    connection: sa.Connection, ticket_id: str, event_id: int, stage: str | None, row: pd.Series, now: datetime, *,
    division: str | None = None, note: str | None = None,
) -> int:  # fmt: skip
    """Queue a notice of this change for every contact of the ticket with an address; returns how many."""
    contacts = connection.execute(
        sa.select(complaint_contacts.c.channel, complaint_contacts.c.address)
        .where(complaint_contacts.c.ticket_id == ticket_id, complaint_contacts.c.address.is_not(None))
        .distinct()
    ).all()
    if not contacts:
        return 0
    th, en = _texts(ticket_id, str(row["category"]), stage, division, note)
    connection.execute(
        complaint_notices.insert(),
        [
            {
                "ticket_id": ticket_id,
                "event_id": event_id,
                "channel": channel,
                "recipient": address,
                "kind": "note" if stage is None else "stage",
                "stage": stage,
                "ask_rating": stage == "resolved",
                "message_th": th,
                "message_en": en,
                "created_at": now,
                "attempts": 0,
            }
            for channel, address in contacts
        ],  # fmt: skip
    )
    return len(contacts)


def pending(engine: sa.Engine, *, channel: str | None = None, limit: int = 100) -> list[Notice]:
    """Notices not yet delivered (and not given up on), oldest first; optionally of one channel."""
    query = (
        sa.select(complaint_notices)
        .where(complaint_notices.c.delivered_at.is_(None), complaint_notices.c.attempts < MAX_ATTEMPTS)
        .order_by(complaint_notices.c.id)
        .limit(limit)
    )
    if channel is not None:
        query = query.where(complaint_notices.c.channel == channel)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [
        Notice(row["id"], row["ticket_id"], row["channel"], row["recipient"], row["kind"], row["stage"],
               bool(row["ask_rating"]), row["message_th"], row["message_en"], row["created_at"], int(row["attempts"]))
        for row in rows
    ]  # fmt: skip


def delivered(engine: sa.Engine, notice_id: int, *, now: datetime | None = None) -> None:
    """Mark a notice sent; it is never listed as pending again."""
    with write_transaction(engine) as connection:
        connection.execute(
            complaint_notices.update()
            .where(complaint_notices.c.id == notice_id)
            .values(delivered_at=now_or_city(now), attempts=complaint_notices.c.attempts + 1)
        )


def failed(engine: sa.Engine, notice_id: int, error: str) -> None:
    """Count a failed send (the error's text must carry no personal data); retried until MAX_ATTEMPTS."""
    with write_transaction(engine) as connection:
        connection.execute(
            complaint_notices.update()
            .where(complaint_notices.c.id == notice_id)
            .values(attempts=complaint_notices.c.attempts + 1, last_error=error[:500])
        )
