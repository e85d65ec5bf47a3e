"""The Mayor Dashboard's alerts: red KPIs, a river station at warning (with its rate of rise and
the projected time to the critical level), PM2.5 over the standard today, stale datasets.

Every alert says what to act on: where (the communities), since when, the owning division, and
the page that shows its detail; and carries a `rank` so the list reads most urgent first:
  river at critical 100, river at warning and rising 90, at warning 80;
  PM2.5 over the standard 60 + how far over (capped at 10);
  a red KPI 30 + 40 × (1 − score): 16 people injured against 3 (score 0.19) ranks 62, a rate
  just under its amber band (0.89) ranks 34;
  a dataset overdue 10 + its days overdue per cadence (capped at 10).

River rule: a station's latest reading at or before `now` counts only when it is at most
RIVER_LIVE_HOURS old (an older one is a sensor or upload problem, reported as a stale dataset).
Its rate of rise is the least-squares slope, in m/h, of the readings in the RISE_WINDOW_HOURS
up to the latest one (at least two readings); hours to critical = (critical − level) / rate when
the river is rising and still below critical.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

import numpy as np
import pandas as pd

from data_sources.adapters import DATASETS
from data_sources.bands import PM25_DAILY_STANDARD, RIVER_LIVE_HOURS, river_status
from data_sources.city import profile
from data_sources.divisions import DIVISIONS
from data_sources.freshness import is_fresh
from metrics.compute import CityResult, KpiResult, judge, judgement_for
from metrics.dimensions import by_dimension
from metrics.kpi import Context, Frames
from metrics.periods import Period, trailing
from metrics.phrases import format_number, format_value, phrase

AlertKind = Literal["kpi_red", "river", "pm25", "stale_dataset"]
Severity = Literal["critical", "warning"]
RISE_WINDOW_HOURS = 6


@dataclass(frozen=True)
class Link:
    """The page that shows an alert's detail, and the query parameters that open it there."""

    page: str
    query: tuple[tuple[str, str], ...] = ()

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    severity: Severity
    subject: str  # KPI id, station code or dataset key
    message_th: str
    message_en: str
    figures: dict[str, float | None] = field(default_factory=dict)
    rank: float = 0.0  # higher is more urgent
    communities: tuple[str, ...] = ()  # where (Thai names); empty: city-wide
    since: datetime | None = None
    division: str | None = None  # owning division key
    link: Link | None = None

    def message(self, lang: str) -> str:
        return self.message_th if lang == "th" else self.message_en

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind, "severity": self.severity, "subject": self.subject, "rank": self.rank,
            "message_th": self.message_th, "message_en": self.message_en, "figures": dict(self.figures),
            "communities": list(self.communities), "since": None if self.since is None else self.since.isoformat(),
            "division": self.division,
            "link": None if self.link is None else {"page": self.link.page, "query": self.link.params},
        }  # fmt: skip


KPI_PAGE = "pages/kpi_detail.py"
MAP_PAGE = "pages/city_map.py"
DATA_PAGE = "pages/data_status.py"
AIR_PAGE = "pages/pillar_environment.py"
NEAREST_COMMUNITIES = 3


def nearest_communities(lat: float, lon: float, *, flood_prone: bool = False) -> tuple[str, ...]:
    """The communities (Thai names) nearest a point, nearest first; only flood-prone ones if asked."""
    places = [c for c in profile()["communities"] if c.get("flood_prone") or not flood_prone]
    places.sort(key=lambda c: (c["lat"] - lat) ** 2 + (c["lon"] - lon) ** 2)
    return tuple(c["name_th"] for c in places[:NEAREST_COMMUNITIES])


def _both(section: str, key: str, slots_th: dict[str, object], slots_en: dict[str, object]) -> tuple[str, str]:
    return phrase(section, key, "th", **slots_th), phrase(section, key, "en", **slots_en)


def red_kpi_alerts(result: CityResult, *, where: Mapping[str, tuple[str, ...]] | None = None,
                   since: Mapping[str, datetime | None] | None = None) -> list[Alert]:  # fmt: skip
    """One alert per red KPI; `where` and `since` (per KPI id) come from `kpi_context`."""
    alerts = []
    for r in result.kpis.values():
        if r.status != "red" or r.score is None:
            continue
        th, en = _both(
            "alerts", "kpi_red",
            {"name": r.kpi.name_th, "value": format_value(r.value, r.kpi.unit, "th"), "target": format_value(r.target, r.kpi.unit, "th")},
            {"name": r.kpi.name_en, "value": format_value(r.value, r.kpi.unit, "en"), "target": format_value(r.target, r.kpi.unit, "en")},
        )  # fmt: skip
        alerts.append(
            Alert("kpi_red", "warning", r.id, th, en, {"value": r.value, "target": r.target, "score": r.score},
                  rank=30 + 40 * (1 - r.score), communities=(where or {}).get(r.id, ()),
                  since=(since or {}).get(r.id), division=r.kpi.division,
                  link=Link(KPI_PAGE, (("detail_kpi", r.id),)))
        )  # fmt: skip
    return alerts


