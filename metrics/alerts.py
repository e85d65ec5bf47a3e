"""The Mayor Dashboard's alerts: red KPIs, a river station at warning (with its rate of rise and
the projected time to the critical level), PM2.5 over the standard today, stale datasets.

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
from data_sources.freshness import is_fresh
from metrics.compute import CityResult
from metrics.kpi import Frames
from metrics.periods import Period
from metrics.phrases import format_number, format_value, phrase

AlertKind = Literal["kpi_red", "river", "pm25", "stale_dataset"]
Severity = Literal["critical", "warning"]
RISE_WINDOW_HOURS = 6


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    severity: Severity
    subject: str  # KPI id, station code or dataset key
    message_th: str
    message_en: str
    figures: dict[str, float | None] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.message_th if lang == "th" else self.message_en


def _both(section: str, key: str, slots_th: dict[str, object], slots_en: dict[str, object]) -> tuple[str, str]:
    return phrase(section, key, "th", **slots_th), phrase(section, key, "en", **slots_en)


def red_kpi_alerts(result: CityResult) -> list[Alert]:
    alerts = []
    for r in result.kpis.values():
        if r.status != "red":
            continue
        th, en = _both(
            "alerts", "kpi_red",
            {"name": r.kpi.name_th, "value": format_value(r.value, r.kpi.unit, "th"), "target": format_value(r.target, r.kpi.unit, "th")},
            {"name": r.kpi.name_en, "value": format_value(r.value, r.kpi.unit, "en"), "target": format_value(r.target, r.kpi.unit, "en")},
        )  # fmt: skip
        alerts.append(
            Alert("kpi_red", "warning", r.id, th, en, {"value": r.value, "target": r.target, "score": r.score})
        )
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
    if river_status(level, warning, critical) not in ("warning", "critical"):
        return None
    window = readings.loc[readings["measured_at"] >= latest["measured_at"] - timedelta(hours=RISE_WINDOW_HOURS)]
    rate = rise_rate(window)
    hours = 0.0 if level >= critical else ((critical - level) / rate if rate and rate > 0 else None)
    key = "river_critical" if level >= critical else ("river_rising" if hours is not None else "river_steady")
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
    return Alert("river", "critical" if level >= critical else "warning", station, th, en, figures)


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
    return [Alert("pm25", "warning", worst, th, en, {"pm25_mean_today": mean, "standard": PM25_DAILY_STANDARD})]


def _stale_alert(key: str, names: dict[str, dict[str, str]], hours: float, cadence_days: int) -> Alert:
    # Under two days, hours say more than "1 days".
    if hours < 48:
        common = {"hours": format_number(hours), "cadence": format_number(cadence_days)}
        template = "stale_dataset_hours"
    else:
        common = {"days": format_number(hours // 24), "cadence": format_number(cadence_days)}
        template = "stale_dataset"
    th, en = _both("alerts", template, {**names["th"], **common}, {**names["en"], **common})
    return Alert(
        "stale_dataset", "warning", key, th, en, {"days_since": hours / 24, "cadence_days": float(cadence_days)}
    )


def stale_alerts(freshness: Mapping[str, datetime | None], now: datetime) -> list[Alert]:
    """A dataset never uploaded, or last uploaded longer ago than its cadence."""
    alerts = []
    for key, declared in DATASETS.items():
        last = freshness.get(key)
        if is_fresh(last, declared.cadence_days, now):
            continue
        names = {"th": {"dataset": declared.title_th}, "en": {"dataset": declared.title_en}}
        if last is None:
            th, en = _both("alerts", "never_uploaded", names["th"], names["en"])
            alerts.append(
                Alert(
                    "stale_dataset", "warning", key, th, en, {"days_since": None, "cadence_days": declared.cadence_days}
                )
            )
            continue
        alerts.append(_stale_alert(key, names, (now - last).total_seconds() / 3600, declared.cadence_days))
    return alerts


def alerts(
    frames: Frames,
    period: Period,
    result: CityResult,
    now: datetime,
    *,
    freshness: Mapping[str, datetime | None] | None = None,
) -> list[Alert]:
    """Every alert, most urgent first: critical before warning; river, air, KPIs, then data.

    Red KPIs come from `result` (computed for `period`); river and air alerts look at the hours
    up to `now` whatever the period; stale datasets need `freshness` (last upload per dataset).
    """
    found = river_alerts(frames, now) + pm25_alerts(frames, now) + red_kpi_alerts(result)
    if freshness is not None:
        found += stale_alerts(freshness, now)
    return sorted(found, key=lambda a: a.severity != "critical")
