"""Demo waste collection and air quality.

Waste: about 1.1 kg per person per day (≈ 66 tons for the city), more in business and market
communities, bumps on festival days and after floods; 8–15% recycled, rising over the years.
Air: PM2.5 "very good" most of the year (5–20 µg/m³), washed out by the December rains, and the
August–October haze from Sumatra with episodes whose daily mean passes 37.5 (some 50–90).
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from data_sources import thai_calendar
from data_sources.adapters.air_quality import AIR_QUALITY
from data_sources.adapters.waste import WASTE
from data_sources.city import profile
from data_sources.demo import seasons
from data_sources.demo.scenario import Scenario, population_total, typed_frame

KG_PER_PERSON_DAY = 1.1
# Markets and the business district make more waste than their residents would.
_WASTE_FACTOR = {"สะพรั่ง": 1.6, "ตลาดเก่าซอย 8": 1.35, "ตลาดเกษตร": 1.3, "ร่วมใจพัฒนา": 1.15, "ธนวิถี": 1.1}
_RECYCLED_START, _RECYCLED_END = 0.09, 0.13

_CLEAN_AIR_PM25 = 11.0  # µg/m³, a daily mean outside the haze
_STATION_FACTOR = {"YL-AQ1": 1.0, "YL-AQ2": 0.88, "YL-AQ3": 1.12}  # the park is cleaner, the old market busier
# Hour-of-day shape: morning traffic and evening cooking smoke, a clear afternoon.
_DIURNAL = np.array(
    [
        1.15,
        1.15,
        1.12,
        1.1,
        1.1,
        1.15,
        1.25,
        1.3,
        1.2,
        1.0,
        0.88,
        0.8,
        0.75,
        0.72,
        0.72,
        0.75,
        0.82,
        0.92,
        1.02,
        1.1,
        1.15,
        1.18,
        1.18,
        1.16,
    ]
)
_DIURNAL = _DIURNAL / _DIURNAL.mean()


def build_waste(scenario: Scenario) -> pd.DataFrame:
    """One row per community per day, up to yesterday (today's trucks are still out)."""
    rng = scenario.rng("waste")
    days = seasons.days_between(scenario.start, scenario.today - timedelta(days=1))
    zones = scenario.zones
    factor = np.array([_WASTE_FACTOR.get(z.community, 1.0) for z in zones])
    factor = factor / np.sum(factor * scenario.shares)  # keeps the city total at KG_PER_PERSON_DAY
    people = np.array([population_total(y) for y in days.year + thai_calendar.BE_OFFSET], dtype=np.float64)
    after_flood = scenario.flood_activity(days - pd.Timedelta(days=3))  # debris once the water drops
    weekday = np.where(days.day_of_week == 6, 0.88, np.where(days.day_of_week == 0, 1.1, 1.0))
    city_tons = people * KG_PER_PERSON_DAY / 1000 * weekday * (1 + 0.12 * seasons.festival(days) + 0.35 * after_flood)
    tons = np.outer(city_tons, scenario.shares * factor) * rng.lognormal(0, 0.1, (len(days), len(zones)))
    progress = np.linspace(0, 1, len(days))[:, None]
    recycled_share = np.clip(
        (_RECYCLED_START + (_RECYCLED_END - _RECYCLED_START) * progress) * rng.lognormal(0, 0.15, tons.shape), 0.04, 0.2
    )
    return typed_frame(
        WASTE,
        {
            "date": np.repeat(days, len(zones)),
            "community": np.tile(np.array([z.name for z in zones], dtype=object), len(days)),
            "tons_collected": tons.round(2).ravel(),
            "tons_recycled": (tons * recycled_share).round(2).ravel(),
        },
    )


def _haze_episodes(rng: np.random.Generator, days: pd.DatetimeIndex) -> np.ndarray:
    """Daily PM2.5 of haze episodes: 2–4 a season, 3–8 days each, cresting at 45–80 µg/m³ (up to ~90 at the busiest station)."""
    level = np.zeros(len(days))
    for year in sorted(set(days.year)):
        for _ in range(int(rng.integers(2, 5))):
            first = pd.Timestamp(year, 8, 5) + pd.Timedelta(days=int(rng.integers(0, 72)))
            length = int(rng.integers(3, 9))
            inside = (days >= first) & (days < first + pd.Timedelta(days=length))
            shape = np.sin(np.pi * (np.arange(inside.sum()) + 0.5) / length)
            level[inside] = np.maximum(level[inside], rng.uniform(45, 80) * shape)
    return level


def _city_daily_pm25(rng: np.random.Generator, days: pd.DatetimeIndex) -> np.ndarray:
    seasonal = _CLEAN_AIR_PM25 * (1 - 0.35 * seasons.monsoon(days)) + 11 * seasons.haze(days)
    wobble = np.zeros(len(days))
    shocks = rng.normal(0, 0.15, len(days))
    for i in range(1, len(days)):  # weather lasts a few days: AR(1) in log space
        wobble[i] = 0.7 * wobble[i - 1] + shocks[i]
    return np.maximum(seasonal * np.exp(np.clip(wobble, -0.7, 0.6)), _haze_episodes(rng, days))


def build_air_quality(scenario: Scenario) -> pd.DataFrame:
    """Readings every hour at scale 1 (every 60/scale minutes), from each station, up to `now`."""
    rng = scenario.rng("air_quality")
    days = seasons.days_between(scenario.start, scenario.today)
    daily = _city_daily_pm25(rng, days)
    interval = pd.Timedelta(minutes=max(1.0, 60 / scenario.scale)).floor("min")
    stamps = pd.date_range(pd.Timestamp(scenario.start), pd.Timestamp(scenario.now), freq=interval)
    day_index = (stamps.normalize() - pd.Timestamp(scenario.start)).days.to_numpy()
    base = daily[day_index] * _DIURNAL[stamps.hour]
    stations = [s["code"] for s in profile()["air_stations"]]
    parts: list[dict[str, np.ndarray]] = []
    for station in stations:
        station_day = rng.lognormal(0, 0.08, len(days))[day_index]
        pm25 = base * _STATION_FACTOR.get(station, 1.0) * station_day * rng.lognormal(0, 0.12, len(stamps))
        pm10 = pm25 * rng.uniform(1.5, 2.0, len(stamps))
        working = rng.random(len(stamps)) > 0.004  # a few readings lost to power cuts and servicing
        parts.append(
            {
                "station": np.full(int(working.sum()), station, dtype=object),
                "measured_at": stamps.to_numpy()[working],
                "pm25": pm25[working].round(1),
                "pm10": pm10[working].round(1),
            }
        )
    columns = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    return typed_frame(AIR_QUALITY, columns)
