"""Values as offices write them: Buddhist-era years in real Excel date cells, units in headers and
cells, a dash that is zero only where zero is meant. Never stored in the wrong unit or year."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from data_sources import store
from data_sources.adapters import DATASETS
from data_sources.ingest import ingest, prepare
from data_sources.kinds import Decimal, Integer
from data_sources.units import UNITS
from data_sources.values import parse_column
from helpers.workbooks import make_workbook

TODAY = date(2026, 11, 23)


def _prepare(path: Path, dataset: str):  # type: ignore[no-untyped-def]
    return prepare(path.read_bytes(), path.name, dataset, today=TODAY)


def _issues(prepared, code: str) -> list:  # type: ignore[no-untyped-def]
    return [issue for issue in prepared.report.issues if issue.code == code]


def _be_workbook(path: Path, rows: int) -> Path:
    """Dates typed as 21/11/2569 into real date cells: Excel keeps the year 2569."""
    book = Workbook()
    sheet = book.active
    sheet.append(["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"])
    for day in range(rows):
        cell_date = date(2569, 11, 1 + day % 20)
        sheet.append([cell_date, ["เมืองทอง", "เสรี", "สะพรั่ง"][day % 3] if day < 3 else f"ชุมชนที่ {day}", 1.5])
        sheet.cell(row=sheet.max_row, column=1).number_format = "dd/mm/yyyy"
    book.save(path)
    return path


def test_buddhist_era_year_in_real_date_cells_is_read_as_be_with_a_warning(tmp_path: Path, db_url: str) -> None:
    path = _be_workbook(tmp_path / "waste-be.xlsx", 3)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "waste", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "waste").sort_values("date")
    assert frame["date"].dt.date.tolist() == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
    (warning,) = _issues(result.prepared, "buddhist-era-date-cells")
    assert warning.severity == "warning" and warning.column == "A"
    assert "2569-11-01" in warning.message_en and "2026-11-01" in warning.message_en


def test_many_be_date_cells_give_one_warning_not_750_rejections(tmp_path: Path) -> None:
    prepared = _prepare(_be_workbook(tmp_path / "many.xlsx", 750), "waste")
    assert not _issues(prepared, "date-out-of-range")
    (warning,) = _issues(prepared, "buddhist-era-date-cells")
    assert "750" in warning.message_en
    assert prepared.frame["date"].dt.year.unique().tolist() == [2026]


def test_be_datetime_cell_keeps_its_time(tmp_path: Path) -> None:
    rows = [
        ["เลขที่เรื่อง", "วันที่รับเรื่อง", "ประเภทเรื่อง", "ชุมชน", "สถานะ"],
        ["0001/2569", datetime(2569, 11, 21, 9, 30), "ถนน/ทางเท้าชำรุด", "เมืองทอง", "รับเรื่องแล้ว"],
    ]
    prepared = _prepare(make_workbook(tmp_path / "c.xlsx", rows), "complaints")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["received_at"].tolist() == [datetime(2026, 11, 21, 9, 30)]


def test_a_be_date_cell_that_does_not_exist_in_the_ce_year_is_an_error(tmp_path: Path) -> None:
    # 29 February 2568 is a date in Excel's calendar, but 2025 (2568 BE) has no 29 February.
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], [date(2568, 2, 29), "เมืองทอง", 1.0]]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert [(i.code, i.row) for i in prepared.report.errors] == [("impossible-date", 2)]


def test_header_in_kilograms_is_stored_in_tons(tmp_path: Path, db_url: str) -> None:
    rows = [
        ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (กก.)", "ขยะรีไซเคิล (กก.)"],
        ["01/11/2569", "เมืองทอง", 3500, "๕๐๐"],
        ["02/11/2569", "เสรี", "๒,๖๒๐", 250],
    ]
    path = make_workbook(tmp_path / "kg.xlsx", rows)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "waste", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "waste").sort_values("date")
    assert frame["tons_collected"].tolist() == pytest.approx([3.5, 2.62])
    assert frame["tons_recycled"].tolist() == pytest.approx([0.5, 0.25])
    converted = _issues(result.prepared, "unit-converted")
    assert [(i.column, i.severity) for i in converted] == [("C", "warning"), ("D", "warning")]


def test_a_unit_per_day_is_the_unit_before_it(tmp_path: Path, db_url: str) -> None:
    # A clerk's daily report heads its column "(กิโลกรัม/วัน)": 850 kg a day is 0.85 t, never 850 t.
    rows = [
        ["วันที่", "ชุมชน", "ปริมาณขยะ (กิโลกรัม/วัน)", "ขยะรีไซเคิล กก. ต่อ วัน"],
        ["01/11/2569", "เมืองทอง", 850, 120],
        ["02/11/2569", "เสรี", "๙๒๐", "-"],
    ]
    path = make_workbook(tmp_path / "kg-per-day.xlsx", rows)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "waste", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "waste").sort_values("date")
    assert frame["tons_collected"].tolist() == pytest.approx([0.85, 0.92])
    assert frame["tons_recycled"].tolist() == pytest.approx([0.12, 0.0])
    assert [i.column for i in _issues(result.prepared, "unit-converted")] == ["C", "D"]


def test_units_written_in_cells_are_converted(tmp_path: Path) -> None:
    rows = [
        ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"],
        ["01/11/2569", "เมืองทอง", "๒.๕ ตัน"],
        ["02/11/2569", "เสรี", "250 กก."],
        ["03/11/2569", "สะพรั่ง", 1.25],
    ]
    prepared = _prepare(make_workbook(tmp_path / "cells.xlsx", rows), "waste")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["tons_collected"].tolist() == pytest.approx([2.5, 0.25, 1.25])
    assert _issues(prepared, "cell-units-read")[0].severity == "warning"


def test_million_baht_header_is_converted_to_baht(tmp_path: Path) -> None:
    rows = [
        ["ปีงบประมาณ", "เดือน", "ประเภทรายได้", "ประมาณการ (ล้านบาท)", "จัดเก็บได้ (บาท)"],
        [2570, "ต.ค. 2569", "ภาษีอากร", 2.5, "1,200,000 บาท"],
    ]
    prepared = _prepare(make_workbook(tmp_path / "rev.xlsx", rows), "revenue")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["target"].tolist() == [2_500_000.0]
    assert prepared.frame["collected"].tolist() == [1_200_000.0]


def test_a_unit_that_cannot_be_converted_is_asked_naming_the_cell(tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["01/11/2569", "เมืองทอง", "3 ลบ.ม."], ["02/11/2569", "เสรี", 2]]
    prepared = _prepare(make_workbook(tmp_path / "m3.xlsx", rows), "waste")
    assert [(i.code, i.row, i.column) for i in prepared.report.errors] == [("unit-unknown", 2, "C")]
    assert "ลบ.ม." in prepared.report.errors[0].message_th


def test_a_header_unit_of_another_kind_is_asked_not_guessed(tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (บาท)"], ["01/11/2569", "เมืองทอง", 3500]]
    prepared = _prepare(make_workbook(tmp_path / "baht.xlsx", rows), "waste")
    assert [(i.code, i.column) for i in prepared.report.errors] == [("unit-mismatch", "C")]


def test_every_declared_unit_is_known() -> None:
    for declared in DATASETS.values():
        for column in declared.columns:
            assert column.unit is None or column.unit in UNITS, (declared.key, column.key)


def test_dash_is_zero_in_a_count_with_a_note_and_blank_in_a_measurement() -> None:
    count = parse_column(["-", 3], Integer(minimum=0), today=TODAY)
    assert count.values.tolist() == [0, 3]
    assert [(p.index, p.code, p.severity) for p in count.problems] == [(None, "dash-read-as-zero", "warning")]
    measured = parse_column(["-", 3.5], Decimal(minimum=0, dash_is_zero=False), today=TODAY)
    assert measured.empty.tolist() == [True, False]
    assert measured.values.isna().tolist() == [True, False]
    assert not measured.problems


def test_a_dash_for_a_required_measurement_is_asked_not_zero(tmp_path: Path) -> None:
    rows = [
        ["สถานี", "วันเวลาที่ตรวจวัด", "PM2.5 (มคก./ลบ.ม.)", "PM10 (มคก./ลบ.ม.)"],
        ["YL-AQ1", "21/11/2569 09.00 น.", "-", "-"],
        ["YL-AQ1", "21/11/2569 10.00 น.", 18.4, 31],
    ]
    prepared = _prepare(make_workbook(tmp_path / "air.xlsx", rows), "air_quality")
    assert [(i.code, i.row, i.field) for i in prepared.report.errors] == [("required-missing", 2, "pm25")]


def test_a_dash_in_an_optional_measurement_is_blank_not_zero(tmp_path: Path) -> None:
    rows = [
        ["สถานี", "วันเวลาที่ตรวจวัด", "PM2.5 (มคก./ลบ.ม.)", "PM10 (มคก./ลบ.ม.)"],
        ["YL-AQ1", "21/11/2569 09.00 น.", 18.4, "-"],
    ]
    prepared = _prepare(make_workbook(tmp_path / "air.xlsx", rows), "air_quality")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["pm10"].isna().tolist() == [True]


def test_no_reading_in_a_measurement_is_blank_and_in_a_count_an_error(tmp_path: Path) -> None:
    rows = [
        ["สถานี", "วันเวลาที่ตรวจวัด", "PM2.5 (มคก./ลบ.ม.)", "PM10 (มคก./ลบ.ม.)"],
        ["YL-AQ1", "21/11/2569 09.00 น.", 18.4, "N/A"],
        ["YL-AQ1", "21/11/2569 10.00 น.", 19.0, "ไม่มีข้อมูล"],
    ]
    prepared = _prepare(make_workbook(tmp_path / "air.xlsx", rows), "air_quality")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["pm10"].isna().tolist() == [True, True]
    required = [rows[0], ["YL-AQ1", "21/11/2569 11.00 น.", "n/a", 30.0]]
    prepared = _prepare(make_workbook(tmp_path / "air2.xlsx", required), "air_quality")
    assert [(i.code, i.row, i.column) for i in prepared.report.errors] == [("required-missing", 2, "C")]
    count = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["01/11/2569", "เมืองทอง", "N/A"]]
    prepared = _prepare(make_workbook(tmp_path / "waste.xlsx", count), "waste")
    assert [(i.code, i.row, i.column) for i in prepared.report.errors] == [("not-a-number", 2, "C")]


def test_revenue_types_as_the_chart_of_accounts_names_them(tmp_path: Path, db_url: str) -> None:
    # Finance prints each type as its หมวด: stored as a new type, each one left the month's types.
    names = [
        "หมวดภาษีอากร",
        "หมวดค่าธรรมเนียม ค่าปรับ และใบอนุญาต",
        "หมวดรายได้จากทรัพย์สิน",
        "หมวดรายได้จากสาธารณูปโภคและการพาณิชย์",
        "หมวดรายได้เบ็ดเตล็ด",
        "หมวดภาษีจัดสรร",
        "หมวดเงินอุดหนุนทั่วไป",
    ]
    rows = [["ปีงบประมาณ", "เดือน", "ประเภทรายรับ", "ประมาณการ (บาท)", "รายรับจริง (บาท)"]]
    rows += [[2570, "พ.ย. 2569", name, 1_250_000, 1_012_345.5] for name in names]
    path = make_workbook(tmp_path / "revenue.xlsx", rows)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "revenue", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    assert not _issues(result.prepared, "new-choice")
    stored = store.load(engine, "revenue")["revenue_type"].tolist()
    assert stored == ["taxes", "fees", "property", "utilities", "miscellaneous", "shared_taxes", "subsidies"]


def test_a_monthly_health_report_names_its_month_and_a_waste_day_cannot(tmp_path: Path, db_url: str) -> None:
    rows = [["เดือน", "ชื่อชุมชน", "จำนวนผู้ป่วยไข้เลือดออก", "จำนวนผู้รับบริการ"]]
    rows += [["พฤศจิกายน 2569", "เมืองทอง", 2, 168], ["พ.ย. 69", "เสรี", 0, 140]]
    path = make_workbook(tmp_path / "health.xlsx", rows)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "health", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "health").sort_values("community")
    assert frame["period_start"].dt.date.tolist() == [date(2026, 11, 1), date(2026, 11, 1)]
    assert frame["period_type"].tolist() == ["month", "month"]
    assert frame["health_centre_visits"].tolist() == [168, 140]
    waste = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["พฤศจิกายน 2569", "เมืองทอง", 75.0]]
    prepared = _prepare(make_workbook(tmp_path / "waste.xlsx", waste), "waste")
    assert [(i.code, i.row, i.column) for i in prepared.report.errors] == [("not-a-date", 2, "A")]


def test_a_year_written_with_its_words_is_the_year(tmp_path: Path, db_url: str) -> None:
    rows = [["ปี", "ชื่อชุมชน", "เพศชาย", "เพศหญิง", "หลังคาเรือน", "เด็ก (0-14)", "วัยทำงาน", "ผู้สูงอายุ"]]
    rows += [
        ["พ.ศ. ๒๕๖๘", "เมืองทอง", 1200, 1300, 845, 540, 1600, 360],
        ["ปี 2568", "เสรี", 900, 950, 600, 400, 1150, 300],
    ]
    path = make_workbook(tmp_path / "population.xlsx", rows)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "population", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    assert store.load(engine, "population")["year"].tolist() == [2568, 2568]
    revenue = [["ปีงบประมาณ", "เดือน", "ประเภทรายได้", "ประมาณการ (บาท)", "จัดเก็บได้ (บาท)"]]
    revenue += [["ปีงบประมาณ พ.ศ. 2570", "พ.ย. 2569", "ภาษีอากร", 1000, 900], ["พ.ศ. 2569", "ต.ค. 2569", "ภาษีอากร", 1, 1]]
    prepared = _prepare(make_workbook(tmp_path / "revenue.xlsx", revenue), "revenue")
    assert [(i.code, i.row) for i in prepared.report.errors] == [("month-outside-fiscal-year", 3)]
