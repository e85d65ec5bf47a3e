"""Data answers over hand-made typed frames: figures worked out by hand, sources and "as of" kept."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd
import pytest

from chatbot.answers import air_band, air_quality, water_level
from chatbot.civic_answers import budget, city_statistics, complaint_status, revenue
from data_sources import frames
from data_sources.adapters import dataset

NOW = datetime(2024, 11, 21, 10, 30)


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """A frame exactly as `store.load` returns it: every declared column, contract dtypes."""
    return frames.coerce(pd.DataFrame(rows), dataset(key))


def air(*readings: tuple[str, str, float]) -> pd.DataFrame:
    return typed("air_quality", [{"station": s, "measured_at": t, "pm25": v} for s, t, v in readings])


# ----------------------------------------------------------------- air


def test_todays_pm25_is_the_mean_of_all_readings_so_far() -> None:
    frame = air(
        ("YL-AQ1", "2024-11-21 06:00", 10.0), ("YL-AQ1", "2024-11-21 09:00", 20.0), ("YL-AQ2", "2024-11-21 09:00", 30.0)
    )
    answer = air_quality(frame, "th", NOW)
    assert "วันนี้" in answer.text
    assert "20.0 มคก./ลบ.ม." in answer.text  # (10 + 20 + 30) / 3
    assert "ดี (สีเขียว)" in answer.text  # 15 < 20 <= 25
    assert "ไม่เกินค่ามาตรฐาน" in answer.text
    assert answer.sources == ("air_quality",)
    assert answer.as_of == "2024-11-21T09:00:00"


def test_readings_after_now_are_not_counted() -> None:
    frame = air(("YL-AQ1", "2024-11-21 09:00", 10.0), ("YL-AQ1", "2024-11-21 11:00", 90.0))
    assert "10.0" in air_quality(frame, "en", NOW).text


def test_without_readings_today_the_latest_day_is_named() -> None:
    frame = air(("YL-AQ1", "2024-11-19 09:00", 41.0), ("YL-AQ1", "2024-11-20 09:00", 40.0))
    answer = air_quality(frame, "en", NOW)
    assert "20 Nov 2024" in answer.text
    assert "40.0 µg/m³" in answer.text
    assert "Above the 24-hour standard of 37.5" in answer.text


def test_yesterday_is_answered_when_asked() -> None:
    frame = air(("YL-AQ1", "2024-11-20 09:00", 12.0), ("YL-AQ1", "2024-11-21 09:00", 30.0))
    assert "12.0" in air_quality(frame, "en", NOW, period={"kind": "yesterday", "year": None}).text


def test_a_named_station_is_answered_alone() -> None:
    frame = air(("YL-AQ1", "2024-11-21 09:00", 10.0), ("YL-AQ3", "2024-11-21 09:00", 50.0))
    answer = air_quality(frame, "th", NOW, station="YL-AQ3")
    assert "ตลาดเก่า: 50.0" in answer.text
    assert "เริ่มมีผลกระทบต่อสุขภาพ" in answer.text


@pytest.mark.parametrize(
    ("pm25", "band"),
    [(15.0, "very good"), (15.1, "good"), (37.5, "moderate"), (37.6, "starting"), (75.1, "affects health")],
)
def test_thai_aqi_band_edges(pm25: float, band: str) -> None:
    assert air_band(pm25).en.startswith(band)


@pytest.mark.parametrize("frame", [None, air()])
def test_no_air_data_says_so_without_a_figure(frame: pd.DataFrame | None) -> None:
    answer = air_quality(frame, "th", NOW)
    assert "ยังไม่มีข้อมูล" in answer.text
    assert not re.search(r"\d", answer.text)


# ----------------------------------------------------------------- river


def river(*readings: tuple[str, str, float, float, float]) -> pd.DataFrame:
    rows = [
        {"station": s, "measured_at": t, "level_m": v, "warning_level_m": w, "critical_level_m": c}
        for s, t, v, w, c in readings
    ]
    return typed("water_level", rows)


def test_river_above_warning_gives_the_margin_and_what_to_do() -> None:
    frame = river(("X.40A", "2024-11-21 06:00", 7.2, 7.5, 8.5), ("X.40A", "2024-11-21 09:00", 7.6, 7.5, 8.5))
    answer = water_level(frame, "th", NOW)
    assert answer.text.startswith("ระดับน้ำล่าสุด: เกินระดับเฝ้าระวัง")
    assert "7.60 ม." in answer.text and "สูงกว่าระดับเฝ้าระวัง 0.10 ม." in answer.text
    assert "1784" in answer.text  # the disaster line from the city profile
    assert answer.as_of == "2024-11-21T09:00:00"


def test_river_half_a_metre_below_warning_is_watch() -> None:
    answer = water_level(river(("YLC-01", "2024-11-21 09:00", 6.4, 6.8, 7.6)), "en", NOW)
    assert answer.text.startswith("River level now: close to the warning level")
    assert "0.40 m below the warning level" in answer.text


def test_a_stale_reading_is_flagged_and_does_not_set_the_headline() -> None:
    frame = river(("X.40A", "2024-11-19 09:00", 9.0, 7.5, 8.5), ("YLC-01", "2024-11-21 09:00", 3.0, 6.8, 7.6))
    answer = water_level(frame, "en", NOW)
    assert answer.text.startswith("River level now: normal")
    assert "(over 24 hours old)" in answer.text


def test_no_river_data_says_so() -> None:
    assert "no river level data" in water_level(None, "en", NOW).text


# ----------------------------------------------------------------- complaints

PERSONAL = {
    "complainant_name": "สมชาย ใจดี",
    "complainant_phone": "0812345678",
    "complainant_national_id": "1101700203451",
}


def complaints() -> pd.DataFrame:
    return typed(
        "complaints",
        [
            {"ticket_id": "0001/2568", "received_at": "2024-10-01 09:00", "resolved_at": "2024-10-03 15:00",
             "category": "road", "community": "เมืองทอง", "status": "resolved", "description": "หลุม", **PERSONAL},
            {"ticket_id": "YL68-00041", "received_at": "2024-11-11 08:00", "category": "waste", "community": "สามัคคี",
             "status": "in_progress", **PERSONAL},
        ],
    )  # fmt: skip


def test_status_shows_status_and_dates_only() -> None:
    answer = complaint_status(complaints(), "th", "1/2568", date(2024, 11, 21))
    assert "สถานะ: เสร็จสิ้น" in answer.text
    assert "วันที่รับเรื่อง: 1 ต.ค. 2567" in answer.text and "วันที่แล้วเสร็จ: 3 ต.ค. 2567" in answer.text
    assert "หลุม" not in answer.text and "เมืองทอง" not in answer.text
    assert answer.sources == ("complaints",)


def test_open_ticket_counts_days_since_received() -> None:
    answer = complaint_status(complaints(), "en", "yl68-00041", date(2024, 11, 21))
    assert "Status: In progress" in answer.text
    assert "10 days since it was received" in answer.text


@pytest.mark.parametrize("ticket", ["0001/2568", "YL68-00041"])
def test_status_never_shows_personal_data(ticket: str) -> None:
    text = complaint_status(complaints(), "th", ticket, date(2024, 11, 21)).text
    assert all(value not in text for value in (*PERSONAL.values(), "สมชาย"))


def test_unknown_ticket_is_reported_as_not_found() -> None:
    assert (
        "No complaint numbered 9999/2568" in complaint_status(complaints(), "en", "9999/2568", date(2024, 11, 21)).text
    )


# ----------------------------------------------------------------- population


def population() -> pd.DataFrame:
    row = {"age_0_14": 100, "age_15_59": 200}
    return typed(
        "population",
        [
            {
                "year": 2566,
                "community": "เมืองทอง",
                "male": 900,
                "female": 950,
                "households": 600,
                "age_60_plus": 150,
                **row,
            },
            {
                "year": 2567,
                "community": "เมืองทอง",
                "male": 1000,
                "female": 1100,
                "households": 700,
                "age_60_plus": 210,
                **row,
            },
            {
                "year": 2567,
                "community": "สามัคคี",
                "male": 500,
                "female": 400,
                "households": 300,
                "age_60_plus": 90,
                **row,
            },
        ],
    )


def test_community_population_of_the_latest_year() -> None:
    answer = city_statistics(population(), "th", community="เมืองทอง")
    assert "ประชากรชุมชนเมืองทอง ปี 2567: 2,100 คน" in answer.text
    assert "ครัวเรือน 700" in answer.text and "อายุ 60 ปีขึ้นไป 210 คน (10.0%)" in answer.text
    assert answer.as_of == "2024-12-31"  # year end of BE 2567


def test_city_population_sums_every_community() -> None:
    answer = city_statistics(population(), "en")
    assert "3,000" in answer.text and "2 communities" in answer.text  # 2,100 + 900
    assert "aged 60+ 300 (10.0%)" in answer.text


def test_a_year_without_figures_says_so_and_gives_the_latest() -> None:
    answer = city_statistics(population(), "en", year=2560)
    assert answer.text.startswith("No figures for 2560")
    assert "2567 BE" in answer.text


# ----------------------------------------------------------------- budget and revenue


def test_budget_disbursed_so_far_this_fiscal_year() -> None:
    frame = typed(
        "budget",
        [
            {"fiscal_year": 2568, "month": "2024-10-01", "division": "engineering", "project": "ถนน", "allocated": 1_000_000, "disbursed": 100_000},
            {"fiscal_year": 2568, "month": "2024-11-01", "division": "engineering", "project": "ถนน", "allocated": 1_000_000, "disbursed": 150_000},
            {"fiscal_year": 2568, "month": "2024-10-01", "division": "welfare", "project": "เบี้ยยังชีพ", "allocated": 500_000, "disbursed": 50_000},
            {"fiscal_year": 2568, "month": "2024-12-01", "division": "welfare", "project": "เบี้ยยังชีพ", "allocated": 500_000, "disbursed": 50_000},
        ],
    )  # fmt: skip
    answer = budget(frame, "th", NOW)
    assert "ปีงบประมาณ 2568 (ข้อมูลถึง พ.ย. 2567)" in answer.text
    assert "งบที่ได้รับจัดสรร 1.50 ล้านบาท" in answer.text  # each project's allocation once
    assert "เบิกจ่ายแล้ว 300,000 บาท (20.0%)" in answer.text  # December lies after now
    assert answer.as_of == "2024-11-30"
    assert answer.slots == {"fiscal_year": 2568}


def test_budget_for_a_year_without_rows_names_the_years_there_are() -> None:
    frame = typed(
        "budget",
        [
            {
                "fiscal_year": 2567,
                "month": "2024-01-01",
                "division": "finance",
                "project": "x",
                "allocated": 1,
                "disbursed": 1,
            }
        ],
    )
    answer = budget(frame, "en", NOW, fiscal_year_be=2569)
    assert answer.text == "There are no figures for fiscal year 2569 yet. Available: FY2567."


def test_revenue_collected_against_target() -> None:
    frame = typed(
        "revenue",
        [{"fiscal_year": 2568, "month": "2024-10-01", "revenue_type": "taxes", "target": 2_000_000, "collected": 1_500_000},
         {"fiscal_year": 2568, "month": "2024-11-01", "revenue_type": "fees", "target": 2_000_000, "collected": 500_000}],
    )  # fmt: skip
    answer = revenue(frame, "en", NOW)
    assert "2.00 million baht collected of 4.00 million baht expected (50.0%)" in answer.text
    assert answer.sources == ("revenue",)
