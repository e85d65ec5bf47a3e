"""Files as Thai municipal staff really produce them are accepted with the right values."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from data_sources import store
from data_sources.ingest import ingest
from helpers.workbooks import make_csv, make_workbook

TODAY = date(2026, 11, 23)


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    return store.connect(f"sqlite:///{tmp_path / 'city.db'}")


def _ingest(engine, path: Path, dataset: str, **kwargs):  # type: ignore[no-untyped-def]
    return ingest(engine, path.read_bytes(), path.name, dataset, today=TODAY, **kwargs)


def _codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.code for i in result.prepared.report.issues]


def test_title_block_be_dates_and_thai_digits_are_read(engine, tmp_path: Path) -> None:
    rows = [
        ["รายงานปริมาณขยะ ประจำเดือนพฤศจิกายน ๒๕๖๙"],
        ["กองสาธารณสุขและสิ่งแวดล้อม เทศบาลนครยะลา"],
        [],
        ["วันที่", "ชุมชน", "ปริมาณขยะ (ตัน)", "ขยะรีไซเคิล (ตัน)"],
        ["๑/๑๑/๒๕๖๙", "ชุมชนเมืองทอง", "๓.๕", "0.5"],
        ["2 พ.ย. 69", "สะพรั่ง", "1,000.00", "-"],
        [datetime(2026, 11, 3), "เสรี", 2, None],
    ]
    result = _ingest(engine, make_workbook(tmp_path / "waste.xlsx", rows), "waste")
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "waste").sort_values("date").reset_index(drop=True)
    assert frame["date"].dt.date.tolist() == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
    assert frame["community"].tolist() == ["เมืองทอง", "สะพรั่ง", "เสรี"]
    assert frame["tons_collected"].tolist() == [3.5, 1000.0, 2.0]
    assert frame["tons_recycled"].iloc[1] == 0.0  # "-" is zero in a number column
    assert result.prepared.report.header_row == 4


def test_two_row_merged_header_is_matched(engine, tmp_path: Path) -> None:
    rows = [
        ["ระดับน้ำแม่น้ำปัตตานี"],
        ["สถานี", "วันเวลา", "ระดับน้ำ (ม.)", None, None],
        [None, None, "ระดับน้ำ", "เฝ้าระวัง", "วิกฤต"],
        ["X.40A", "21/11/2569 06.00 น.", 5.12, 7.5, 8.5],
        ["X.40A", "21/11/2569 07.30 น.", 5.3, 7.5, 8.5],
    ]
    path = make_workbook(tmp_path / "river.xlsx", rows, merged=("A2:A3", "B2:B3", "C2:E2"))
    result = _ingest(engine, path, "water_level")
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "water_level")
    assert frame["measured_at"].tolist() == [pd.Timestamp("2026-11-21 06:00"), pd.Timestamp("2026-11-21 07:30")]
    assert frame["critical_level_m"].tolist() == [8.5, 8.5]


def test_best_matching_sheet_is_chosen_and_named(engine, tmp_path: Path) -> None:
    notes = {
        "คำอธิบาย": [["ไฟล์นี้ส่งโดยกองคลัง"]],
        "ปีก่อน": [["ปีงบประมาณ", "เดือน", "ประเภทรายได้"], [2568, "ต.ค. 2567", "ภาษีอากร"]],
    }
    rows = [
        ["ปีงบประมาณ", "เดือน", "ประเภทรายได้", "ประมาณการ (บาท)", "จัดเก็บได้ (บาท)"],
        [2569, "ต.ค. 2568", "ภาษีอากร", "2,500,000", "2,315,000.50"],
    ]
    result = _ingest(engine, make_workbook(tmp_path / "rev.xlsx", rows, sheet="รายได้", extra_sheets=notes), "revenue")
    assert result.accepted, result.prepared.report.lines()
    assert result.prepared.report.sheet == "รายได้"
    assert "sheet-chosen" in _codes(result)


def test_trailing_total_row_is_skipped_with_a_warning(engine, tmp_path: Path) -> None:
    rows = [
        ["ปีงบประมาณ", "เดือน", "ประเภทรายได้", "ประมาณการ", "จัดเก็บได้"],
        [2569, "ต.ค.", "ภาษีอากร", 100, 90],
        [2569, "ต.ค.", "ค่าธรรมเนียม ค่าปรับ และใบอนุญาต", 50, 40],
        ["รวม", None, None, 150, 130],
    ]
    result = _ingest(engine, make_workbook(tmp_path / "rev.xlsx", rows), "revenue")
    assert result.accepted, result.prepared.report.lines()
    assert "total-row-skipped" in _codes(result)
    frame = store.load(engine, "revenue")
    assert len(frame) == 2
    # "ต.ค." with fiscal year 2569 is October 2568 BE = October 2025.
    assert set(frame["month"]) == {pd.Timestamp("2025-10-01")}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("21/11/2567", date(2024, 11, 21)),
        ("21 พ.ย. 67", date(2024, 11, 21)),
        ("21 พฤศจิกายน 2567", date(2024, 11, 21)),
        ("2567-11-21", date(2024, 11, 21)),
        ("2024-11-21", date(2024, 11, 21)),
        (datetime(2024, 11, 21), date(2024, 11, 21)),
        (45617, date(2024, 11, 21)),
        ("๒๑/๑๑/๒๕๖๗", date(2024, 11, 21)),
    ],
)
def test_every_usual_date_form_reads_as_the_same_day(engine, tmp_path: Path, written: object, expected: date) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], [written, "เสรี", 1]]
    result = _ingest(engine, make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert result.accepted, result.prepared.report.lines()
    assert store.load(engine, "waste")["date"].dt.date.tolist() == [expected]


def test_closed_list_accepts_thai_synonyms_and_open_list_takes_new_words(engine, tmp_path: Path) -> None:
    rows = [
        ["เลขที่เรื่อง", "วันที่รับเรื่อง", "วันที่แล้วเสร็จ", "ประเภท", "ชุมชน", "สถานะ"],
        ["0001/2569", "1/11/2569 09.30 น.", "2/11/2569 10.00 น.", "ถนน", "เมืองทอง", "ดำเนินการแล้วเสร็จ"],
        ["YL69-00002", "1/11/2569", None, "ป้ายโฆษณาผิดกฎหมาย", "ชุมชนใหม่พัฒนา", "closed"],
        ["0003/2569", "2/11/2569", None, "ขยะ", "สะพรั่ง", "กำลังดำเนินการ"],
    ]
    result = _ingest(engine, make_workbook(tmp_path / "c.xlsx", rows), "complaints")
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "complaints").set_index("ticket_id")
    assert frame["status"].to_dict() == {"0001/2569": "resolved", "YL69-00002": "resolved", "0003/2569": "in_progress"}
    assert frame.loc["0001/2569", "category"] == "road"
    assert frame.loc["YL69-00002", "category"] == "ป้ายโฆษณาผิดกฎหมาย"
    assert {"new-choice", "resolved-without-time"} <= set(_codes(result))


def test_unknown_columns_are_ignored_with_a_warning(engine, tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "ผู้บันทึก"], ["1/11/2569", "เสรี", 1, "นายทดสอบ"]]
    result = _ingest(engine, make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert result.accepted
    warning = next(i for i in result.prepared.report.issues if i.code == "unknown-column")
    assert (warning.column, warning.value) == ("D", "ผู้บันทึก")


def test_percent_and_separators_in_numbers(engine, tmp_path: Path) -> None:
    rows = [
        ["เดือน", "นักท่องเที่ยว (คน)", "งาน/กิจกรรม", "ธุรกิจจดทะเบียนใหม่", "อัตราการเช่าแผงตลาด (%)"],
        ["พ.ย. 2569", "48,200", "๔", " 37 ", "92.5%"],
    ]
    result = _ingest(engine, make_workbook(tmp_path / "e.xlsx", rows), "economy")
    assert result.accepted, result.prepared.report.lines()
    row = store.load(engine, "economy").iloc[0]
    assert (row["visitors"], row["events"], row["new_businesses"], row["market_occupancy_pct"]) == (48200, 4, 37, 92.5)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_csv_in_every_thai_encoding(engine, tmp_path: Path, encoding: str) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เมืองทอง", "2.5"]]
    result = _ingest(engine, make_csv(tmp_path / "w.csv", rows, encoding=encoding), "waste")
    assert result.accepted, result.prepared.report.lines()
    assert store.load(engine, "waste")["community"].tolist() == ["เมืองทอง"]


def test_dataset_is_detected_from_headers(engine, tmp_path: Path) -> None:
    rows = [["สถานี", "วันเวลาที่ตรวจวัด", "PM2.5", "PM10"], ["YL-AQ1", "21/11/2569 09.00 น.", 18.4, 30]]
    result = _ingest(engine, make_workbook(tmp_path / "pm.xlsx", rows), "auto")
    assert result.accepted, result.prepared.report.lines()
    assert result.prepared.dataset == "air_quality"


def test_excel_percent_cells_read_as_percent(engine, tmp_path: Path) -> None:
    rows = [
        ["เดือน", "นักท่องเที่ยว (คน)", "งาน/กิจกรรม", "ธุรกิจจดทะเบียนใหม่", "อัตราการเช่าแผงตลาด (%)"],
        ["ต.ค. 2569", 41000, 3, 30, 0.925],
        ["พ.ย. 2569", 48200, 4, 37, 0.9],
    ]
    result = _ingest(engine, make_workbook(tmp_path / "e.xlsx", rows), "economy")
    assert result.accepted, result.prepared.report.lines()
    assert sorted(store.load(engine, "economy")["market_occupancy_pct"]) == [90.0, 92.5]
    assert "percent-as-fraction" in _codes(result)