def rise_rate(readings: pd.DataFrame) -> float | None:
    """Least-squares slope of level_m against time, in metres per hour; None under two readings."""
    if len(readings) < 2:
        return None
    hours = (readings["measured_at"] - readings["measured_at"].iloc[0]).dt.total_seconds().to_numpy() / 3600
    if np.ptp(hours) == 0:
        return None
    return float(np.polyfit(hours, readings["level_m"].to_numpy(dtype="float64"), 1)[0])


def _station_names(lang: str) -> dict[str, str]:
    return {s["code"]: s["name_th" if lang == "th" else "name_en"] for s in profile()["river_stations"]}


def river_alert(station: str, readings: pd.DataFrame) -> Alert | None:
    """The alert for one station's recent readings (sorted by time), or None below warning."""
    latest = readings.iloc[-1]
    level, warning, critical = (
        float(latest["level_m"]),
        float(latest["warning_level_m"]),
        float(latest["critical_level_m"]),
    )
    status = river_status(level, warning, critical)
    if status not in ("warning", "critical"):
        return None
    window = readings.loc[readings["measured_at"] >= latest["measured_at"] - timedelta(hours=RISE_WINDOW_HOURS)]
    rate = rise_rate(window)
    hours = 0.0 if status == "critical" else ((critical - level) / rate if rate and rate > 0 else None)
    key = "river_critical" if status == "critical" else ("river_rising" if hours is not None else "river_steady")
    slots = {"level": format_number(level, 2), "warning": format_number(warning, 2), "critical": format_number(critical, 2),
             "rate": format_number(rate or 0.0, 2), "hours": format_number(hours or 0.0, 1)}  # fmt: skip
    th, en = _both("alerts", key, {"station": _station_names("th").get(station, station), **slots},
                   {"station": _station_names("en").get(station, station), **slots})  # fmt: skip
    figures = {
        "level_m": level,
        "warning_level_m": warning,
        "critical_level_m": critical,
        "rise_m_per_h": rate,
        "hours_to_critical": hours,
    }
    place = next((p for p in profile()["river_stations"] if p["code"] == station), None)
    where = () if place is None else nearest_communities(place["lat"], place["lon"], flood_prone=True)
    statuses = [river_status(*row) for row in readings[["level_m", "warning_level_m", "critical_level_m"]].to_numpy()]
    above = np.array([s in ("warning", "critical") for s in statuses])
    # Since: the first reading of the latest unbroken run at or above warning.
    run_start = len(above) - int(np.argmin(above[::-1])) if not above.all() else 0
    rank = 100 if status == "critical" else (90 if hours is not None else 80)
    return Alert(
        "river", status, station, th, en, figures, rank=rank,
        communities=where, since=readings["measured_at"].iloc[run_start].to_pydatetime(), division="disaster",
        link=Link(MAP_PAGE),
    )  # fmt: skip


def river_alerts(frames: Frames, now: datetime) -> list[Alert]:
    water = frames.get("water_level")
    if water is None or water.empty:
        return []
    moment = pd.Timestamp(now)
    recent = water.loc[
        (water["measured_at"] <= moment) & (water["measured_at"] > moment - timedelta(hours=RIVER_LIVE_HOURS))
    ]
    alerts = []
    for station, readings in recent.sort_values("measured_at").groupby("station", observed=True):
        alert = river_alert(str(station), readings)
        if alert is not None:
            alerts.append(alert)
    return alerts


def pm25_alerts(frames: Frames, now: datetime) -> list[Alert]:
    """One alert when today's mean PM2.5 so far, over all stations, exceeds the daily standard."""
    air = frames.get("air_quality")
    if air is None or air.empty:
        return []
    midnight = pd.Timestamp(now.date())
    today = air.loc[(air["measured_at"] >= midnight) & (air["measured_at"] <= pd.Timestamp(now))]
    if today.empty or not float(today["pm25"].mean()) > PM25_DAILY_STANDARD:
        return []
    mean = float(today["pm25"].mean())
    by_station = today.groupby("station", observed=True)["pm25"].mean()
    worst = str(by_station.idxmax())
    names = {s["code"]: (s["name_th"], s["name_en"]) for s in profile()["air_stations"]}
    name_th, name_en = names.get(worst, (worst, worst))
    common = {"value": format_number(mean, 1), "station_value": format_number(float(by_station.max()), 1)}
    th, en = _both("alerts", "pm25_today", {"station": name_th, **common}, {"station": name_en, **common})
    place = next((p for p in profile()["air_stations"] if p["code"] == worst), None)
    where = () if place is None else nearest_communities(place["lat"], place["lon"])[:1]
    over = today.loc[today["pm25"] > PM25_DAILY_STANDARD, "measured_at"]
    return [
        Alert("pm25", "warning", worst, th, en, {"pm25_mean_today": mean, "standard": PM25_DAILY_STANDARD},
              rank=60 + min(mean / PM25_DAILY_STANDARD - 1, 1) * 10, communities=where,
              since=over.min().to_pydatetime() if len(over) else None, division="health", link=Link(AIR_PAGE))
    ]  # fmt: skip


