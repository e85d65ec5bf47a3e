"""AppTest: a KPI's drill-down opens on the KPI its card linked to (?detail_kpi=...) and shows its
trend, its figures by community and by category, worked out by hand from helpers/small_city.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from helpers.apptest import APP
from helpers.small_city import open_small_city

PAGE = "pages/kpi_detail.py"


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def open_detail(kpi_id: str) -> AppTest:
    """The app as an executive, arriving by a card's link: the KPI is in the URL."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["role"] = "executive"
    at.query_params["detail_kpi"] = kpi_id
    at.run()
    at.switch_page(PAGE).run()
    return at


def test_the_detail_opens_on_the_linked_kpi(small_city: sa.Engine) -> None:
    at = open_detail("complaint_resolution_rate")
    assert not at.exception
    assert at.selectbox(key="detail_kpi_th").value == "complaint_resolution_rate"
    (card,) = at.metric
    assert (card.label, card.value) == ("อัตราการแก้ไขเรื่องร้องเรียน", "50.0%")


def test_the_figures_behind_it_are_split_by_category(small_city: sa.Engine) -> None:
    at = open_detail("complaint_resolution_rate")
    table = at.dataframe[0].value.set_index("ประเภทเรื่อง")
    # M: road T1 (resolved) + T4 (open) = 1 of 2; drainage T2 resolved = 1 of 1; waste T3 = 0 of 1.
    assert table.loc["ถนน/ทางเท้าชำรุด", ["รับเรื่อง", "แก้ไขเสร็จ", "อัตราการแก้ไข"]].tolist() == [2, 1, 50.0]
    assert table.loc["ท่อระบายน้ำ/น้ำท่วมขัง", "อัตราการแก้ไข"] == 100.0
    assert table.loc["ขยะ/ความสะอาด", "อัตราการแก้ไข"] == 0.0


def test_a_kpi_not_kept_by_community_says_so(small_city: sa.Engine) -> None:
    at = open_detail("revenue_collection_rate")
    assert not at.exception
    assert at.metric[0].value == "ไม่มีข้อมูล"
    assert "ยังไม่มีข้อมูลสำหรับช่วงเวลานี้" in [i.value for i in at.info]


def test_picking_another_kpi_puts_it_in_the_url(small_city: sa.Engine) -> None:
    at = open_detail("complaint_resolution_rate")
    at.selectbox(key="detail_kpi_th").set_value("complaints_received").run()
    assert at.query_params["detail_kpi"] == "complaints_received"
    assert at.metric[0].value == "4"
