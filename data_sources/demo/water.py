"""Demo river levels of the Pattani River at the stations in the city profile.

Levels are built as an anomaly in units of each station's normal-to-warning gap (0 = normal,
1 = warning), so one river story drives all stations: low in the March–April dry spell, a rise
under the north-east monsoon from late November, rain pulses, and the flood crests of the
scenario. Only the crest of late November 2024 passes the critical level.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_sources.adapters.water_level import WATER_LEVEL
from data_sources.city import profile
from data_sources.demo import seasons
from data_sources.demo.scenario import FloodEpisode, Scenario, typed_frame

# Hours the same water takes to reach each station after X.40A.
_LAG_HOURS = {"X.40A": 0, "YLC-01": 3, "YLC-02": 5}
_SOFT_CEILING = 0.8  # monsoon rises without a named flood level off below the warning level
_PULSE_KERNEL_HOURS = 120


def _crest(hours: pd.DatetimeIndex, flood: FloodEpisode) -> np.ndarray:
    """A flood wave of height 1 at the peak: steep rise, slower fall."""
    offset_days = (hours - pd.Timestamp(flood.peak)) / pd.Timedelta(days=1)
    width = np.where(offset_days < 0, flood.rise_days / 2.5, flood.fall_days / 2.5)
    return np.exp(-0.5 * (np.asarray(offset_days) / width) ** 2)


def _rain_pulses(rng: np.random.Generator, hours: pd.DatetimeIndex) -> np.ndarray:
    """Short rises after heavy showers: more of them in the monsoon and the rainy season."""
    chance = 0.03 + 0.25 * seasons.monsoon(hours) + 0.08 * seasons.rainy(hours)
    impulses = np.where(rng.random(len(hours)) < chance / 24, rng.uniform(0.05, 0.25, len(hours)), 0.0)
    t = np.arange(_PULSE_KERNEL_HOURS, dtype=np.float64)
    kernel = np.where(t < 12, t / 12, np.exp(-(t - 12) / 24))
    return np.convolve(impulses, kernel)[: len(hours)]


def _slow_wander(rng: np.random.Generator, hours: pd.DatetimeIndex) -> np.ndarray:
    day_points = np.arange(0, len(hours) + 24, 24)
    return np.interp(np.arange(len(hours)), day_points, rng.normal(0, 0.05, len(day_points)))


def river_anomaly(scenario: Scenario, rng: np.random.Generator, hours: pd.DatetimeIndex) -> np.ndarray:
    """The river at X.40A, hour by hour, in units of the normal-to-warning gap."""
    level = -0.22 + 0.45 * seasons.monsoon(hours) + 0.12 * seasons.rainy(hours)
    level = level + _slow_wander(rng, hours) + _rain_pulses(rng, hours)
    level = _add_crests(level, hours, [f for f in scenario.floods if f.households == 0])
    above = level > _SOFT_CEILING
    level[above] = _SOFT_CEILING + 0.15 * np.tanh((level[above] - _SOFT_CEILING) / 0.15)
    for flood in (f for f in scenario.floods if f.households > 0):
        # The named floods reach exactly their recorded height: rain pulses must not add to it.
        level = np.maximum(level, flood.height * _crest(hours, flood))
    return level


def _add_crests(level: np.ndarray, hours: pd.DatetimeIndex, floods: list[FloodEpisode]) -> np.ndarray:
    """Each flood's wave on top of the river, sized so the crest reaches the flood's height."""
    for flood in floods:
        level = level + max(0.0, flood.height - _at(level, hours, flood)) * _crest(hours, flood)
    return level


def _at(level: np.ndarray, hours: pd.DatetimeIndex, flood: FloodEpisode) -> float:
    """The level at the hour of the flood's peak (0 if the peak lies outside the span)."""
    position = hours.searchsorted(pd.Timestamp(flood.peak))
    return float(level[position]) if position < len(level) else 0.0


def build_water_level(scenario: Scenario) -> pd.DataFrame:
    """Readings every hour at scale 1 (every 60/scale minutes) at each station, up to `now`."""
    rng = scenario.rng("water_level")
    hours = pd.date_range(pd.Timestamp(scenario.start) - pd.Timedelta(days=1), pd.Timestamp(scenario.now), freq="h")
    anomaly = river_anomaly(scenario, rng, hours)
    hour_position = (hours - hours[0]) / pd.Timedelta(hours=1)
    interval = pd.Timedelta(minutes=max(1.0, 60 / scenario.scale)).floor("min")
    stamps = pd.date_range(pd.Timestamp(scenario.start), pd.Timestamp(scenario.now), freq=interval)
    parts: list[dict[str, np.ndarray]] = []
    for station in profile()["river_stations"]:
        reading_position = (stamps - hours[0]) / pd.Timedelta(hours=1) - _LAG_HOURS.get(station["code"], 4)
        gap = station["warning_m"] - station["normal_m"]
        level = station["normal_m"] + np.interp(reading_position, hour_position, anomaly) * gap
        level = level + rng.normal(0, 0.01, len(stamps))
        parts.append(
            {
                "station": np.full(len(stamps), station["code"], dtype=object),
                "measured_at": stamps.to_numpy(),
                "level_m": level.round(2),
                "warning_level_m": np.full(len(stamps), station["warning_m"]),
                "critical_level_m": np.full(len(stamps), station["critical_m"]),
            }
        )
    return typed_frame(WATER_LEVEL, {key: np.concatenate([p[key] for p in parts]) for key in parts[0]})
