"""Filing a complaint: one new ticket per complaint, numbered and saved in one transaction.

A filing and its bookkeeping (timeline, photos, contact, filing key) commit together with the new
version of the complaints dataset. Concurrent filings queue on the dataset's lock (SQLite: BEGIN
IMMEDIATE; PostgreSQL: the row lock on its head), so every one of them is saved with its own number.
The same filing sent twice (its `submission_key`), or the same complaint filed again while the
first is open (same category, community and words within DUPLICATE_HOURS), returns the first
ticket instead of making a second.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from data_sources import writes
from data_sources.db import DATASET_TABLES, write_transaction
from data_sources.thai_calendar import fiscal_year
from data_sources.tickets import rules
from data_sources.tickets.errors import FilingRefused, TicketNotFound
from data_sources.tickets.photos import Photo, checked_photo
from data_sources.tickets.record import add_event, add_photo, now_or_city, ticket_row, upsert_ticket
from data_sources.tickets.tables import (
    complaint_contacts,
    complaint_counters,
    complaint_photos,
    complaint_submissions,
    complaint_tickets,
)

TICKET_PREFIX = "CB"  # tickets filed online: CB69-00001, numbered per fiscal year
UNKNOWN_COMMUNITY = "ไม่ระบุ"
DESCRIPTION_COLUMN_CHARS = 1000  # the dataset's description column; longer text is kept whole in the timeline
DUPLICATE_HOURS = 48
PUBLIC_COORDINATE_DECIMALS = 3  # about 100 m: the public columns never pin a filer's door


@dataclass(frozen=True)
class NewComplaint:
    """What a citizen files. `contact_*` and exact coordinates stay internal."""

    category: str
    description: str
    community: str | None = None  # a community's Thai name from the city profile
    place: str | None = None  # where, in the citizen's words ("หน้าตลาดเก่า")
    channel: str = "chatbot"  # the dataset's channel: chatbot, line, web, open311, ...
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_address: str | None = None  # where notices go on `channel`, e.g. a LINE user id
    latitude: float | None = None
    longitude: float | None = None
    photos: tuple[bytes, ...] = ()
    photo_ids: tuple[int, ...] = ()  # photos staged earlier in the conversation (`stage_photo`)
    submission_key: str | None = None  # the same key twice files once


@dataclass(frozen=True)
class Filed:
    ticket_id: str
    created: bool  # False: this filing (or the same complaint) was already a ticket
    access_key: str  # give it to the citizen: with the ticket number it lets them add, rate, reopen
    division: str
    due_at: datetime | None
    version: int | None  # the complaints dataset version the filing made (None when not created)


def fingerprint(category: str, community: str | None, description: str) -> str:
    """What makes two filings "the same complaint": category, community and the words, with
    spacing and punctuation ignored (Thai is spaced as each writer likes).

    >>> fingerprint("waste", "สะพรั่ง", "ขยะไม่ได้เก็บ  สามวัน!") == fingerprint("waste", "สะพรั่ง", "ขยะไม่ได้เก็บสามวัน")
    True
    """
    words = re.sub(r"[\W_]+", "", description.casefold())
    return hashlib.sha256(f"{category}|{community or ''}|{words}".encode()).hexdigest()


def new_access_key() -> str:
    return secrets.token_urlsafe(9)


def key_hash(access_key: str) -> str:
    return hashlib.sha256(access_key.strip().encode()).hexdigest()


def file_complaint(engine: sa.Engine, complaint: NewComplaint, *, now: datetime | None = None) -> Filed:
    """Save `complaint` as a new ticket (or return the ticket it already is); see the module docstring."""
    if not complaint.category or not complaint.description.strip():
        raise FilingRefused("ต้องมีประเภทและรายละเอียดของเรื่อง", "A complaint needs a category and a description.")
    photos = [checked_photo(content) for content in complaint.photos]
    now = now_or_city(now)
    access_key = new_access_key()
    with write_transaction(engine) as connection:
        writes.lock_dataset(connection, "complaints")  # first: every check below sees the filings before it
        existing = _already_filed(connection, complaint, now)
        if existing is not None:
            _link_citizen(connection, existing, complaint, access_key, now, role="filer")
            _remember_submission(connection, complaint.submission_key, existing, now)
            return Filed(existing, False, access_key, rules.division_for(complaint.category), None, None)
        ticket_id = _next_ticket_id(connection, now)
        version = writes.write_keyed(
            connection, "complaints", dataset_row(complaint, ticket_id, now), user=f"citizen:{complaint.channel}"
        )
        due = rules.due_at(complaint.category, now)
        upsert_ticket(connection, ticket_id, stage="new", now=now, channel=complaint.channel, due_at=due,
                      latitude=complaint.latitude, longitude=complaint.longitude,
                      fingerprint=fingerprint(complaint.category, complaint.community, complaint.description))  # fmt: skip
        division = rules.division_for(complaint.category)
        add_event(connection, ticket_id, "filed", now, actor=f"citizen:{complaint.channel}", stage_to="new",
                  division=division, version=version, public=True)  # fmt: skip
        _keep_long_description(connection, ticket_id, complaint, now)
        _add_citizen_photos(connection, ticket_id, photos, complaint.channel, now)
        _claim_staged(connection, ticket_id, complaint.photo_ids, complaint.channel, now)
        _link_citizen(connection, ticket_id, complaint, access_key, now, role="filer")
        _remember_submission(connection, complaint.submission_key, ticket_id, now)
    return Filed(ticket_id, True, access_key, division, due, version)


def stage_photo(engine: sa.Engine, content: bytes, *, channel: str = "chatbot", now: datetime | None = None) -> int:
    """Keep a photo sent in a conversation before its complaint is filed; pass its id in
    `NewComplaint.photo_ids` (the conversation state holds ids, never bytes)."""
    photo = checked_photo(content)
    with write_transaction(engine) as connection:
        return add_photo(connection, None, photo, kind="citizen", by=f"citizen:{channel}", now=now_or_city(now))


def join_complaint(
    engine: sa.Engine, ticket_id: str, *, channel: str, contact_address: str | None = None, text: str | None = None,
    photos: Iterable[bytes] = (), photo_ids: Iterable[int] = (), submission_key: str | None = None,
    now: datetime | None = None,
) -> Filed:  # fmt: skip
    """Add a citizen to an open ticket (a likely duplicate they chose to join): they hear about it
    as its filer does, and what they add goes into its timeline (internal)."""
    checked = [checked_photo(content) for content in photos]
    now = now_or_city(now)
    access_key = new_access_key()
    joiner = NewComplaint(
        "", text or "", channel=channel, contact_address=contact_address, submission_key=submission_key
    )
    with write_transaction(engine) as connection:
        writes.lock_dataset(connection, "complaints")
        row = ticket_row(connection, ticket_id)
        if row is None:
            raise TicketNotFound(f"ไม่พบเรื่องเลขที่ {ticket_id}", f"No complaint numbered {ticket_id}.")
        add_event(connection, ticket_id, "joined", now, actor=f"citizen:{channel}", text=text or None)
        _add_citizen_photos(connection, ticket_id, checked, channel, now)
        _claim_staged(connection, ticket_id, tuple(photo_ids), channel, now)
        _link_citizen(connection, ticket_id, joiner, access_key, now, role="joined")
        _remember_submission(connection, submission_key, ticket_id, now)
    division = str(row["assigned_division"]) if pd.notna(row["assigned_division"]) else rules.DEFAULT_DIVISION
    return Filed(ticket_id, False, access_key, division, None, None)


def _already_filed(connection: sa.Connection, complaint: NewComplaint, now: datetime) -> str | None:
    if complaint.submission_key:
        found = connection.scalar(
            sa.select(complaint_submissions.c.ticket_id).where(
                complaint_submissions.c.submission_key == complaint.submission_key
            )
        )
        if found is not None:
            return str(found)
    same = fingerprint(complaint.category, complaint.community, complaint.description)
    query = (
        sa.select(complaint_tickets.c.ticket_id)
        .where(
            complaint_tickets.c.fingerprint == same,
            complaint_tickets.c.created_at >= now - timedelta(hours=DUPLICATE_HOURS),
            complaint_tickets.c.stage.in_(rules.OPEN_STAGES),
        )
        .order_by(complaint_tickets.c.created_at)
        .limit(1)
    )
    found = connection.scalar(query)
    return None if found is None else str(found)


def _next_ticket_id(connection: sa.Connection, now: datetime) -> str:
    """The next number of this fiscal year under TICKET_PREFIX; the dataset's lock is already held."""
    prefix = f"{TICKET_PREFIX}{fiscal_year(now.date()) % 100:02d}-"
    last = connection.scalar(sa.select(complaint_counters.c.last_number).where(complaint_counters.c.prefix == prefix))
    if last is None:
        last = _highest_number(connection, prefix)
        connection.execute(complaint_counters.insert().values(prefix=prefix, last_number=last))
    table = DATASET_TABLES["complaints"]
    number = int(last)
    while True:  # skip a number someone typed into an uploaded sheet
        number += 1
        candidate = f"{prefix}{number:05d}"
        taken = connection.scalar(sa.select(sa.func.count()).select_from(table).where(table.c.ticket_id == candidate))
        if not taken:
            break
    connection.execute(
        complaint_counters.update().where(complaint_counters.c.prefix == prefix).values(last_number=number)
    )
    return candidate


