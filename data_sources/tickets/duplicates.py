"""Likely duplicates: an open ticket of the same category, nearby, received recently.

"Nearby" is within NEARBY_METRES when both tickets have coordinates (the exact ones the lifecycle
keeps, else the dataset's rounded ones), else the same community. A citizen about to file is
offered to join such a ticket instead of opening another one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from data_sources.city import distance_m
from data_sources.db import DATASET_TABLES, VALID_TO
from data_sources.tickets import rules
from data_sources.tickets.filing import UNKNOWN_COMMUNITY
from data_sources.tickets.record import now_or_city
from data_sources.tickets.tables import complaint_tickets

RECENT_DAYS = 14
NEARBY_METRES = 300.0


@dataclass(frozen=True)
class Similar:
    ticket_id: str
    category: str
    community: str | None
    received_at: datetime
    stage: rules.Stage
    distance_m: float | None  # None when matched by community


def similar_open(
    engine: sa.Engine, category: str, *, community: str | None = None, latitude: float | None = None,
    longitude: float | None = None, now: datetime | None = None, limit: int = 3,
) -> list[Similar]:  # fmt: skip
    """Open tickets of `category` received in the last RECENT_DAYS near the place given, nearest first."""
    now = now_or_city(now)
    table = DATASET_TABLES["complaints"]
    query = (
        sa.select(table.c.ticket_id, table.c.category, table.c.community, table.c.received_at, table.c.status,
                  table.c.assigned_division, table.c.latitude, table.c.longitude, complaint_tickets.c.stage,
                  complaint_tickets.c.latitude.label("exact_lat"), complaint_tickets.c.longitude.label("exact_lon"))
        .select_from(table.outerjoin(complaint_tickets, complaint_tickets.c.ticket_id == table.c.ticket_id))
        .where(table.c[VALID_TO].is_(None), table.c.category == category,
               table.c.status.in_([rules.STAGE_STATUS[s] for s in rules.OPEN_STAGES]),
               table.c.received_at >= now - timedelta(days=RECENT_DAYS), table.c.received_at <= now)
    )  # fmt: skip
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    found = [s for s in (_match(r, community, latitude, longitude) for r in rows) if s is not None]
    found.sort(key=lambda s: (s.distance_m if s.distance_m is not None else NEARBY_METRES, -s.received_at.timestamp()))
    return found[:limit]


def _match(
    row: sa.RowMapping, community: str | None, latitude: float | None, longitude: float | None
) -> Similar | None:
    stage = rules.effective_stage(row["stage"], row["status"], row["assigned_division"])
    if stage not in rules.OPEN_STAGES:
        return None
    lat = row["exact_lat"] if row["exact_lat"] is not None else row["latitude"]
    lon = row["exact_lon"] if row["exact_lon"] is not None else row["longitude"]
    distance = None
    if latitude is not None and longitude is not None and _known(lat) and _known(lon):
        distance = distance_m(latitude, longitude, float(lat), float(lon))
        if distance > NEARBY_METRES:
            return None
    elif not community or community == UNKNOWN_COMMUNITY or row["community"] != community:
        return None
    received = pd.Timestamp(row["received_at"]).to_pydatetime()
    return Similar(str(row["ticket_id"]), str(row["category"]), row["community"], received, stage, distance)


def _known(value: object) -> bool:
    return value is not None and not pd.isna(value)
