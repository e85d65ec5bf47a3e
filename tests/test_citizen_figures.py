"""The Citizen Dashboard's figures, worked out by hand on tiny frames."""

from __future__ import annotations

import doctest
from datetime import date, datetime

import pandas as pd
import pytest

from data_sources import bands, formulas, personal_numbers
from metrics import citizen, citizen_complaints, citizen_services
from metrics.periods import rolling

NOW = datetime(2026, 11, 23, 9, 30)


def _air(rows: list[tuple[str, str, float]]) -> dict[str, pd.DataFrame]:
    return {
        "air_quality": pd.DataFrame(
            {
                "station": pd.array([r[0] for r in rows], dtype="string"),
                "measured_at": pd.to_datetime([r[1] for r in rows]),
                "pm25": [r[2] for r in rows],
                "pm10": [None] * len(rows),
            }
        )
    }


@pytest.mark.parametrize(
    ("pm25", "band"),
    [(0.0, "very_good"), (15.0, "very_good"), (15.04, "very_good"), (15.1, "good"), (25.0, "good"),
     (37.5, "moderate"), (37.6, "starting_to_affect"), (75.0, "starting_to_affect"), (75.1, "affects_health"),
     (300.0, "affects_health")],
)  # fmt: skip
def test_pm25_falls_in_the_thai_aqi_band_of_2023(pm25: float, band: str) -> None:
    assert citizen.air_band(pm25).key == band


def test_todays_pm25_is_the_mean_of_todays_readings_so_far() -> None:
    frames = _air([
        ("YL-AQ1", "2026-11-23 00:00", 30.0), ("YL-AQ2", "2026-11-23 08:00", 50.0),
        ("YL-AQ1", "2026-11-23 10:00", 500.0),  # after "now": not counted
        ("YL-AQ1", "2026-11-22 12:00", 10.0), ("YL-AQ1", "2026-11-16 12:00", 99.0),  # 8 days back: outside the week
    ])  # fmt: skip
    air = citizen.air_today(frames, NOW)
    assert air.pm25 == pytest.approx(40.0)
    assert air.band is not None and air.band.key == "starting_to_affect"
    assert air.over_standard is True
    assert air.as_of == datetime(2026, 11, 23, 8, 0)
    assert list(air.days["pm25"]) == pytest.approx([10.0, 40.0])
    assert list(air.days["band"]) == ["very_good", "starting_to_affect"]


def test_no_reading_today_is_no_data_not_zero() -> None:
    air = citizen.air_today(_air([("YL-AQ1", "2026-11-22 12:00", 10.0)]), NOW)
    assert air.pm25 is None and air.band is None and air.over_standard is None
    assert len(air.days) == 1


def _water(rows: list[tuple[str, str, float]]) -> dict[str, pd.DataFrame]:
    return {
        "water_level": pd.DataFrame(
            {
                "station": pd.array([r[0] for r in rows], dtype="string"),
                "measured_at": pd.to_datetime([r[1] for r in rows]),
                "level_m": [r[2] for r in rows],
                "warning_level_m": [7.5] * len(rows),
                "critical_level_m": [8.5] * len(rows),
            }
        )
    }


@pytest.mark.parametrize(
    ("level", "status"), [(6.9, "normal"), (7.0, "watch"), (7.49, "watch"), (7.5, "warning"), (8.5, "critical")]
)
def test_river_status_against_warning_and_critical(level: float, status: str) -> None:
    assert bands.river_status(level, 7.5, 8.5) == status


def test_river_now_takes_each_stations_latest_live_reading_and_its_trend() -> None:
    frames = _water([
        ("X.40A", "2026-11-23 07:00", 7.40), ("X.40A", "2026-11-23 08:00", 7.60), ("X.40A", "2026-11-23 09:00", 7.80),
        ("YLC-01", "2026-11-22 08:00", 5.0),  # 25.5 hours old: not live
    ])  # fmt: skip
    by_station = {r.station: r for r in citizen.river_now(frames, NOW)}
    assert list(by_station) == ["X.40A", "YLC-01", "YLC-02"]
    x40a = by_station["X.40A"]
    assert (x40a.status, x40a.level_m, x40a.trend) == ("warning", 7.8, "rising")
    assert x40a.below_warning_m == pytest.approx(-0.3)
    assert by_station["YLC-01"].status == "no_data" and by_station["YLC-02"].status == "no_data"


def test_waste_sums_the_last_30_days_and_each_month() -> None:
    waste = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-22", "2026-11-01", "2026-10-25", "2026-10-24", "2026-05-31"]),
            "community": pd.array(["เสรี"] * 5, dtype="string"),
            "tons_collected": [10.0, 6.0, 4.0, 100.0, 50.0],
            "tons_recycled": [1.6, 0.8, 0.4, 10.0, 5.0],
        }
    )
    summary = citizen.waste_summary({"waste": waste}, date(2026, 11, 23))
    # The last 30 days are 25 Oct .. 23 Nov: 10 + 6 + 4 collected, 1.6 + 0.8 + 0.4 recycled.
    assert summary.tons_collected == pytest.approx(20.0) and summary.tons_recycled == pytest.approx(2.8)
    assert list(summary.monthly["month"].dt.month) == [10, 11]
    assert list(summary.monthly["tons_collected"]) == pytest.approx([104.0, 16.0])


