"""AppTest: each pillar page opens for an executive, writes its summary from the figures, draws
its charts from aggregated rows, and says "no data" where a dataset is missing.
The small city (helpers/small_city.py) holds only six complaint tickets."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_sources.schema import PILLARS
from helpers.apptest import open_app
from helpers.small_city import month_m, open_small_city
from ui.charts import short_month
from ui.pillar_charts import charts_of

EXECUTIVE = {"role": "executive"}
TITLES_TH = {
    "governance": "การบริหารจัดการอัจฉริยะ",
    "living": "คุณภาพชีวิตอัจฉริยะ",
    "environment": "สิ่งแวดล้อมอัจฉริยะ",
    "economy": "เศรษฐกิจอัจฉริยะ",
    "resilience": "เมืองพร้อมรับมือภัยพิบัติ",
}


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def chart_rows(at: AppTest) -> list[list[dict[str, object]]]:
    """The rows each Altair chart on the page sent to the browser (Arrow tables)."""
    tables = []
    for chart in at.get("vega_lite_chart"):
        for named in chart.proto.datasets:
            reader = pa.ipc.open_stream(io.BytesIO(named.data.data))
            tables.append(reader.read_all().to_pylist())
    return tables


@pytest.mark.parametrize("pillar", PILLARS)
def test_each_pillar_page_opens_with_its_title_and_summary(small_city: sa.Engine, pillar: str) -> None:
    at = open_app(page=f"pages/pillar_{pillar}.py", session=EXECUTIVE)
    assert not at.exception
    assert at.title[0].value == TITLES_TH[pillar]
    assert at.info[0].value.startswith(TITLES_TH[pillar])


def test_governance_summary_and_charts_come_from_the_hand_counted_tickets(small_city: sa.Engine) -> None:
    at = open_app(page="pages/pillar_governance.py", session=EXECUTIVE)
    summary = at.info[0].value
    # 4 tickets in M against 2 in P: up 100%.
    assert "เรื่องร้องเรียนที่รับเดือนนี้ 4 เพิ่มขึ้น 100% จากเดือนก่อน" in summary
    trend, by_category = chart_rows(at)[:2]
    m_label = short_month(pd.Timestamp(month_m().start), "th")  # e.g. "ต.ค. 69"
    received = [r for r in trend if r["series"] == "รับเรื่อง" and r["label"] == m_label]
    assert [r["value"] for r in received] == [4.0]
    assert len(trend) == 24  # 12 months × (received, resolved): aggregated, never the raw tickets
    # By category in M: road T1 (resolved) and T4; drainage T2 (resolved); waste T3.
    counts = {(r["name"], r["series"]): r["value"] for r in by_category}
    assert counts[("ถนน/ทางเท้าชำรุด", "รับเรื่อง")] == 2 and counts[("ถนน/ทางเท้าชำรุด", "แก้ไขเสร็จ")] == 1
    assert counts[("ขยะ/ความสะอาด", "แก้ไขเสร็จ")] == 0


def test_charts_whose_data_never_arrived_say_so(small_city: sa.Engine) -> None:
    at = open_app(page="pages/pillar_living.py", session=EXECUTIVE)
    notes = [i.value for i in at.info[1:]]
    assert notes == ["ยังไม่มีข้อมูลสำหรับช่วงเวลานี้"] * len(charts_of("living"))
    assert not at.get("vega_lite_chart")


def test_a_community_view_marks_city_wide_charts(small_city: sa.Engine) -> None:
    at = open_app(page="pages/pillar_governance.py", session=EXECUTIVE)
    at.selectbox(key="exec_community_th").set_value("เสรี").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    # Revenue and budget are not kept by community; their charts say they show the whole city.
    assert sum("ข้อมูลทั้งเมือง" in c for c in captions) == 2


def test_pillar_pages_switch_to_english(small_city: sa.Engine) -> None:
    at = open_app(lang="en", page="pages/pillar_environment.py", session=EXECUTIVE)
    assert not at.exception
    assert at.title[0].value == "Smart Environment"
    assert "Waste complaints this month: 1" in at.info[0].value  # T3 is the one waste ticket
