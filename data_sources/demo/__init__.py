"""The demo city: deterministic synthetic data for Yala City Municipality, one typed frame per dataset.

    >>> frames = generate(seed=2568, today=date(2026, 11, 23))
    >>> sorted(frames) == sorted(DATASETS)
    True

The data covers three full Thai fiscal years before the current one and the current one up to
08:00 on `today` (nothing later). Monthly datasets hold the months that have ended. Communities,
stations and places come from the city profile; flood crests follow the city's flood history.

`scale` multiplies volume for benchmarks: complaints and incidents come `scale` times as often,
air and river stations read every 60/scale minutes, and each community is split into
round(scale) zones ("เมืองทอง (โซน 2)", ...) for the per-community datasets, keeping city totals.
Revenue, budget, economy and facilities keep their natural size.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from data_sources import city_time
from data_sources.adapters import DATASETS
from data_sources.demo.complaints import build_complaints
from data_sources.demo.economy import build_economy
from data_sources.demo.environment import build_air_quality, build_waste
from data_sources.demo.finance import build_budget, build_revenue
from data_sources.demo.incidents import build_incidents
from data_sources.demo.people import build_health, build_population, build_welfare
from data_sources.demo.places import build_facilities
from data_sources.demo.scenario import Scenario, build_scenario
from data_sources.demo.water import build_water_level

__all__ = ["generate"]

_BUILDERS: dict[str, Callable[[Scenario], pd.DataFrame]] = {
    "complaints": build_complaints,
    "revenue": build_revenue,
    "budget": build_budget,
    "waste": build_waste,
    "air_quality": build_air_quality,
    "water_level": build_water_level,
    "incidents": build_incidents,
    "population": build_population,
    "welfare": build_welfare,
    "health": build_health,
    "facilities": build_facilities,
    "economy": build_economy,
}


def generate(*, seed: int = 2568, scale: float = 1.0, today: date | None = None) -> dict[str, pd.DataFrame]:
    """One typed frame per dataset key; the same arguments always give identical frames.

    `today` defaults to the current date. `scale` must be positive (see the module docstring).
    """
    scenario = build_scenario(seed=seed, scale=scale, today=today or city_time.today())
    return {key: _BUILDERS[key](scenario) for key in DATASETS}