def _highest_number(connection: sa.Connection, prefix: str) -> int:
    """The highest number ever used under `prefix` (closed rows too: a number is never reused)."""
    table = DATASET_TABLES["complaints"]
    ids = connection.scalars(sa.select(table.c.ticket_id).where(table.c.ticket_id.like(f"{prefix}%")))
    numbers = [int(m.group(1)) for m in (re.fullmatch(re.escape(prefix) + r"(\d+)", str(i)) for i in ids) if m]
    return max(numbers, default=0)


def dataset_row(complaint: NewComplaint, ticket_id: str, now: datetime) -> pd.DataFrame:
    """The complaints dataset's row for a new filing (description with the place, rounded coordinates)."""
    description = complaint.description.strip()
    place = (complaint.place or "").strip()
    if place and place.replace("ชุมชน", "").strip() != (complaint.community or "") and place not in description:
        description = f"{description} (สถานที่: {place})"
    if len(description) > DESCRIPTION_COLUMN_CHARS:
        description = description[: DESCRIPTION_COLUMN_CHARS - 1] + "…"
    latitude, longitude = _public_coordinates(complaint)
    row = {
        "ticket_id": ticket_id, "received_at": pd.Timestamp(now).floor("s"), "resolved_at": pd.NaT,
        "category": complaint.category, "community": complaint.community or UNKNOWN_COMMUNITY,
        "latitude": latitude, "longitude": longitude, "channel": complaint.channel,
        "assigned_division": rules.division_for(complaint.category), "status": rules.STAGE_STATUS["new"],
        "satisfaction": pd.NA, "description": description, "complainant_name": complaint.contact_name,
        "complainant_phone": complaint.contact_phone,
    }  # fmt: skip
    return pd.DataFrame([row])


