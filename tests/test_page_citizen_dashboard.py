"""AppTest: the Citizen Dashboard is where visitors land, and it shows the small city's figures."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from helpers.apptest import APP, open_app
from helpers.citizen_city import EXPECTED, open_small_city

DASHBOARD = "pages/citizen_dashboard.py"


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def _metrics(at: object) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}  # type: ignore[attr-defined]


def test_visitors_land_on_the_citizen_dashboard_in_thai(small_city: sa.Engine) -> None:
    at = open_app()
    assert not at.exception
    assert at.title[0].value == "ข้อมูลเมืองสำหรับประชาชน"
    shown = _metrics(at)
    assert shown["ฝุ่น PM2.5 เฉลี่ยวันนี้"] == EXPECTED["pm25"]
    assert shown["จำนวนเหตุทั้งหมด"] == EXPECTED["incidents"]
    assert shown["ขยะที่เก็บได้ 30 วันล่าสุด"] == EXPECTED["waste"]
    assert shown["นำไปรีไซเคิล"] == EXPECTED["recycled"]


def test_air_river_and_incidents_are_put_in_plain_words(small_city: sa.Engine) -> None:
    at = open_app(page=DASHBOARD)
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert any("เริ่มมีผลกระทบต่อสุขภาพ" in text for text in texts)  # the AQI band badge
    assert "ระดับน้ำถึงระดับเฝ้าระวังแล้ว ชุมชนริมแม่น้ำและพื้นที่ลุ่มต่ำโปรดเตรียมพร้อม" in texts
    # 7.70 m then 7.80 m an hour later: rising 10 cm an hour, 0.70 m below critical -> about 7 hours.
    assert "ระดับน้ำ 7.80 ม. · สูงกว่าระดับเฝ้าระวัง 0.30 ม. · กำลังสูงขึ้น 10 ซม./ชม." in texts
    assert "ถึงระดับวิกฤต 8.50 ม. ในราว 7 ชม. หากยังขึ้นด้วยอัตรานี้" in texts
    assert texts.count("ไม่มีค่าที่วัดได้ในรอบ 24 ชั่วโมง") == 2  # two stations without a live reading
    assert "ครัวเรือนที่ได้รับผลกระทบรวม 17 ครัวเรือน" in texts


def test_complaints_are_shown_in_aggregate_for_30_and_90_days(small_city: sa.Engine) -> None:
    at = open_app(page=DASHBOARD)
    shown = _metrics(at)
    assert shown["เรื่องที่รับ"] == EXPECTED["received"]
    assert shown["แก้ไขเสร็จแล้ว"] == EXPECTED["resolved"]
    assert shown["สัดส่วนที่แก้ไขเสร็จ"] == EXPECTED["rate"]
    assert shown["ระยะเวลาแก้ไข (ค่ามัธยฐาน)"] == EXPECTED["median"]
    communities = at.dataframe[0].value
    assert communities["ชุมชน"].tolist() == ["สะพรั่ง", "เมืองทอง"]
    assert communities["เรื่องที่รับ"].tolist() == [2, 2]

    at.segmented_control(key="citizen_complaints_period").set_value("last90").run()
    # 90 days add ticket 0099, received 60 days ago and resolved a day later.
    shown = _metrics(at)
    assert (shown["เรื่องที่รับ"], shown["แก้ไขเสร็จแล้ว"], shown["สัดส่วนที่แก้ไขเสร็จ"]) == ("5", "4", "80.0%")
    assert shown["ระยะเวลาแก้ไข (ค่ามัธยฐาน)"] == "1.5 วัน"  # 1, 1, 2, 4 days


def test_the_dashboard_speaks_english_when_asked(small_city: sa.Engine) -> None:
    at = open_app(lang="en", page=DASHBOARD)
    assert not at.exception
    assert at.title[0].value == "City data for citizens"
    shown = _metrics(at)
    assert shown["PM2.5 today (average)"] == "40.0 µg/m³"
    assert shown["Received"] == "4" and shown["Share resolved"] == "75.0%"
    assert "Saphrang" in at.dataframe[0].value["Community"].tolist()


# ?lang=en and ?lang=th are redirected to these labels before Streamlit runs (ui.language_links).
@pytest.mark.parametrize(("written", "title"), [("English", "City data for citizens"), ("ไทย", "ข้อมูลเมืองสำหรับประชาชน"),
                                                ("klingon", "ข้อมูลเมืองสำหรับประชาชน")])  # fmt: skip
def test_a_link_names_the_language_as_the_toggle_writes_it(small_city: sa.Engine, written: str, title: str) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = written
    at.run()
    assert not at.exception
    assert at.title[0].value == title


def test_the_waste_card_tells_a_communitys_collection_days(small_city: sa.Engine) -> None:
    at = open_app(page=DASHBOARD)
    at.selectbox(key="citizen_waste_community").set_value("เวฬุวัน").run()
    assert not at.exception
    # Zone D of the city profile's schedule: Tuesday, Thursday, Saturday, 19.00-23.00.
    assert any("รถเก็บขยะมาวันอังคาร, พฤหัสบดี, เสาร์ เวลา 19.00-23.00 น." in i.value for i in at.info)