def _owner(dataset: str) -> str | None:
    """The division that keeps a dataset; None for the register every division keeps."""
    owner = DATASETS[dataset].owner
    return owner if owner in DIVISIONS else None


def _stale_text(names: dict[str, dict[str, str]], hours: float | None, cadence_days: int) -> tuple[str, str]:
    if hours is None:
        return _both("alerts", "never_uploaded", names["th"], names["en"])
    # Under two days, hours say more than "1 days".
    if hours < 48:
        common = {"hours": format_number(hours), "cadence": format_number(cadence_days)}
        return _both("alerts", "stale_dataset_hours", {**names["th"], **common}, {**names["en"], **common})
    common = {"days": format_number(hours // 24), "cadence": format_number(cadence_days)}
    return _both("alerts", "stale_dataset", {**names["th"], **common}, {**names["en"], **common})


def stale_alerts(freshness: Mapping[str, datetime | None], now: datetime) -> list[Alert]:
    """A dataset never uploaded, or last uploaded longer ago than its cadence."""
    alerts = []
    for key, declared in DATASETS.items():
        last = freshness.get(key)
        if is_fresh(last, declared.cadence_days, now):
            continue
        names = {"th": {"dataset": declared.title_th}, "en": {"dataset": declared.title_en}}
        hours = None if last is None else (now - last).total_seconds() / 3600
        th, en = _stale_text(names, hours, declared.cadence_days)
        overdue = 10.0 if hours is None else min(hours / 24 / declared.cadence_days - 1, 10.0)
        alerts.append(
            Alert("stale_dataset", "warning", key, th, en,
                  {"days_since": None if hours is None else hours / 24, "cadence_days": float(declared.cadence_days)},
                  rank=10 + overdue, since=last, division=_owner(key), link=Link(DATA_PAGE))
        )  # fmt: skip
    return alerts


def alerts(
    frames: Frames,
    period: Period,
    result: CityResult,
    now: datetime,
    *,
    freshness: Mapping[str, datetime | None] | None = None,
    where: Mapping[str, tuple[str, ...]] | None = None,
    since: Mapping[str, datetime | None] | None = None,
) -> list[Alert]:
    """Every alert, most urgent first (by `rank`; critical ones always first).

    Red KPIs come from `result` (computed for `period`), with `where` and `since` per KPI from
    `kpi_context`; river and air alerts look at the hours up to `now` whatever the period;
    stale datasets need `freshness` (last upload per dataset).
    """
    found = river_alerts(frames, now) + pm25_alerts(frames, now)
    found += red_kpi_alerts(result, where=where, since=since)
    if freshness is not None:
        found += stale_alerts(freshness, now)
    return sorted(found, key=lambda a: (a.severity != "critical", -a.rank))


def kpi_context(
    frames: Frames, result: CityResult, *, context: Context, history: int = 12
) -> tuple[dict[str, tuple[str, ...]], dict[str, datetime | None]]:
    """For each red KPI: where it is worst (the community furthest from target, for a KPI kept by
    community, at city scope) and since when it is red (the start of the unbroken run of red
    periods, looking back at most `history` periods from the one shown)."""
    where: dict[str, tuple[str, ...]] = {}
    since: dict[str, datetime | None] = {}
    periods = trailing(result.period, history)
    for r in result.kpis.values():
        if r.status != "red":
            continue
        if result.community is None and r.kpi.community_level and "community" in r.kpi.breakdowns:
            table = by_dimension(r.id, frames, result.period, "community", context=context).dropna(subset=["value"])
            if not table.empty:
                worst = table.sort_values("value", ascending=r.kpi.better == "higher").iloc[0]
                where[r.id] = (str(worst["member"]),)
        since[r.id] = _red_since(r, frames, periods, context, result.community)
    return where, since


def _red_since(
    result: KpiResult, frames: Frames, periods: list[Period], context: Context, community: str | None
) -> datetime:
    """The start of the run of red periods ending with the last of `periods`, walking back one
    period at a time (most runs are short) through frames cut once to the whole window."""
    wanted = {key: frames[key] for key in result.kpi.datasets if key in frames}
    judgement = judgement_for(wanted, context=context, community=community, start=periods[0].start,
                              end=periods[-1].end, period=periods[-1])  # fmt: skip
    start = periods[-1].start
    for period in reversed(periods[:-1]):
        if judge(result.kpi, period, judgement, comparisons=False).status != "red":
            break
        start = period.start
    return datetime.combine(start, datetime.min.time())