def _public_coordinates(complaint: NewComplaint) -> tuple[float | None, float | None]:
    if complaint.latitude is None or complaint.longitude is None:
        return None, None
    return round(complaint.latitude, PUBLIC_COORDINATE_DECIMALS), round(complaint.longitude, PUBLIC_COORDINATE_DECIMALS)


def _keep_long_description(connection: sa.Connection, ticket_id: str, complaint: NewComplaint, now: datetime) -> None:
    if len(complaint.description.strip()) > DESCRIPTION_COLUMN_CHARS:
        add_event(connection, ticket_id, "info", now, actor=f"citizen:{complaint.channel}", text=complaint.description)


def _add_citizen_photos(
    connection: sa.Connection, ticket_id: str, photos: list[Photo], channel: str, now: datetime
) -> None:
    for photo in photos:
        photo_id = add_photo(connection, ticket_id, photo, kind="citizen", by=f"citizen:{channel}", now=now)
        add_event(connection, ticket_id, "photo", now, actor=f"citizen:{channel}", photo_id=photo_id)


def _claim_staged(
    connection: sa.Connection, ticket_id: str, photo_ids: tuple[int, ...], channel: str, now: datetime
) -> None:
    """Attach photos staged in the conversation (only unclaimed ones: a photo joins one ticket)."""
    if not photo_ids:
        return
    claimable = connection.scalars(
        sa.select(complaint_photos.c.id).where(
            complaint_photos.c.id.in_(photo_ids), complaint_photos.c.ticket_id.is_(None)
        )
    ).all()
    for photo_id in claimable:
        connection.execute(
            complaint_photos.update().where(complaint_photos.c.id == photo_id).values(ticket_id=ticket_id)
        )
        add_event(connection, ticket_id, "photo", now, actor=f"citizen:{channel}", photo_id=int(photo_id))


def _link_citizen(
    connection: sa.Connection, ticket_id: str, complaint: NewComplaint, access_key: str, now: datetime, *, role: str
) -> None:
    """Record how to reach the citizen (one row per channel address) and the hash of their key.

    A second filing from an address already recorded adds only its key, so notices go out once.
    """
    address = complaint.contact_address
    if address:
        known = connection.scalar(
            sa.select(sa.func.count())
            .select_from(complaint_contacts)
            .where(
                complaint_contacts.c.ticket_id == ticket_id,
                complaint_contacts.c.channel == complaint.channel,
                complaint_contacts.c.address == address,
            )
        )
        address = None if known else address
    connection.execute(
        complaint_contacts.insert().values(
            ticket_id=ticket_id,
            channel=complaint.channel,
            address=address,
            key_hash=key_hash(access_key),
            role=role,
            added_at=now,
        )  # fmt: skip
    )


def _remember_submission(connection: sa.Connection, key: str | None, ticket_id: str, now: datetime) -> None:
    if not key:
        return
    known = connection.scalar(
        sa.select(complaint_submissions.c.ticket_id).where(complaint_submissions.c.submission_key == key)
    )
    if known is None:
        connection.execute(complaint_submissions.insert().values(submission_key=key[:80], ticket_id=ticket_id, at=now))
