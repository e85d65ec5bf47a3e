"""Demo incidents: floods clustered in the flood episodes, plus the everyday fires, road accidents
and fallen trees of a city of 60,000, more of each in its season.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_sources.adapters.incidents import INCIDENTS
from data_sources.demo import seasons
from data_sources.demo.scenario import FloodEpisode, Scenario, typed_frame


@dataclass(frozen=True)
class _Everyday:
    """An incident type that happens any time, at `per_month` on average, more in its season."""

    key: str
    per_month: float
    season: str
    households: tuple[float, float]  # lognormal median and spread; (0, 0) = not counted
    injured_mean: float


_EVERYDAY = (
    _Everyday("fire", 1.2, "dry", (2.0, 0.7), 0.15),
    _Everyday("road_accident", 5.0, "festival", (0.0, 0.0), 1.3),
    _Everyday("fallen_tree", 0.8, "storm", (1.0, 0.8), 0.05),
    _Everyday("storm", 0.25, "storm", (12.0, 0.7), 0.1),
    _Everyday("power_outage", 0.35, "storm", (150.0, 0.6), 0.0),
    _Everyday("flood", 0.3, "rain", (15.0, 0.8), 0.0),  # flash floods from a downpour
    _Everyday("other", 0.3, "flat", (1.0, 0.5), 0.1),
)


def _season(name: str, days: pd.DatetimeIndex) -> np.ndarray:
    weights = {
        "flat": lambda: np.ones(len(days)),
        "dry": lambda: 1 + 0.8 * seasons.dry(days),
        "festival": lambda: 1 + 0.7 * seasons.festival(days),
        "storm": lambda: 0.3 + 2.5 * seasons.monsoon(days) + 1.0 * seasons.rainy(days),
        "rain": lambda: 0.2 + 2.0 * seasons.monsoon(days) + 0.8 * seasons.rainy(days),
    }
    return weights[name]()


def build_incidents(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("incidents")
    parts = [_everyday(scenario, rng, kind) for kind in _EVERYDAY]
    parts += [_flood_reports(scenario, rng, flood) for flood in scenario.floods if flood.households > 0]
    rows = pd.concat([pd.DataFrame(p) for p in parts], ignore_index=True)
    rows = rows[rows["occurred_at"] <= pd.Timestamp(scenario.now)].sort_values("occurred_at", kind="stable")
    rows = rows.reset_index(drop=True)
    zone = rows["zone"].to_numpy(dtype=np.int64)
    lat, lon = scenario.jitter(rng, zone)
    fiscal_year = seasons.fiscal_years(pd.DatetimeIndex(rows["occurred_at"]))
    running = pd.Series(fiscal_year).groupby(fiscal_year).cumcount().to_numpy() + 1
    return typed_frame(
        INCIDENTS,
        {
            "incident_id": [f"ปภ.{n:04d}/{y}" for n, y in zip(running, fiscal_year, strict=True)],
            "occurred_at": rows["occurred_at"],
            "incident_type": rows["incident_type"],
            "community": np.array([z.name for z in scenario.zones], dtype=object)[zone],
            "latitude": lat,
            "longitude": lon,
            "severity": _severity(rows),
            "households_affected": rows["households_affected"],
            "people_injured": rows["people_injured"],
        },
    )


def _everyday(scenario: Scenario, rng: np.random.Generator, kind: _Everyday) -> dict[str, object]:
    days = seasons.days_between(scenario.start, scenario.today)
    expected = kind.per_month * 12 / 365.25 * scenario.scale * _season(kind.season, days)
    day_index = np.repeat(np.arange(len(days)), rng.poisson(expected))
    count = len(day_index)
    occurred = days.to_numpy()[day_index] + (rng.integers(0, 24 * 60, count) * 60).astype("timedelta64[s]")
    if kind.key == "flood":
        zone = rng.choice(np.flatnonzero(scenario.flood_prone), size=count)
    else:
        zone = rng.choice(len(scenario.zones), size=count, p=scenario.shares)
    median, spread = kind.households
    households = np.round(rng.lognormal(np.log(median), spread, count)) if median else np.full(count, np.nan)
    injured = rng.poisson(kind.injured_mean, count).astype(np.float64)
    if kind.key == "road_accident":
        injured = np.maximum(injured, 1)  # the unit is called out when someone is hurt
    return {
        "occurred_at": occurred,
        "incident_type": kind.key,
        "zone": zone,
        "households_affected": households,
        "people_injured": injured,
    }


def _flood_reports(scenario: Scenario, rng: np.random.Generator, flood: FloodEpisode) -> dict[str, object]:
    """Reports from the flood-prone communities as the crest arrives; more communities the higher it is."""
    prone = np.flatnonzero(scenario.flood_prone)
    reach = min(1.0, 0.35 + 0.65 * (flood.height - 1.0) / 0.4)
    hit = prone[rng.random(len(prone)) < reach]
    if len(hit) == 0:
        hit = prone[:1]
    households_by_zone = rng.multinomial(flood.households, rng.dirichlet(np.full(len(hit), 3.0)))
    reports = 1 + rng.poisson(0.6, len(hit))  # scale already splits communities into zones
    zone = np.repeat(hit, reports)
    households = np.concatenate(
        [rng.multinomial(h, np.full(r, 1 / r)) for h, r in zip(households_by_zone, reports, strict=True)]
    )
    before_peak = rng.uniform(0, flood.rise_days, len(zone)) - 0.3
    occurred = pd.Timestamp(flood.peak) - pd.to_timedelta(before_peak * 24 * 60, unit="min").round("min")
    return {
        "occurred_at": occurred.to_numpy(),
        "incident_type": "flood",
        "zone": zone,
        "households_affected": households.astype(np.float64),
        "people_injured": rng.poisson(0.05, len(zone)).astype(np.float64),
    }


def _severity(rows: pd.DataFrame) -> np.ndarray:
    households = rows["households_affected"].fillna(0).to_numpy()
    injured = rows["people_injured"].fillna(0).to_numpy()
    return np.select(
        [
            (households >= 300) | (injured >= 5),
            (households >= 80) | (injured >= 3),
            (households >= 20) | (injured >= 2),
        ],
        ["critical", "high", "medium"],
        default="low",
    ).astype(object)
