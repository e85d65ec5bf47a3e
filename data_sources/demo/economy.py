"""Demo economy and tourism by month: visitors peak with the city's festivals, floods keep them away."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_sources.adapters.economy import ECONOMY
from data_sources.demo import seasons
from data_sources.demo.scenario import Scenario, typed_frame

_VISITORS_PER_MONTH = 34_000
_YEARLY_GROWTH = 0.05
# Visitors by calendar month (January first): Chinese New Year, the bird contest on the first
# weekend of March, Hari Raya, the city-pillar fair (25 May – 4 Jun), ชักพระ in October, New Year.
_VISITOR_SEASON = np.array([1.20, 1.05, 1.55, 1.05, 1.30, 1.20, 0.90, 0.88, 0.90, 1.18, 0.95, 1.25])
_EXTRA_EVENTS = np.array([1, 1, 3, 1, 2, 1, 0, 0, 0, 2, 1, 2])  # Mae Kor Niew, bird contest, Loy Krathong...


def build_economy(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("economy")
    months = seasons.complete_months(scenario.start, scenario.today)
    years = np.arange(len(months)) / 12
    month_index = (months.month - 1).to_numpy()
    hari_raya_months = {(day.year, day.month) for day in seasons.HARI_RAYA.values()}
    hari_raya = np.array([(m.year, m.month) in hari_raya_months for m in months])
    flooded = np.array([scenario.flood_activity(pd.date_range(m, periods=30, freq="D")).mean() for m in months])
    visitors = (
        _VISITORS_PER_MONTH
        * (1 + _YEARLY_GROWTH) ** years
        * _VISITOR_SEASON[month_index]
        * (1 + 0.12 * hari_raya)
        * (1 - 0.8 * flooded)
        * rng.lognormal(0, 0.06, len(months))
    )
    events = 2 + _EXTRA_EVENTS[month_index] + rng.poisson(1.0, len(months))
    new_businesses = rng.poisson(32 * np.where(month_index == 0, 1.25, 1.0) * (1 - 0.8 * flooded))
    occupancy = 90.5 + 3 * years / max(years.max(), 1) - 8 * flooded + rng.normal(0, 1.2, len(months))
    return typed_frame(
        ECONOMY,
        {
            "month": months,
            "visitors": np.round(visitors, -1),
            "events": events,
            "new_businesses": new_businesses,
            "market_occupancy_pct": np.clip(occupancy, 85, 97).round(1),
        },
    )
