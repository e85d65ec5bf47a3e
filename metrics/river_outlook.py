"""The river now and where it is heading, per station: level, rate of rise, time to the warning and
critical levels at that rate, and how old the reading is. One rule for the Citizen Dashboard's
river card, the chatbot's flood answers and anyone else who tells a citizen about the river.

Rate rule: the least-squares slope (m/h) of the readings in the RISE_WINDOW_HOURS up to the latest
(as the Mayor Dashboard's river alert); the 24-hour change is the latest level minus the last
reading at least 24 hours before it. Hours to a level = (level − now) / rate while rising below it.

Outlook rule: a station whose level alone reads "normal" is shown as "watch" while the river rises
fast — at least RAPID_RISE_M_PER_24H a day at the current rate, or reaching the warning level
within WARNING_SOON_HOURS at that rate. A flooded resident must never read a green "normal" while
the river climbs a metre a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import pandas as pd

from data_sources.bands import RIVER_LIVE_HOURS, STEADY_RATE_M_PER_H, RiverStatus, river_status, worse_river_status
from data_sources.city import profile
from metrics.alerts import RISE_WINDOW_HOURS, rise_rate

RiverTrend = Literal["rising", "falling", "steady", "unknown"]
RAPID_RISE_M_PER_24H = 0.5
WARNING_SOON_HOURS = 48.0


@dataclass(frozen=True)
class RiverOutlook:
    station: str
    name_th: str
    name_en: str
    status: RiverStatus  # by level, raised to "watch" while rising fast (module docstring)
    level_status: RiverStatus  # by level alone
    level_m: float | None = None
    warning_m: float | None = None
    critical_m: float | None = None
    measured_at: datetime | None = None
    age_hours: float | None = None
    rate_m_per_h: float | None = None
    change_24h_m: float | None = None
    hours_to_warning: float | None = None
    hours_to_critical: float | None = None
    trend: RiverTrend = "unknown"

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    @property
    def rising_fast(self) -> bool:
        return self.status == "watch" and self.level_status == "normal"

    @property
    def below_warning_m(self) -> float | None:
        """How far below the warning level (negative: above it)."""
        if self.level_m is None or self.warning_m is None:
            return None
        return self.warning_m - self.level_m


def hours_to(level: float, target: float, rate: float | None) -> float | None:
    """Hours until `level` reaches `target` at `rate` m/h; 0 when there already, None when not rising.
    A rate inside the steady band is not rising: least squares over equal readings leaves a rounding
    residue (1e-17 m/h) that would otherwise promise the warning level in forty billion years.

    >>> hours_to(6.5, 7.5, 0.04), hours_to(7.6, 7.5, 0.04), hours_to(6.5, 7.5, -0.01), hours_to(5, 7.5, 1e-17)
    (25.0, 0.0, None, None)
    """
    if level >= target:
        return 0.0
    if trend_of(rate) != "rising":
        return None
    return (target - level) / rate


def trend_of(rate: float | None) -> RiverTrend:
    if rate is None:
        return "unknown"
    if abs(rate) < STEADY_RATE_M_PER_H:
        return "steady"
    return "rising" if rate > 0 else "falling"


def outlook_status(level_status: RiverStatus, rate: float | None, hours_to_warning: float | None) -> RiverStatus:
    """The status to show: the level's, raised from "normal" to "watch" while rising fast.

    >>> outlook_status("normal", 0.042, 60.0), outlook_status("normal", 0.01, 60.0), outlook_status("normal", 0.01, 40.0)
    ('watch', 'normal', 'watch')
    """
    fast = rate is not None and rate * 24 >= RAPID_RISE_M_PER_24H
    soon = hours_to_warning is not None and 0 < hours_to_warning <= WARNING_SOON_HOURS
    return worse_river_status(level_status, "watch") if level_status == "normal" and (fast or soon) else level_status


def _change_24h(readings: pd.DataFrame) -> float | None:
    latest = readings.iloc[-1]
    earlier = readings.loc[readings["measured_at"] <= latest["measured_at"] - timedelta(hours=24)]
    if earlier.empty:
        return None
    return float(latest["level_m"]) - float(earlier.iloc[-1]["level_m"])


def station_outlook(station: dict[str, object], readings: pd.DataFrame, now: datetime) -> RiverOutlook:
    """One station's outlook from its readings up to `now` (any order); "no_data" without a live one."""
    names = (str(station["code"]), str(station["name_th"]), str(station["name_en"]))
    rows = readings.loc[readings["measured_at"] <= pd.Timestamp(now)].sort_values("measured_at")
    rows = rows.loc[rows["level_m"].notna()]
    if rows.empty or rows["measured_at"].iloc[-1] <= pd.Timestamp(now) - timedelta(hours=RIVER_LIVE_HOURS):
        return RiverOutlook(*names, status="no_data", level_status="no_data")
    latest = rows.iloc[-1]
    level, warning, critical = (float(latest[c]) for c in ("level_m", "warning_level_m", "critical_level_m"))
    measured = latest["measured_at"].to_pydatetime()
    rate = rise_rate(rows.loc[rows["measured_at"] >= latest["measured_at"] - timedelta(hours=RISE_WINDOW_HOURS)])
    to_warning, to_critical = hours_to(level, warning, rate), hours_to(level, critical, rate)
    level_status = river_status(level, warning, critical)
    return RiverOutlook(
        *names, status=outlook_status(level_status, rate, to_warning), level_status=level_status, level_m=level,
        warning_m=warning, critical_m=critical, measured_at=measured,
        age_hours=(now - measured).total_seconds() / 3600, rate_m_per_h=rate, change_24h_m=_change_24h(rows),
        hours_to_warning=to_warning, hours_to_critical=to_critical, trend=trend_of(rate),
    )  # fmt: skip


def river_outlooks(water: pd.DataFrame | None, now: datetime) -> list[RiverOutlook]:
    """Every river station of the city profile, in profile order (readings of the last 48 h used)."""
    recent = pd.DataFrame(columns=["station", "measured_at", "level_m", "warning_level_m", "critical_level_m"])
    if water is not None and not water.empty:
        recent = water.loc[water["measured_at"] > pd.Timestamp(now) - timedelta(hours=RIVER_LIVE_HOURS * 2)]
    by_station = {str(k): v for k, v in recent.groupby("station", observed=True)} if not recent.empty else {}
    return [
        station_outlook(station, by_station.get(str(station["code"]), recent.iloc[0:0]), now)
        for station in profile()["river_stations"]
    ]


def worst(outlooks: list[RiverOutlook]) -> RiverOutlook | None:
    """The station in the most severe state (the fastest rising among equals), or None."""
    live = [o for o in outlooks if o.status != "no_data"]
    if not live:
        return None
    from data_sources.bands import RIVER_SEVERITY

    return max(live, key=lambda o: (RIVER_SEVERITY.index(o.status), o.rate_m_per_h or 0.0))
