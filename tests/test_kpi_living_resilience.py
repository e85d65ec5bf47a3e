"""Living, economy and resilience KPIs against values worked out by hand on tiny frames."""

from __future__ import annotations

from datetime import date, datetime

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
    return kpi(kpi_id).value(frames, parse_period(period_code, today=date(2024, 10, 20)), CONTEXT)


def population_row(year: int, community: str, male: int, female: int, age_60_plus: int) -> dict[str, object]:
    total = male + female
    return {"year": year, "community": community, "male": male, "female": female, "households": total // 3,
            "age_0_14": total // 5, "age_15_59": total - total // 5 - age_60_plus, "age_60_plus": age_60_plus}  # fmt: skip


# BE 2567 = 2024: เมืองทอง (flood-prone) 1,000 residents, 150 aged 60+; เวฬุวัน (not) 1,000, 100.
POPULATION = typed(
    "population",
    [population_row(2567, "เมืองทอง", 400, 600, 150), population_row(2567, "เวฬุวัน", 500, 500, 100)],
)
WELFARE = typed(
    "welfare",
    [
        {
            "month": "2024-08-01",
            "community": "เมืองทอง",
            "elderly_recipients": 90,
            "disability_recipients": 5,
            "amount_paid": 54000,
        },
        {
            "month": "2024-09-01",
            "community": "เมืองทอง",
            "elderly_recipients": 100,
            "disability_recipients": 5,
            "amount_paid": 60000,
        },
        {
            "month": "2024-09-01",
            "community": "เวฬุวัน",
            "elderly_recipients": 50,
            "disability_recipients": 2,
            "amount_paid": 30000,
        },
    ],
)


@pytest.mark.parametrize("period_code", ["2024-09", "2024-Q3", "FY2567"])
def test_elderly_coverage_uses_the_period_last_month(period_code: str) -> None:
    # September 2024: 100 + 50 recipients / 150 + 100 aged 60+ = 0.6
    assert value(
        "elderly_allowance_coverage", {"welfare": WELFARE, "population": POPULATION}, period_code
    ) == pytest.approx(0.6)


def test_elderly_coverage_without_the_last_month_uploaded_is_no_data() -> None:
    assert value("elderly_allowance_coverage", {"welfare": WELFARE, "population": POPULATION}, "2024-10") is None


HEALTH = typed(
    "health",
    [
        {
            "period_start": "2024-09-02",
            "period_type": "week",
            "community": "เมืองทอง",
            "dengue_cases": 3,
            "health_centre_visits": 100,
        },
        {
            "period_start": "2024-09-30",
            "period_type": "week",
            "community": "เวฬุวัน",
            "dengue_cases": 2,
            "health_centre_visits": 60,
        },
        {
            "period_start": "2024-10-07",
            "period_type": "week",
            "community": "เมืองทอง",
            "dengue_cases": 5,
            "health_centre_visits": 80,
        },
    ],
)


def test_dengue_per_100k_divides_by_the_population() -> None:
    # September: (3 + 2) / 2,000 × 100,000 = 250
    assert value("dengue_cases_per_100k", {"health": HEALTH, "population": POPULATION}, "2024-09") == pytest.approx(250)


def test_health_centre_visits_per_1000() -> None:
    # September: (100 + 60) / 2,000 × 1,000 = 80
    assert value(
        "health_centre_visits_per_1000", {"health": HEALTH, "population": POPULATION}, "2024-09"
    ) == pytest.approx(80)


FACILITIES = typed(
    "facilities",
    [
        {"facility_id": "H1", "name": "ศูนย์ 1", "facility_type": "health_centre", "latitude": 6.55, "longitude": 101.29},
        {"facility_id": "H2", "name": "รพ.ยะลา", "facility_type": "hospital", "latitude": 6.55, "longitude": 101.29},
        {"facility_id": "C1", "name": "CCTV 1", "facility_type": "cctv", "latitude": 6.55, "longitude": 101.29},
        {"facility_id": "C2", "name": "CCTV 2", "facility_type": "cctv", "latitude": 6.55, "longitude": 101.29},
        {"facility_id": "C3", "name": "CCTV 3", "facility_type": "cctv", "latitude": 6.55, "longitude": 101.29},
        {
            "facility_id": "S1",
            "name": "ศูนย์พักพิง",
            "facility_type": "shelter",
            "latitude": 6.55,
            "longitude": 101.29,
            "community": "เมืองทอง",
            "capacity": 300,
        },
        {
            "facility_id": "S2",
            "name": "โรงยิม",
            "facility_type": "shelter",
            "latitude": 6.55,
            "longitude": 101.29,
            "capacity": None,
        },
    ],
)


def test_facility_rates_count_the_register_against_the_population() -> None:
    frames = {"facilities": FACILITIES, "population": POPULATION}
    # 2 health facilities / 2,000 × 10,000 = 10; 3 CCTV / 2,000 × 1,000 = 1.5
    assert value("health_facilities_per_10k", frames, "2024-09") == pytest.approx(10)
    assert value("cctv_per_1000", frames, "2024-09") == pytest.approx(1.5)


def test_shelter_coverage_is_capacity_over_flood_prone_residents() -> None:
    # 300 places (S2 has no capacity) / 1,000 residents of เมืองทอง (เวฬุวัน is not flood-prone)
    assert value(
        "shelter_capacity_coverage", {"facilities": FACILITIES, "population": POPULATION}, "2024-09"
    ) == pytest.approx(0.3)


def level(station: str, moment: str, metres: float, warning: float, critical: float) -> dict[str, object]:
    return {
        "station": station,
        "measured_at": moment,
        "level_m": metres,
        "warning_level_m": warning,
        "critical_level_m": critical,
    }


WATER = typed(
    "water_level",
    [
        level("X.40A", "2024-11-01 10:00", 7.4, 7.5, 8.5),  # below warning
        level("X.40A", "2024-11-02 10:00", 7.5, 7.5, 8.5),  # reaches warning exactly -> 2 Nov
        level("X.40A", "2024-11-02 11:00", 7.3, 7.5, 8.5),  # falls back the same day
        level("X.40A", "2024-11-03 09:00", 8.6, 7.5, 8.5),  # critical -> 3 Nov
        level("YLC-01", "2024-11-03 10:00", 7.0, 6.8, 7.6),  # same day, other station
        level("YLC-01", "2024-11-04 00:00", 6.9, 6.8, 7.6),  # 4 Nov
        level("X.40A", "2024-12-01 00:00", 9.0, 7.5, 8.5),  # December
    ],
)


def test_river_days_count_each_day_once_whatever_the_station() -> None:
    # November: 2, 3 and 4 Nov at or above warning; only 3 Nov at critical.
    assert value("river_days_above_warning", {"water_level": WATER}, "2024-11") == 3
    assert value("river_days_above_critical", {"water_level": WATER}, "2024-11") == 1


def test_river_days_without_readings_is_no_data() -> None:
    assert value("river_days_above_warning", {"water_level": WATER}, "2024-10") is None


INCIDENTS = typed(
    "incidents",
    [
        {
            "incident_id": "1",
            "occurred_at": "2024-11-02 03:00",
            "incident_type": "flood",
            "community": "เมืองทอง",
            "severity": "high",
            "households_affected": 100,
            "people_injured": 0,
        },
        {
            "incident_id": "2",
            "occurred_at": "2024-11-20 14:00",
            "incident_type": "fire",
            "community": "เวฬุวัน",
            "severity": "medium",
            "households_affected": 1,
            "people_injured": 2,
        },
        {
            "incident_id": "3",
            "occurred_at": "2024-12-01 08:00",
            "incident_type": "storm",
            "community": "เวฬุวัน",
            "severity": "critical",
        },
    ],
)


def test_incident_counts_and_sums_for_november() -> None:
    frames = {"incidents": INCIDENTS}
    assert [
        value(k, frames, "2024-11")
        for k in ("incidents_reported", "severe_incidents", "households_affected", "people_injured")
    ] == [2, 1, 101, 2]


def test_a_month_without_incidents_counts_zero() -> None:
    assert value("incidents_reported", {"incidents": INCIDENTS}, "2024-10") == 0


ECONOMY = typed(
    "economy",
    [
        {"month": "2024-09-01", "visitors": 1000, "events": 2, "new_businesses": 5, "market_occupancy_pct": 90.0},
        {"month": "2024-10-01", "visitors": 2000, "events": 3, "new_businesses": 7, "market_occupancy_pct": 95.0},
    ],
)


def test_economy_sums_the_months_of_the_period() -> None:
    frames = {"economy": ECONOMY}
    assert value("visitors", frames, "FY2567") == 1000
    assert value("visitors", frames, "FY2568-Q1") == 2000
    # (90 + 95) / 2 = 92.5 % over September and October
    assert value("market_occupancy_rate", frames, "2024-09-01..2024-10-31") == pytest.approx(0.925)


def test_a_seven_day_window_inside_a_month_has_no_monthly_economy_rows() -> None:
    # last7 ending 20 Oct 2024 does not contain 1 Oct.
    assert value("visitors", {"economy": ECONOMY}, "last7") is None
