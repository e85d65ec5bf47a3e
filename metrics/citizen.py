"""The Citizen Dashboard's figures: today's air, the river now, recent incidents, waste, city events.

Pure shaping over typed frames (no Streamlit, no personal columns needed). Words people read
live in the UI's string files; this module returns keys (a band, a river status) and numbers.

Air rule: "today" is the city mean of every reading from midnight up to `now` (as the Mayor
Dashboard's PM2.5 alert); a day without a reading is left out, never shown as zero.
River rule: a station's latest reading counts when it is at most RIVER_LIVE_HOURS old (as the
alerts); its status is critical at or above the critical level, warning at or above the warning
level, watch close below the warning level, otherwise normal (data_sources.bands).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import pandas as pd

from data_sources.adapters import dataset
from data_sources.bands import (
    PM25_DAILY_STANDARD,
    AirBand,
    air_band,
)
from data_sources.city import ASSETS
from metrics.breakdowns import incidents_by_type
from metrics.kpi import Frames
from metrics.kpis.environment import daily_city_means
from metrics.periods import rolling
from metrics.river_outlook import RiverOutlook, river_outlooks

EVENTS_FILE = ASSETS / "city" / "events.json"


@dataclass(frozen=True)
class AirToday:
    pm25: float | None  # today's city mean so far; None when nothing was measured today
    band: AirBand | None
    over_standard: bool | None
    as_of: datetime | None  # the latest reading counted
    days: pd.DataFrame  # the last days: day (datetime64), pm25, band, colour, over_standard
    standard: float = PM25_DAILY_STANDARD


def air_today(frames: Frames, now: datetime, *, days: int = 7) -> AirToday:
    """Today's PM2.5 against the daily standard, and the daily city means of the last `days` days."""
    readings = frames["air_quality"]
    window = readings.loc[
        (readings["measured_at"] >= pd.Timestamp(now.date() - timedelta(days=days - 1)))
        & (readings["measured_at"] <= pd.Timestamp(now)),
        ["measured_at", "pm25"],
    ]
    means = daily_city_means(window, "pm25")
    daily = pd.DataFrame({"day": pd.to_datetime(means.index), "pm25": means.to_numpy(dtype="float64")})
    daily["band"] = [air_band(v).key for v in daily["pm25"]]
    daily["colour"] = [air_band(v).colour for v in daily["pm25"]]
    daily["over_standard"] = daily["pm25"] > PM25_DAILY_STANDARD
    today = daily.loc[daily["day"] == pd.Timestamp(now.date()), "pm25"]
    measured = window.loc[window["pm25"].notna(), "measured_at"]
    as_of = measured.max().to_pydatetime() if len(measured) else None
    if today.empty:
        return AirToday(None, None, None, as_of, daily)
    value = float(today.iloc[0])
    return AirToday(value, air_band(value), value > PM25_DAILY_STANDARD, as_of, daily)


def river_now(frames: Frames, now: datetime) -> list[RiverOutlook]:
    """Every river station of the city profile with its latest live reading and outlook, in
    profile order (metrics.river_outlook: the one place a river reading is read)."""
    return river_outlooks(frames["water_level"], now)


def choice_labels(dataset_key: str, column: str) -> dict[str, tuple[str, str]]:
    """Thai and English labels of a list column's options: {key: (label_th, label_en)}."""
    kind = next(c.kind for c in dataset(dataset_key).columns if c.key == column)
    return {o.key: (o.label_th, o.label_en) for o in kind.options}


def with_labels(table: pd.DataFrame, dataset_key: str, column: str) -> pd.DataFrame:
    """`table` plus label_th / label_en for its `column` (an unknown value labels itself)."""
    labels = choice_labels(dataset_key, column)
    keys = table[column].astype("string").fillna("")
    return table.assign(
        label_th=[labels.get(k, (k, k))[0] for k in keys], label_en=[labels.get(k, (k, k))[1] for k in keys]
    )


def recent_incidents(frames: Frames, today: date, *, days: int = 30) -> pd.DataFrame:
    """Incidents of the last `days` days by type: incidents, severe, households affected, injured."""
    table = incidents_by_type(frames, rolling(days, today=today))
    return with_labels(table, "incidents", "incident_type")


@dataclass(frozen=True)
class WasteSummary:
    tons_collected: float | None  # the last `days` days; None when nothing was recorded
    tons_recycled: float | None
    days: int
    monthly: pd.DataFrame  # month (datetime64, first day), tons_collected, tons_recycled


def waste_summary(frames: Frames, today: date, *, days: int = 30, months: int = 6) -> WasteSummary:
    """Waste collected and recycled over the last `days` days, and month by month."""
    waste = frames["waste"]
    window = waste.loc[waste["date"] > pd.Timestamp(today - timedelta(days=days))]
    first_month = (pd.Timestamp(today).to_period("M") - (months - 1)).to_timestamp()
    recent = waste.loc[waste["date"] >= first_month]
    monthly = (
        recent.assign(month=recent["date"].dt.to_period("M").dt.to_timestamp())
        .groupby("month")[["tons_collected", "tons_recycled"]]
        .sum()
        .reset_index()
    )
    if window.empty:
        return WasteSummary(None, None, days, monthly)
    return WasteSummary(float(window["tons_collected"].sum()), float(window["tons_recycled"].sum()), days, monthly)


@dataclass(frozen=True)
class CityEvent:
    key: str
    name_th: str
    name_en: str
    place_th: str
    place_en: str
    when_th: str
    when_en: str
    months: tuple[int, ...]
    moves: bool
    dates: tuple[tuple[date, date], ...] = ()  # known dated editions (start, end), past or announced
    keywords: tuple[str, ...] = ()  # words citizens use for it


@cache
def city_events(path: Path = EVENTS_FILE) -> tuple[CityEvent, ...]:
    """The city's events at their usual time of year, from assets/city/events.json."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        CityEvent(**{
            **item, "months": tuple(item["months"]), "keywords": tuple(item.get("keywords", ())),
            "dates": tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in item.get("dates", [])),
        })
        for item in document["events"]
    )  # fmt: skip


def months_until(event: CityEvent, today: date) -> int:
    """Whole months from this month to the event's next usual month (0: this month).

    >>> months_until(CityEvent("x", "", "", "", "", "", "", (12, 1), False), date(2026, 11, 23))
    1
    """
    return min((month - today.month) % 12 for month in event.months)


def upcoming_events(today: date, *, count: int = 4, events: tuple[CityEvent, ...] | None = None) -> list[CityEvent]:
    """The next `count` events by usual month, this month's first (ties keep the file's order)."""
    ordered = sorted(events if events is not None else city_events(), key=lambda e: months_until(e, today))
    return ordered[:count]


@dataclass(frozen=True)
class CitizenToday:
    """Everything the "today in the city" half of the Citizen Dashboard shows."""

    now: datetime
    air: AirToday
    rivers: list[RiverOutlook]  # metrics.river_outlook: status raised to "watch" while rising fast
    incidents: pd.DataFrame
    incident_days: int
    waste: WasteSummary
    events: list[CityEvent]


def citizen_today(frames: Frames, now: datetime, *, incident_days: int = 30) -> CitizenToday:
    """Air, river, recent incidents, waste and upcoming events as of `now`."""
    today = now.date()
    return CitizenToday(
        now=now,
        air=air_today(frames, now),
        rivers=river_now(frames, now),
        incidents=recent_incidents(frames, today, days=incident_days),
        incident_days=incident_days,
        waste=waste_summary(frames, today),
        events=upcoming_events(today),
    )
