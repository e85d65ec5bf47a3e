"""Where the channels meet the complaint lifecycle: a filing from a channel, its followers,
photos and the citizen's rating.

Everything a channel does to a complaint goes through this one module, so when the lifecycle
API of issue #13 changes how a complaint is stored, only this file follows it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from chatbot.text import Lang
from data_sources import store
from data_sources.city import profile
from data_sources.city_time import now as city_now
from data_sources.db import line_followers, line_photos, write_transaction
from data_sources.errors import KeyExists
from data_sources.thai_calendar import fiscal_year

NEAR_COMMUNITY_KM = 3.0  # a shared location farther than this from every community names none
RATEABLE = ("resolved",)


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    address: str = ""


def nearest_community(latitude: float, longitude: float) -> str | None:
    """The Thai name of the city's community closest to the point, within NEAR_COMMUNITY_KM.

    >>> nearest_community(6.5536, 101.2979)
    'เมืองทอง'
    """
    best: tuple[float, str] | None = None
    for community in profile()["communities"]:
        distance = _km(latitude, longitude, community["lat"], community["lon"])
        if best is None or distance < best[0]:
            best = (distance, community["name_th"])
    return best[1] if best and best[0] <= NEAR_COMMUNITY_KM else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Equirectangular distance: exact enough across one city.
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def file_complaint(
    engine: sa.Engine,
    row: pd.DataFrame,
    *,
    channel: str,
    location: Location | None = None,
    follower: tuple[str, Lang] | None = None,
    conversation: str | None = None,
) -> None:
    """Store one complaint row from `channel`, with the shared location, the citizen to notify
    (`follower`: their address on the channel and language) and the conversation's photos."""
    row = row.copy()
    row["channel"] = channel
    if location is not None:
        row["latitude"], row["longitude"] = location.latitude, location.longitude
    store.append_rows(engine, "complaints", row, user=channel)
    ticket = str(row["ticket_id"].iloc[0])
    with write_transaction(engine) as connection:
        if follower is not None:
            address, lang = follower
            connection.execute(
                line_followers.insert().values(
                    ticket_id=ticket, channel=channel, address=address, lang=lang,
                    notified_status=str(row["status"].iloc[0]), created_at=city_now(),
                )
            )  # fmt: skip
        if conversation is not None:
            connection.execute(
                line_photos.update()
                .where(line_photos.c.conversation == conversation, line_photos.c.ticket_id.is_(None))
                .values(ticket_id=ticket)
            )


def keep_photo(engine: sa.Engine, conversation: str, content: bytes, content_type: str) -> int:
    """Keep a photo sent during a conversation until the complaint it belongs to is filed."""
    with write_transaction(engine) as connection:
        result = connection.execute(
            line_photos.insert().values(
                conversation=conversation, content=content, content_type=content_type, received_at=city_now()
            )
        )
        return int(result.inserted_primary_key[0])


def pending_photos(engine: sa.Engine, conversation: str) -> int:
    with engine.connect() as connection:
        query = sa.select(sa.func.count()).where(
            line_photos.c.conversation == conversation, line_photos.c.ticket_id.is_(None)
        )
        return int(connection.scalar(query) or 0)


def drop_pending_photos(engine: sa.Engine, conversation: str) -> None:
    """A filing was cancelled: its photos are personal data with no purpose left."""
    with write_transaction(engine) as connection:
        connection.execute(
            line_photos.delete().where(line_photos.c.conversation == conversation, line_photos.c.ticket_id.is_(None))
        )


def statuses(engine: sa.Engine, tickets: Iterable[str]) -> dict[str, str]:
    """The current status of each ticket that exists."""
    wanted = set(tickets)
    if not wanted:
        return {}
    frame = store.load(engine, "complaints", include_personal=False)
    found = frame[frame["ticket_id"].isin(wanted)]
    return dict(zip(found["ticket_id"].astype(str), found["status"].astype(str), strict=True))


def follower_of(engine: sa.Engine, ticket: str, channel: str) -> str | None:
    with engine.connect() as connection:
        return connection.scalar(
            sa.select(line_followers.c.address).where(
                line_followers.c.ticket_id == ticket, line_followers.c.channel == channel
            )
        )


def rate(engine: sa.Engine, ticket: str, score: int, *, channel: str) -> bool:
    """Record the citizen's 1-5 rating of a resolved ticket (once); False when it cannot be rated."""
    if not 1 <= score <= 5:
        return False
    frame = store.load(engine, "complaints")
    row = frame[frame["ticket_id"] == ticket]
    if row.empty or str(row["status"].iloc[0]) not in RATEABLE or not pd.isna(row["satisfaction"].iloc[0]):
        return False
    row = row.copy()
    row["satisfaction"] = score
    try:
        store.commit(engine, "complaints", row, mode="append", user=channel, kind="entry")
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class NewRequest:
    """A complaint that arrives whole (an Open311 POST), not through a conversation."""

    category: str
    community: str
    place: str
    description: str
    contact_name: str | None = None
    contact_phone: str | None = None
    location: Location | None = None


def file_request(engine: sa.Engine, request: NewRequest, *, channel: str, prefix: str) -> str:
    """File `request` as a new complaint from `channel`; returns its ticket number, numbered per
    fiscal year under `prefix` (OS68-00001). A number taken by a racing filing is retried."""
    from chatbot.complaint_flow import complaint_row, scrub

    now = city_now()
    draft = {
        "category": request.category, "community": request.community, "place": scrub(request.place)[:200],
        "description": scrub(request.description)[:1000], "contact_name": request.contact_name,
        "contact_phone": request.contact_phone,
    }  # fmt: skip
    for _ in range(_TICKET_ATTEMPTS):
        ticket = _next_ticket(engine, prefix, now)
        try:
            file_complaint(engine, complaint_row(draft, ticket, now), channel=channel, location=request.location)
        except (KeyExists, IntegrityError):
            continue
        return ticket
    raise KeyExists("ออกเลขที่เรื่องไม่สำเร็จ", "Could not allocate a ticket number")


_TICKET_ATTEMPTS = 5


def _next_ticket(engine: sa.Engine, prefix: str, now: datetime) -> str:
    head = f"{prefix}{fiscal_year(now.date()) % 100:02d}-"
    ids = store.load(engine, "complaints", include_personal=False)["ticket_id"].dropna().astype(str)
    numbers = [int(i[len(head) :]) for i in ids if i.startswith(head) and i[len(head) :].isdigit()]
    return f"{head}{max(numbers, default=0) + 1:05d}"
