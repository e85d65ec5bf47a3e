"""What the public pages read: public frames only (personal columns dropped at the store), and
the citizen figures computed from them, cached by dataset versions so an upload shows at once.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from data_sources import city_time, store
from metrics.cache import remember, versions_key
from metrics.citizen import CitizenToday, citizen_today
from metrics.citizen_complaints import ComplaintSummary, TicketStatus, complaint_summary, find_ticket
from metrics.citizen_services import services
from metrics.periods import Period
from ui.session import database

TODAY_DATASETS = ("air_quality", "water_level", "incidents", "waste")


def public_frames(*keys: str) -> dict[str, pd.DataFrame]:
    """The current rows of each dataset in `keys`, WITHOUT personal columns."""
    engine = database()
    return {key: store.load(engine, key, include_personal=False) for key in keys}


def _versions(*keys: str) -> tuple[tuple[str, int], ...]:
    every = store.versions(database())
    return versions_key({key: every.get(key, 0) for key in keys})


def _this_minute() -> datetime:
    # Part of the cache key: figures "as of now" are recomputed at most once a minute.
    return city_time.now().replace(second=0)


def today_view() -> CitizenToday:
    """Air, river, incidents, waste and events as of this minute."""
    now = _this_minute()
    key = ("citizen_today", str(database().url), _versions(*TODAY_DATASETS), now)
    return remember(key, lambda: citizen_today(public_frames(*TODAY_DATASETS), now))


def complaints_view(period: Period) -> ComplaintSummary:
    """The complaints figures of `period` (aggregates only)."""
    key = ("citizen_complaints", str(database().url), _versions("complaints"), period)
    return remember(key, lambda: complaint_summary(public_frames("complaints"), period))


def ticket_status(text: str) -> TicketStatus | None:
    """Status and dates of the ticket numbered `text`; None when there is no such ticket."""
    return find_ticket(public_frames("complaints")["complaints"], text)


def service_places(types: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Public places of the chosen types, with their labels and map colours."""
    key = ("citizen_services", str(database().url), _versions("facilities"), types)
    return remember(key, lambda: services(public_frames("facilities"), types))
