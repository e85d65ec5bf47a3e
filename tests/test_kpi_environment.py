"""Environment KPIs (waste, air) against values worked out by hand on tiny frames."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from data_sources.adapters import DATASETS
from data_sources.frames import coerce
from metrics.catalogue import kpi
from metrics.kpi import Context
from metrics.periods import parse_period

CONTEXT = Context.build(now=datetime(2026, 11, 23, 12, 0))


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows), DATASETS[key])


def value(kpi_id: str, frames: dict[str, pd.DataFrame], period_code: str) -> float | None:
    return kpi(kpi_id).value(frames, parse_period(period_code), CONTEXT)


def reading(station: str, moment: str, pm25: float, pm10: float | None = None) -> dict[str, object]:
    return {"station": station, "measured_at": moment, "pm25": pm25, "pm10": pm10}


AIR = typed(
    "air_quality",
    [
        # 28 Sep: mean of all readings (10 + 20 + 30 + 70) / 4 = 32.5, not over; the mean of the
        # station means (20 + 70) / 2 = 45 would be, so this day pins the documented rule.
        reading("YL-AQ1", "2024-09-28 01:00", 10),
        reading("YL-AQ1", "2024-09-28 09:00", 20),
        reading("YL-AQ1", "2024-09-28 17:00", 30),
        reading("YL-AQ2", "2024-09-28 12:00", 70),
        # 29 Sep: (40 + 36) / 2 = 38 > 37.5 -> over; PM10 (130 + 115) / 2 = 122.5 > 120 -> over
        reading("YL-AQ1", "2024-09-29 12:00", 40, 130),
        reading("YL-AQ2", "2024-09-29 12:00", 36, 115),
        # 30 Sep: exactly 37.5 is not over the standard; 23:00 still belongs to September
        reading("YL-AQ1", "2024-09-30 00:00", 37.5),
        reading("YL-AQ2", "2024-09-30 23:00", 37.5),
        # 1 Oct 00:00 is October
        reading("YL-AQ1", "2024-10-01 00:00", 100),
    ],
)


def test_pm25_days_over_standard_uses_the_mean_of_all_readings_that_day() -> None:
    assert value("pm25_days_over_standard", {"air_quality": AIR}, "2024-09") == 1


def test_a_reading_at_midnight_on_1_october_counts_in_october() -> None:
    assert value("pm25_days_over_standard", {"air_quality": AIR}, "2024-10") == 1
    assert value("pm25_days_over_standard", {"air_quality": AIR}, "FY2568-Q1") == 1


def test_pm25_days_over_standard_without_readings_is_no_data() -> None:
    assert value("pm25_days_over_standard", {"air_quality": AIR}, "2024-08") is None


def test_pm25_mean_is_the_mean_of_daily_means() -> None:
    # (32.5 + 38 + 37.5) / 3 = 36
    assert value("pm25_mean", {"air_quality": AIR}, "2024-09") == pytest.approx(36.0)


def test_pm10_days_over_standard_skips_days_without_pm10() -> None:
    assert value("pm10_days_over_standard", {"air_quality": AIR}, "2024-09") == 1


def population_row(year: int, community: str, male: int, female: int, age_60_plus: int) -> dict[str, object]:
    total = male + female
    return {"year": year, "community": community, "male": male, "female": female, "households": total // 3,
            "age_0_14": total // 5, "age_15_59": total - total // 5 - age_60_plus, "age_60_plus": age_60_plus}  # fmt: skip


POPULATION = typed(
    "population",
    [
        population_row(2566, "เมืองทอง", 400, 500, 120),  # 900
        population_row(2566, "เวฬุวัน", 450, 450, 100),  # 900 -> 1,800 in 2566
        population_row(2568, "เมืองทอง", 500, 600, 150),  # 1,100
        population_row(2568, "เวฬุวัน", 500, 500, 110),  # 1,000 -> 2,100 in 2568
    ],
)
WASTE = typed(
    "waste",
    [
        {"date": "2024-09-01", "community": "เมืองทอง", "tons_collected": 1.2, "tons_recycled": 0.2},
        {"date": "2024-09-30", "community": "เวฬุวัน", "tons_collected": 1.8, "tons_recycled": None},
        {"date": "2024-10-01", "community": "เมืองทอง", "tons_collected": 5.0, "tons_recycled": 1.0},
        {"date": "2025-01-15", "community": "เมืองทอง", "tons_collected": 62.0, "tons_recycled": 6.2},
    ],
)


def test_recycling_rate_divides_tons_recycled_by_tons_collected() -> None:
    # September: 0.2 recycled (the 30 Sep row has no figure) of 1.2 + 1.8 = 3.0 tons
    assert value("recycling_rate", {"waste": WASTE}, "2024-09") == pytest.approx(0.2 / 3.0)


def test_waste_per_capita_uses_the_latest_population_year_not_after_the_period() -> None:
    # September 2024 is BE 2567: the latest year not after it is 2566 (1,800 residents).
    # 3.0 t × 1000 / (1,800 × 30 days) = 0.0556 kg
    frames = {"waste": WASTE, "population": POPULATION}
    assert value("waste_kg_per_capita_day", frames, "2024-09") == pytest.approx(3000 / (1800 * 30))
    # January 2025 is BE 2568: 62 t × 1000 / (2,100 × 31) = 0.952 kg
    assert value("waste_kg_per_capita_day", frames, "2025-01") == pytest.approx(62000 / (2100 * 31))


def test_waste_per_capita_without_a_population_year_is_no_data() -> None:
    frames = {"waste": WASTE, "population": POPULATION}
    # 2022 is BE 2565: no population year at or before it.
    waste_2022 = typed("waste", [{"date": "2022-05-01", "community": "เมืองทอง", "tons_collected": 1.0}])
    assert value("waste_kg_per_capita_day", {**frames, "waste": waste_2022}, "2022-05") is None
    assert value("waste_kg_per_capita_day", {"waste": WASTE}, "2024-09") is None


def test_waste_complaints_count_the_waste_category() -> None:
    complaints = typed(
        "complaints",
        [
            {
                "ticket_id": "1",
                "received_at": "2024-09-03 08:00",
                "category": "waste",
                "community": "เมืองทอง",
                "status": "received",
            },
            {
                "ticket_id": "2",
                "received_at": "2024-09-04 08:00",
                "category": "road",
                "community": "เมืองทอง",
                "status": "received",
            },
            {
                "ticket_id": "3",
                "received_at": "2024-09-30 08:00",
                "category": "waste",
                "community": "เวฬุวัน",
                "status": "received",
            },
        ],
    )
    assert value("waste_complaints", {"complaints": complaints}, "2024-09") == 2
