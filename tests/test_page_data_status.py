"""AppTest: the app starts, and the data status page shows what the store holds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data_sources import store
from helpers.apptest import open_app


@pytest.fixture
def city_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'city.db'}"
    monkeypatch.setenv("CITY_DB_URL", url)
    engine = store.connect(url)
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-01", "2026-11-02", "2026-11-03"]),
            "community": ["เสรี", "เสรี", "สะพรั่ง"],
            "tons_collected": [2.0, 2.5, 3.1],
        }
    )
    store.commit(engine, "waste", frame, upload=store.UploadedFile("waste.xlsx", b"x"), user="test")
    return url


def test_status_page_counts_rows_of_each_dataset_in_thai(city_db: str) -> None:
    at = open_app(page="pages/data_status.py")
    assert not at.exception
    assert at.title[0].value == "ข้อมูลของเมืองวันนี้"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["ข้อมูลทั้งหมด"] == "3"
    table = at.dataframe[0].value
    waste = table[table["ชุดข้อมูล"] == "ปริมาณขยะ"].iloc[0]
    assert waste["จำนวนแถว"] == 3 and waste["รุ่น"] == 1
    assert waste["ความทันสมัย"] == "ทันสมัย"
    assert table[table["ชุดข้อมูล"] == "เรื่องร้องเรียน"].iloc[0]["ความทันสมัย"] == "ค้างส่ง"


def test_status_page_switches_to_english(city_db: str) -> None:
    at = open_app(lang="en", page="pages/data_status.py")
    assert not at.exception
    assert at.title[0].value == "The city's data today"
    assert "Municipal revenue" in at.dataframe[0].value["Dataset"].tolist()