def test_upcoming_events_start_with_this_month_and_wrap_the_year() -> None:
    events = citizen.city_events()
    keys = [e.key for e in citizen.upcoming_events(date(2026, 11, 23), count=3)]
    assert keys == ["loy_krathong", "new_year_lights", "chinese_new_year"]
    assert all(e.name_th and e.name_en and e.months for e in events)
    december = [e.key for e in citizen.upcoming_events(date(2026, 12, 1), count=2)]
    assert december == ["new_year_lights", "chinese_new_year"]


def _complaints() -> pd.DataFrame:
    rows = [
        # ticket, received, resolved, category, community, status
        ("0001/2569", "2026-11-10 09:00", "2026-11-11 09:00", "road", "เมืองทอง", "resolved"),  # 1 day
        ("0002/2569", "2026-11-12 09:00", "2026-11-14 09:00", "road", "เมืองทอง", "resolved"),  # 2 days
        ("0003/2569", "2026-11-13 09:00", "2026-11-17 09:00", "waste", "สะพรั่ง", "resolved"),  # 4 days
        ("0004/2569", "2026-11-20 09:00", None, "waste", "สะพรั่ง", "in_progress"),
        ("0100/2569", "2026-09-01 09:00", "2026-11-02 09:00", "trees", "เสรี", "resolved"),  # received long before
    ]
    return pd.DataFrame(
        {
            "ticket_id": pd.array([r[0] for r in rows], dtype="string"),
            "received_at": pd.to_datetime([r[1] for r in rows]),
            "resolved_at": pd.to_datetime([r[2] for r in rows]),
            "category": pd.array([r[3] for r in rows], dtype="string"),
            "community": pd.array([r[4] for r in rows], dtype="string"),
            "status": pd.array([r[5] for r in rows], dtype="string"),
            "satisfaction": pd.array([None] * len(rows), dtype="Int64"),
        }
    )


def test_complaints_in_the_last_30_days_by_the_kpi_rules() -> None:
    summary = citizen_complaints.complaint_summary({"complaints": _complaints()}, rolling(30, today=date(2026, 11, 23)))
    assert (summary.received, summary.resolved) == (4, 3)
    assert summary.resolution_rate == pytest.approx(0.75)
    # Closed in the period: 1, 2, 4 days and the old ticket's 62 days -> median (2 + 4) / 2.
    assert summary.median_days == pytest.approx(3.0)
    by_category = summary.by_category.set_index("category")
    assert by_category.loc["road", "received"] == 2 and by_category.loc["road", "label_th"] == "ถนน/ทางเท้าชำรุด"
    by_community = summary.by_community.set_index("community")
    assert by_community.loc["สะพรั่ง", "resolution_rate"] == pytest.approx(0.5)
    assert by_community.loc["สะพรั่ง", "community_en"] == "Saphrang"
    trend = summary.trend.set_index(summary.trend["month"].dt.strftime("%Y-%m"))
    assert len(trend) == 12 and trend.loc["2026-11", "received"] == 4 and trend.loc["2026-11", "resolved"] == 4
    assert trend.loc["2026-09", "received"] == 1 and trend.loc["2026-09", "resolved"] == 0


@pytest.mark.parametrize("typed", ["0003/2569", " ๐๐๐๓/๒๕๖๙ ", "0003 / 2569", "0003-2569", "3/2569"])
def test_a_ticket_is_found_however_its_number_is_typed(typed: str) -> None:
    found = citizen_complaints.find_ticket(_complaints(), typed)
    assert found == citizen_complaints.TicketStatus("0003/2569", "resolved", date(2026, 11, 13), date(2026, 11, 17))


def test_an_open_ticket_has_no_resolved_date_and_an_unknown_number_finds_nothing() -> None:
    found = citizen_complaints.find_ticket(_complaints(), "0004/2569")
    assert found is not None and found.status == "in_progress" and found.resolved_on is None
    assert citizen_complaints.find_ticket(_complaints(), "9999/2569") is None
    assert citizen_complaints.find_ticket(_complaints(), "   ") is None


def test_services_leave_cctv_off_the_public_list() -> None:
    facilities = pd.DataFrame(
        {
            "facility_id": pd.array(["CCTV-01", "SCH-01", "HC-01"], dtype="string"),
            "name": pd.array(["กล้อง", "โรงเรียนเทศบาล 2", "ศูนย์บริการสาธารณสุข 2"], dtype="string"),
            "facility_type": pd.array(["cctv", "school", "health_centre"], dtype="string"),
            "latitude": [6.54, 6.53, 6.56],
            "longitude": [101.28, 101.28, 101.29],
            "address": pd.array([None] * 3, dtype="string"),
            "opening_hours": pd.array([None, "จ.-ศ. 08.30-16.30 น.", None], dtype="string"),
            "phone": pd.array([None, "073-000-106", None], dtype="string"),
        }
    )
    table = citizen_services.services({"facilities": facilities})
    assert list(table["facility_id"]) == ["HC-01", "SCH-01"]  # legend order: health centres first
    assert citizen_services.service_counts(table) == {"health_centre": 1, "school": 1}
    assert list(citizen_services.services({"facilities": facilities}, ("school",))["name"]) == ["โรงเรียนเทศบาล 2"]


@pytest.mark.parametrize("module", [citizen, citizen_complaints, formulas, personal_numbers])
def test_docstring_examples_hold(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
