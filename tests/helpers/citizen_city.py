"""A tiny city for the public-page tests, dated relative to the moment the test runs, with the
figures the pages must show worked out by hand (see EXPECTED)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
import streamlit as st

from data_sources import city_time, store

# What the pages must show for this city (Thai mode), worked out from the rows below:
# - PM2.5 today: readings 30 and 50 at midnight -> mean 40.0, over 37.5: "starting to affect health".
# - River X.40A at 7.80 m against a 7.5 m warning level -> "warning"; the other stations have no data.
# - Incidents in 30 days: 2 floods (10 + 5 households) and 1 fire (2) -> 3 incidents, 17 households.
# - Waste in 30 days: 10 + 6 = 16 tons, 1.6 + 0.8 = 2.4 recycled -> 15.0%.
# - Complaints in 30 days: 4 received, 3 resolved (1, 2 and 4 days) -> 75.0%, median 2 days.
EXPECTED = {
    "pm25": "40.0 มคก./ลบ.ม.",
    "incidents": "3",
    "waste": "16 ตัน",
    "recycled": "15.0%",
    "received": "4",
    "resolved": "3",
    "rate": "75.0%",
    "median": "2.0 วัน",
}
NAMES = ("นายสมชาย ทดสอบ", "นางฟาตีมะห์ ตัวอย่าง", "นางสาวสุนิสา สมมุติ")
PHONES = ("081-000-1111", "092-000-2222", "063-000-3333")
NATIONAL_IDS = ("1101700230700", "3959900012341")


def _commit(engine: sa.Engine, key: str, frame: pd.DataFrame) -> None:
    store.commit(engine, key, frame, upload=store.UploadedFile(f"{key}.xlsx", b"x"), user="test")


def _complaints(now: datetime) -> pd.DataFrame:
    day = now.replace(hour=9, minute=0, second=0, microsecond=0)
    received = [day - timedelta(days=d) for d in (10, 9, 8, 3)] + [day - timedelta(days=60)]
    resolved = [received[0] + timedelta(days=1), received[1] + timedelta(days=2), received[2] + timedelta(days=4),
                None, received[4] + timedelta(days=1)]  # fmt: skip
    return pd.DataFrame(
        {
            "ticket_id": ["0001/2569", "0002/2569", "0003/2569", "0004/2569", "0099/2569"],
            "received_at": pd.to_datetime(received),
            "resolved_at": pd.to_datetime(resolved),
            "category": ["road", "road", "waste", "waste", "trees"],
            "community": ["เมืองทอง", "เมืองทอง", "สะพรั่ง", "สะพรั่ง", "เสรี"],
            "channel": ["line", "phone", "walk_in", "chatbot", "web"],
            "status": ["resolved", "resolved", "resolved", "in_progress", "resolved"],
            "description": ["ถนนเป็นหลุม", "ฝาท่อชำรุด", "ขยะล้นถัง", f"ขยะไม่เก็บ ติดต่อ {PHONES[2]}", "กิ่งไม้"],
            "complainant_name": [NAMES[0], NAMES[1], NAMES[2], None, NAMES[0]],
            "complainant_phone": [PHONES[0], PHONES[1], None, PHONES[2], None],
            "complainant_national_id": [NATIONAL_IDS[0], None, NATIONAL_IDS[1], None, None],
        }
    )


def _air_and_water(engine: sa.Engine, now: datetime) -> None:
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    air = pd.DataFrame(
        {
            "station": ["YL-AQ1", "YL-AQ2", "YL-AQ1"],
            "measured_at": pd.to_datetime([midnight, midnight, midnight - timedelta(hours=12)]),
            "pm25": [30.0, 50.0, 10.0],
        }
    )
    _commit(engine, "air_quality", air)
    hour = now.replace(minute=0, second=0, microsecond=0)
    water = pd.DataFrame(
        {
            "station": ["X.40A", "X.40A"],
            "measured_at": pd.to_datetime([hour - timedelta(hours=2), hour - timedelta(hours=1)]),
            "level_m": [7.70, 7.80],
            "warning_level_m": [7.5, 7.5],
            "critical_level_m": [8.5, 8.5],
        }
    )
    _commit(engine, "water_level", water)


def _incidents_and_waste(engine: sa.Engine, now: datetime) -> None:
    incidents = pd.DataFrame(
        {
            "incident_id": ["ปภ.1", "ปภ.2", "ปภ.3", "ปภ.4"],
            "occurred_at": pd.to_datetime([now - timedelta(days=d) for d in (2, 5, 7, 40)]),
            "incident_type": ["flood", "flood", "fire", "fire"],
            "community": ["มุสลิมสัมพันธ์", "เมืองทอง", "สะพรั่ง", "เสรี"],
            "severity": ["medium", "low", "low", "high"],
            "households_affected": [10, 5, 2, 50],
        }
    )
    _commit(engine, "incidents", incidents)
    yesterday = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)
    waste = pd.DataFrame(
        {
            "date": pd.to_datetime([yesterday, yesterday - timedelta(days=1)]),
            "community": ["เมืองทอง", "สะพรั่ง"],
            "tons_collected": [10.0, 6.0],
            "tons_recycled": [1.6, 0.8],
        }
    )
    _commit(engine, "waste", waste)


def _facilities(engine: sa.Engine) -> None:
    facilities = pd.DataFrame(
        {
            "facility_id": ["HC-01", "SHL-01", "CCTV-01"],
            "name": ["ศูนย์บริการสาธารณสุข 2", "ศูนย์พักพิงชั่วคราว โรงเรียนเทศบาล 2", "กล้อง CCTV จุดที่ 01"],
            "facility_type": ["health_centre", "shelter", "cctv"],
            "latitude": [6.5621, 6.5297, 6.5425],
            "longitude": [101.2929, 101.2845, 101.2831],
            "phone": ["073-000-104", None, None],
            "opening_hours": ["จ.-ศ. 08.30-16.30 น.", "ตลอด 24 ชั่วโมง", None],
        }
    )
    _commit(engine, "facilities", facilities)


def build_small_city(url: str, now: datetime) -> sa.Engine:
    """Commit the tiny city's datasets to a fresh database at `url`."""
    engine = store.connect(url)
    _commit(engine, "complaints", _complaints(now))
    _air_and_water(engine, now)
    _incidents_and_waste(engine, now)
    _facilities(engine)
    return engine


def use_database(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Point the app at `url`. The app keeps its engine in st.cache_resource, which outlives one
    AppTest, so it is cleared here: otherwise a test would read the previous test's database."""
    monkeypatch.setenv("CITY_DB_URL", url)
    st.cache_resource.clear()


def open_small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    """Build the tiny city in `tmp_path` and point the app at it (for a test's fixture)."""
    url = f"sqlite:///{tmp_path / 'city.db'}"
    engine = build_small_city(url, city_time.now())
    use_database(monkeypatch, url)
    return engine
