"""Report layouts as offices make them: totals in every form, signature blocks, sub-headings inside
the table, note sheets first, and the template's example row left in. Each good file is accepted
with the right values; what was skipped or carried is said in the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from data_sources import store
from data_sources.ingest import ingest, prepare
from data_sources.template import build_template
from helpers.workbooks import make_workbook

TODAY = date(2026, 11, 23)
COMPLAINT_HEADERS = ["เลขที่เรื่อง", "วันที่รับเรื่อง", "ประเภทเรื่อง", "ชุมชน", "สถานะ"]


def _complaint(number: int) -> list[object]:
    return [f"{number:04d}/2569", f"{number:02d}/11/2569 09.00 น.", "ถนน/ทางเท้าชำรุด", "เมืองทอง", "รับเรื่องแล้ว"]


def _prepare(path: Path, dataset: str):  # type: ignore[no-untyped-def]
    return prepare(path.read_bytes(), path.name, dataset, today=TODAY)


def _codes(prepared) -> list[str]:  # type: ignore[no-untyped-def]
    return [issue.code for issue in prepared.report.issues]


def _rows_of(prepared, code: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [issue.row for issue in prepared.report.issues if issue.code == code]


@pytest.mark.parametrize(
    "label",
    ["รวม", "รวมทั้งสิ้น", "ยอดรวม", "รวม 3 รายการ", "รวมทั้งสิ้น 3 เรื่อง", "รวมทั้งหมด", "Total", "Grand Total", "รวม ๓ ราย"],
)
@pytest.mark.parametrize("merged", [True, False])
def test_every_usual_total_row_is_skipped(tmp_path: Path, label: str, merged: bool) -> None:
    rows = [COMPLAINT_HEADERS, _complaint(1), _complaint(2), _complaint(3), [label, None, None, None, 3]]
    path = make_workbook(tmp_path / "c.xlsx", rows, merged=("A5:D5",) if merged else ())
    prepared = _prepare(path, "complaints")
    assert prepared.valid, prepared.report.lines()
    assert len(prepared.frame) == 3
    assert _rows_of(prepared, "total-row-skipped") == [5]


def test_total_label_after_a_blank_running_number_column(tmp_path: Path) -> None:
    rows = [["ลำดับ", *COMPLAINT_HEADERS], [1, *_complaint(1)], [2, *_complaint(2)], [None, "รวมทั้งสิ้น 2 เรื่อง"]]
    prepared = _prepare(make_workbook(tmp_path / "c.xlsx", rows, merged=("B4:E4",)), "complaints")
    assert prepared.valid, prepared.report.lines()
    assert len(prepared.frame) == 2
    assert _rows_of(prepared, "total-row-skipped") == [4]


@pytest.mark.parametrize(
    "label", ["รวมวันที่ ๑", "รวมสัปดาห์ที่ 1", "รวมชุมชนเมืองทอง", "ยอดรวมประจำวัน", "รวมเดือนพฤศจิกายน 2569", "Subtotal"]
)
def test_a_subtotal_naming_what_it_sums_is_skipped_wherever_its_label_stands(tmp_path: Path, label: str) -> None:
    # A daily waste report: the day's subtotal under the community column, its sum beside it.
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["01/11/2569", "เมืองทอง", 2.5], ["01/11/2569", "เสรี", 1.5]]
    rows += [[None, label, "4.0"], ["02/11/2569", "เมืองทอง", 2.0]]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["tons_collected"].tolist() == [2.5, 1.5, 2.0]
    assert _rows_of(prepared, "total-row-skipped") == [4]


def test_finance_and_budget_subtotals_are_skipped(tmp_path: Path) -> None:
    revenue = [
        ["ปีงบประมาณ", "เดือน", "ประเภทรายรับ", "ประมาณการ (บาท)", "รายรับจริง (บาท)"],
        [2570, "พ.ย. 2569", "ภาษีอากร", "1,250,000.00", "1,012,345.50"],
        [None, None, "รวมรายรับทั้งสิ้น", "1,250,000.00", "1,012,345.50"],
    ]
    prepared = _prepare(make_workbook(tmp_path / "r.xlsx", revenue), "revenue")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["collected"].tolist() == [1_012_345.5]
    assert _rows_of(prepared, "total-row-skipped") == [3]
    budget = [
        ["ปีงบประมาณ", "เดือน", "หน่วยงาน", "โครงการ", "งบประมาณที่ได้รับ (บาท)", "เบิกจ่าย (บาท)"],
        [2570, "พ.ย. 2569", "กองช่าง", "โครงการขุดลอกท่อระบายน้ำ", 4_630_000, 163_769.45],
        ["รวมกองช่าง", None, None, None, 4_630_000, 163_769.45],
    ]
    prepared = _prepare(make_workbook(tmp_path / "b.xlsx", budget), "budget")
    assert prepared.valid, prepared.report.lines()
    assert len(prepared.frame) == 1 and _rows_of(prepared, "total-row-skipped") == [3]


def test_signature_and_approval_block_is_skipped_with_a_note(tmp_path: Path) -> None:
    rows = [
        COMPLAINT_HEADERS,
        _complaint(1),
        _complaint(2),
        ["รวมทั้งสิ้น 2 เรื่อง"],
        [],
        [None, "ลงชื่อ ........................ ผู้รายงาน", None, "ลงชื่อ ........................ ผู้อนุมัติ"],
        [None, "(นายสมชาย ใจดี)", None, "( ........................ )"],
        [None, "ตำแหน่ง นักวิชาการคอมพิวเตอร์", None, "ผู้อำนวยการกองช่าง"],
        [None, "หัวหน้าฝ่ายบริการ"],
        [None, "วันที่ ......../......../........"],
        [None, "..............................."],
    ]
    prepared = _prepare(make_workbook(tmp_path / "c.xlsx", rows, merged=("A4:D4",)), "complaints")
    assert prepared.valid, prepared.report.lines()
    assert len(prepared.frame) == 2
    assert _rows_of(prepared, "signature-skipped") == [6, 7, 8, 9, 10, 11]
    assert all(i.severity == "warning" for i in prepared.report.issues if i.code == "signature-skipped")


def test_community_and_month_subheadings_are_carried_down(tmp_path: Path) -> None:
    rows = [
        ["ผู้รับเบี้ยผู้สูงอายุ (คน)", "ผู้รับเบี้ยความพิการ (คน)", "ยอดเงินที่จ่าย (บาท)"],
        ["ตุลาคม 2569"],
        ["ชุมชนเมืองทอง"],
        [236, 41, 203400],
        ["เสรี"],
        [120, 10, 100000],
        ["พฤศจิกายน 2569"],
        ["เมืองทอง"],
        [238, 40, 204000],
    ]
    prepared = _prepare(make_workbook(tmp_path / "welfare.xlsx", rows, merged=("A2:C2", "A7:C7")), "welfare")
    assert prepared.valid, prepared.report.lines()
    frame = prepared.frame
    assert frame["month"].dt.date.tolist() == [date(2026, 10, 1), date(2026, 10, 1), date(2026, 11, 1)]
    assert frame["community"].tolist() == ["เมืองทอง", "เสรี", "เมืองทอง"]
    assert frame["elderly_recipients"].tolist() == [236, 120, 238]
    assert _rows_of(prepared, "subheading-carried") == [2, 3, 5, 7, 8]
    assert "missing-column" not in _codes(prepared)


def test_a_division_heading_over_its_projects_is_carried_down(tmp_path: Path, db_url: str) -> None:
    rows = [
        ["ปีงบประมาณ", "เดือน", "ชื่อโครงการ", "งบประมาณที่ได้รับจัดสรร (บาท)", "เบิกจ่ายในเดือน (บาท)", "หน่วยงาน"],
        ["กองช่าง"],
        [2570, "พ.ย. 69", "โครงการขุดลอกท่อระบายน้ำ", "4,630,000", "163,769.45", None],
        [2570, "พ.ย. 69", "โครงการปรับปรุงถนนสุขยางค์", "1,200,000", "-", None],
        ["รวมกองช่าง", None, None, "5,830,000", "163,769.45"],
        ["กองสาธารณสุขและสิ่งแวดล้อม"],
        [2570, "พ.ย. 69", "โครงการป้องกันโรคไข้เลือดออก", "350,000", "12,500", None],
    ]
    path = make_workbook(tmp_path / "budget.xlsx", rows, merged=("A2:F2", "A6:F6"))
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "budget", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    frame = store.load(engine, "budget").sort_values("allocated")
    assert frame["division"].tolist() == ["health", "engineering", "engineering"]
    assert frame["disbursed"].tolist() == [12_500, 0, 163_769.45]
    assert _rows_of(result.prepared, "subheading-carried") == [2, 6]
    assert _rows_of(result.prepared, "total-row-skipped") == [5]


def test_a_category_heading_is_carried_but_a_lone_status_right_of_the_first_column_is_unfinished(
    tmp_path: Path,
) -> None:
    headers = ["เลขที่เรื่อง", "วันที่รับเรื่อง", "ชุมชน", "สถานะ", "ประเภทเรื่อง"]
    ticket = ["0001/2569", "01/11/2569 09.00 น.", "เมืองทอง", "รับเรื่องแล้ว", None]
    prepared = _prepare(make_workbook(tmp_path / "c.xlsx", [headers, ["ไฟฟ้าส่องสว่าง"], ticket]), "complaints")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["category"].tolist() == ["streetlight"]
    assert _rows_of(prepared, "subheading-carried") == [2]
    unfinished = [headers, ticket, [None, None, None, "เสร็จสิ้น"]]
    prepared = _prepare(make_workbook(tmp_path / "u.xlsx", unfinished), "complaints")
    assert {(i.row, i.field) for i in prepared.report.errors} >= {(3, "ticket_id"), (3, "received_at")}


def test_a_monthly_report_without_a_month_column_takes_the_month_of_its_title(tmp_path: Path, db_url: str) -> None:
    rows = [
        ["สรุปการจ่ายเบี้ยยังชีพ ประจำเดือน พฤศจิกายน ๒๕๖๙"],
        ["กองสวัสดิการสังคม เทศบาลนครยะลา"],
        ["ลำดับ", "ชุมชน", "ผู้สูงอายุ (ราย)", "ผู้พิการ (ราย)", "ยอดเงินที่จ่าย (บาท)"],
        [1, "เมืองทอง", 236, 41, "203,400"],
        [2, "เสรี", 120, 10, "104,000"],
    ]
    path = make_workbook(tmp_path / "welfare.xlsx", rows, merged=("A1:E1", "A2:E2"))
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "welfare", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    assert store.load(engine, "welfare")["month"].dt.date.tolist() == [date(2026, 11, 1)] * 2
    (note,) = [i for i in result.prepared.report.issues if i.code == "title-month-carried"]
    assert (note.row, note.severity, note.value) == (1, "warning", "พฤศจิกายน 2569")


def test_a_title_naming_two_months_gives_no_month(tmp_path: Path) -> None:
    rows = [
        ["รายงานเบี้ยยังชีพ เดือน ต.ค. 69 และเดือน พ.ย. 69"],
        ["ชุมชน", "ผู้สูงอายุ (ราย)", "ผู้พิการ (ราย)", "ยอดเงินที่จ่าย (บาท)"],
        ["เมืองทอง", 236, 41, 203400],
    ]
    prepared = _prepare(make_workbook(tmp_path / "welfare.xlsx", rows), "welfare")
    assert "month" in [i.field for i in prepared.report.errors if i.code == "missing-column"]
    assert "title-month-carried" not in _codes(prepared)


def test_a_row_own_value_wins_over_the_subheading(tmp_path: Path) -> None:
    rows = [
        ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"],
        ["เมืองทอง"],
        ["01/11/2569", None, 3.5],
        ["01/11/2569", "เสรี", 2.0],
    ]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["community"].tolist() == ["เมืองทอง", "เสรี"]


def test_week_subheadings_without_a_week_column_are_skipped_with_a_note(tmp_path: Path) -> None:
    rows = [
        ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"],
        ["สัปดาห์ที่ 1"],
        ["01/11/2569", "เมืองทอง", 3.5],
        ["สัปดาห์ที่ 2 (8-14 พ.ย. 69)"],
        ["08/11/2569", "เมืองทอง", 3.0],
    ]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows, merged=("A2:C2", "A4:C4")), "waste")
    assert prepared.valid, prepared.report.lines()
    assert prepared.frame["tons_collected"].tolist() == [3.5, 3.0]
    assert _rows_of(prepared, "subheading-skipped") == [2, 4]


def test_a_month_subheading_where_the_dataset_has_no_month_is_skipped(tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["พฤศจิกายน 2569"], ["01/11/2569", "เมืองทอง", 3.5]]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert prepared.valid, prepared.report.lines()
    assert _rows_of(prepared, "subheading-skipped") == [2]


def test_rows_above_the_first_community_heading_still_need_a_community(tmp_path: Path) -> None:
    rows = [["วันที่", "ขยะที่จัดเก็บ (ตัน)"], ["01/11/2569", 1.0], ["เมืองทอง"], ["01/11/2569", 3.5]]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert not prepared.valid
    missing = [i for i in prepared.report.errors if i.code == "required-missing"]
    assert [(i.row, i.field) for i in missing] == [(2, "community")]


def test_a_lone_cell_right_of_the_first_column_is_an_unfinished_row_not_a_heading(tmp_path: Path) -> None:
    rows = [COMPLAINT_HEADERS, _complaint(1), [None, None, "ไฟฟ้าสาธารณะดับ"], _complaint(2)]
    prepared = _prepare(make_workbook(tmp_path / "c.xlsx", rows), "complaints")
    assert not prepared.valid
    missing = {(i.row, i.field) for i in prepared.report.errors if i.code == "required-missing"}
    assert (3, "ticket_id") in missing and (3, "received_at") in missing
    assert _rows_of(prepared, "subheading-skipped") == []


def test_a_lone_valid_value_in_the_first_column_is_an_unfinished_row(tmp_path: Path) -> None:
    rows = [["ประเภทเรื่อง", "เลขที่เรื่อง", "วันที่รับเรื่อง", "ชุมชน", "สถานะ"], ["ถนน/ทางเท้าชำรุด"]]
    rows.append(["ถนน/ทางเท้าชำรุด", "0001/2569", "01/11/2569 09.00 น.", "เมืองทอง", "รับเรื่องแล้ว"])
    prepared = _prepare(make_workbook(tmp_path / "c.xlsx", rows), "complaints")
    assert not prepared.valid
    assert 2 in {i.row for i in prepared.report.errors if i.code == "required-missing"}


def test_a_group_heading_in_the_first_column_is_still_skipped_with_a_note(tmp_path: Path) -> None:
    rows = [COMPLAINT_HEADERS, ["กลุ่มงานรับเรื่องร้องเรียน"], _complaint(1), _complaint(2)]
    prepared = _prepare(make_workbook(tmp_path / "c.xlsx", rows, merged=("A2:E2",)), "complaints")
    assert prepared.valid, prepared.report.lines()
    assert len(prepared.frame) == 2
    assert _rows_of(prepared, "subheading-skipped") == [2]


def test_note_and_instruction_sheets_first_do_not_hide_the_table(tmp_path: Path) -> None:
    notes = {
        "คำชี้แจง": [["คำชี้แจงการกรอกข้อมูล"], ["1. กรอกวันที่แบบ วว/ดด/ปปปป"], ["2. ชุมชนตามทะเบียน"]],
        "คำอธิบาย": [["หัวคอลัมน์", "คำอธิบาย"], ["วันที่", "วันที่จัดเก็บ"], ["ชุมชน", "ชื่อชุมชน"]],
    }
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["01/11/2569", "เมืองทอง", 3.5]]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows, sheet="ข้อมูล", extra_sheets=notes), "waste")
    assert prepared.valid, prepared.report.lines()
    assert prepared.report.sheet == "ข้อมูล"
    assert prepared.frame["tons_collected"].tolist() == [3.5]


def test_template_example_row_left_above_real_rows_is_never_loaded(tmp_path: Path, db_url: str) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "waste-template.xlsx"
    path.write_bytes(build_template("waste"))
    book = load_workbook(path)
    sheet = book["ข้อมูล"]
    sheet.append(["01/11/2569", "เมืองทอง", 3.5, 0.5])
    sheet.append(["02/11/2569", "เสรี", 2.0, None])
    book.save(path)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "auto", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    assert _rows_of(result.prepared, "example-row-skipped") == [2]
    frame = store.load(engine, "waste").sort_values("date")
    assert frame["date"].dt.date.tolist() == [date(2026, 11, 1), date(2026, 11, 2)]
    assert frame["tons_collected"].tolist() == [3.5, 2.0]


def test_a_row_differing_from_the_example_in_one_cell_is_data(tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["01/10/2567", "เมืองทอง", 3.5]]
    prepared = prepare(
        make_workbook(tmp_path / "w.xlsx", rows).read_bytes(), "w.xlsx", "waste", today=date(2024, 11, 1)
    )
    assert prepared.valid, prepared.report.lines()
    assert "example-row-skipped" not in _codes(prepared)
    assert len(prepared.frame) == 1


def _hidden_workbook(path: Path, *, auto_filter: bool) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["วันที่", "ชุมชน", "หมายเหตุภายใน", "ขยะที่จัดเก็บ (ตัน)"])
    for day in range(1, 9):
        sheet.append([f"{day:02d}/11/2569", "เมืองทอง", "x", float(day)])
    for row in (3, 4, 5, 8):
        sheet.row_dimensions[row].hidden = True
    sheet.column_dimensions["C"].hidden = True
    sheet.column_dimensions["D"].hidden = True
    if auto_filter:
        sheet.auto_filter.ref = "A1:D9"
    book.save(path)
    return path


@pytest.mark.parametrize("auto_filter", [False, True])
def test_hidden_rows_and_columns_are_loaded_and_named_in_the_preview(
    tmp_path: Path, db_url: str, auto_filter: bool
) -> None:
    path = _hidden_workbook(tmp_path / "hidden.xlsx", auto_filter=auto_filter)
    engine = store.connect(db_url)
    result = ingest(engine, path.read_bytes(), path.name, "waste", today=TODAY)
    assert result.accepted, result.prepared.report.lines()
    assert store.load(engine, "waste")["tons_collected"].sort_values().tolist() == [float(d) for d in range(1, 9)]
    code = "filtered-rows-loaded" if auto_filter else "hidden-rows-loaded"
    (rows,) = [i for i in result.prepared.report.issues if i.code == code]
    assert rows.severity == "warning"
    assert rows.value == "3–5, 8"
    assert "3–5, 8" in rows.message_th and "3–5, 8" in rows.message_en
    if auto_filter:
        assert "A1:D9" in rows.message_en
    columns = [(i.column, i.field) for i in result.prepared.report.issues if i.code == "hidden-column-loaded"]
    assert columns == [("D", "tons_collected")]  # C is not the dataset's: ignored as unknown, not named twice


def test_a_file_with_nothing_hidden_says_nothing_about_it(tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["01/11/2569", "เมืองทอง", 3.5]]
    prepared = _prepare(make_workbook(tmp_path / "w.xlsx", rows), "waste")
    assert not [c for c in _codes(prepared) if "hidden" in c or "filtered" in c]


def test_a_table_on_a_hidden_sheet_is_named(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "ปก"
    book.active.append(["รายงานประจำเดือน"])
    table = book.create_sheet("ข้อมูล")
    table.append(["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"])
    table.append(["01/11/2569", "เมืองทอง", 3.5])
    table.sheet_state = "hidden"
    book.save(tmp_path / "w.xlsx")
    prepared = _prepare(tmp_path / "w.xlsx", "waste")
    assert prepared.valid, prepared.report.lines()
    assert [i.value for i in prepared.report.issues if i.code == "hidden-sheet-used"] == ["ข้อมูล"]
