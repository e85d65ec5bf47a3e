"""What the upload page builds from a prepared file: the annotated Excel file back, the questions
about unclear headers, the period covered, the change preview, and the cells to highlight."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from data_sources import changes, store, upload_review
from data_sources.excel_feedback import ERROR_FILL, PROBLEMS_SHEET, WARNING_FILL, build_annotated, feedback_name
from data_sources.ingest import prepare
from data_sources.readers import Limits
from data_sources.report import ValidationReport, make_issue
from helpers.signed_in import workbook

HEADER = ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "ขยะรีไซเคิล (ตัน)"]
ROWS = [
    ["รายงานขยะ ต.ค. 2569"],  # row 1, a title
    HEADER,  # row 2
    ["01/10/2569", "เมืองทอง", "abc", 1],  # row 3: C is not a number
    ["02/10/2569", "ชุมชนใหม่", 2, 3],  # row 4: B a new community (warning), D more than C (error)
]


def _fill(cell) -> str:  # type: ignore[no-untyped-def]
    return cell.fill.fgColor.rgb


def test_xlsx_comes_back_with_each_problem_cell_coloured_and_commented() -> None:
    content = workbook(ROWS)
    report = prepare(content, "waste.xlsx", "waste").report
    book = load_workbook(BytesIO(build_annotated(content, "waste.xlsx", report.to_dict(), Limits())))
    sheet = book["ขยะ"]
    assert _fill(sheet["C3"]) == ERROR_FILL.fgColor.rgb
    assert sheet["C3"].comment.text == "• 'abc' ไม่ใช่ตัวเลข\n  'abc' is not a number"
    assert _fill(sheet["B4"]) == WARNING_FILL.fgColor.rgb
    assert _fill(sheet["D4"]) == ERROR_FILL.fgColor.rgb
    assert sheet["A3"].comment is None and sheet["A1"].value == "รายงานขยะ ต.ค. 2569"  # the rest untouched
    problems = [[c.value for c in row] for row in book[PROBLEMS_SHEET].iter_rows(min_row=2, max_col=3)]
    assert sorted(problems) == sorted(
        [["ข้อผิดพลาด / error", 3, "C"], ["คำเตือน / warning", 4, "B"], ["ข้อผิดพลาด / error", 4, "D"]]
    )


def test_csv_comes_back_as_a_new_workbook_of_the_sheet_as_read(tmp_path: Path) -> None:
    content = "วันที่,ชุมชน,ขยะที่จัดเก็บ (ตัน)\n01/10/2569,เมืองทอง,x\n".encode("cp874")
    report = prepare(content, "waste.csv", "waste").report
    book = load_workbook(BytesIO(build_annotated(content, "waste.csv", report.to_dict(), Limits())))
    data = book.worksheets[0]
    assert [[c.value for c in row] for row in data.iter_rows()] == [
        ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"],
        ["01/10/2569", "เมืองทอง", "x"],
    ]
    assert _fill(data["C2"]) == ERROR_FILL.fgColor.rgb
    assert book.sheetnames[-1] == PROBLEMS_SHEET
    assert feedback_name("waste.csv") == "waste-ตรวจแล้ว.xlsx"


def test_a_missing_column_is_listed_on_the_problems_sheet_without_a_cell() -> None:
    content = workbook([HEADER[:2], ["01/10/2569", "เมืองทอง"]])
    report = prepare(content, "waste.xlsx", "waste").report
    book = load_workbook(BytesIO(build_annotated(content, "waste.xlsx", report.to_dict(), Limits())))
    listed = [row[0].value for row in book[PROBLEMS_SHEET].iter_rows(min_row=2, max_col=1)]
    assert listed == ["ข้อผิดพลาด / error"]
    assert book[PROBLEMS_SHEET]["F2"].value.startswith("ไม่พบคอลัมน์ที่ต้องมี 'ขยะที่จัดเก็บ (ตัน)'")


def test_questions_ask_which_column_holds_a_missing_or_duplicated_field() -> None:
    missing = prepare(workbook([["วันที่", "ชุมชน", "น้ำหนัก"], ["01/10/2569", "เมืองทอง", 3]]), "w.xlsx", "waste")
    assert upload_review.questions(missing) == [upload_review.Question("missing", "tons_collected", None, (2,))]
    twice = prepare(
        workbook([["วันที่", "ชุมชน", "ขยะที่จัดเก็บ", "ขยะที่จัดเก็บ (ตัน)"], ["01/10/2569", "เมืองทอง", 3, 3]]), "w.xlsx", "waste"
    )
    assert upload_review.questions(twice) == [upload_review.Question("duplicate", "tons_collected", None, (0, 1, 2, 3))]
    answered = prepare(
        workbook([["วันที่", "ชุมชน", "น้ำหนัก"], ["01/10/2569", "เมืองทอง", 3]]),
        "w.xlsx",
        "waste",
        mapping={"tons_collected": 2},
    )
    assert answered.valid and upload_review.questions(answered) == []


def test_period_covered_by_kind_of_period_column() -> None:
    waste = prepare(
        workbook([HEADER[:3], ["05/10/2569", "เมืองทอง", 1], ["03/11/2569", "เมืองทอง", 2]]), "w.xlsx", "waste"
    )
    assert upload_review.period_covered(waste) == upload_review.Period(
        "date", pd.Timestamp("2026-10-05"), pd.Timestamp("2026-11-03")
    )
    revenue = prepare(
        workbook(
            [
                ["ปีงบประมาณ", "เดือน", "ประเภทรายได้", "ประมาณการ", "จัดเก็บได้"],
                [2569, "ต.ค. 2568", "ภาษีที่ดินและสิ่งปลูกสร้าง", 100, 90],
            ]
        ),
        "r.xlsx",
        "revenue",
    )
    assert upload_review.period_covered(revenue) == upload_review.Period(
        "month", pd.Timestamp("2025-10-01"), pd.Timestamp("2025-10-01")
    )


def test_flagged_cells_prefer_the_error_and_rows_to_show_start_under_the_header() -> None:
    prepared = prepare(workbook(ROWS), "waste.xlsx", "waste")
    flagged = upload_review.flagged_cells(prepared.report)
    assert {place: issue.severity for place, issue in flagged.items()} == {
        (3, "C"): "error",
        (4, "B"): "warning",
        (4, "D"): "error",
    }
    assert upload_review.rows_to_show(prepared) == list(range(3, 13))
    # Two problems on one cell: the cell shows the error, whichever came first.
    both = ValidationReport(
        "waste",
        "w.xlsx",
        issues=[
            make_issue("new-choice", "warning", row=5, column="B", header="ชุมชน", value="x"),
            make_issue("required-missing", row=5, column="B", header="ชุมชน"),
        ],
    )
    assert upload_review.flagged_cells(both)[(5, "B")].severity == "error"


def test_change_preview_matches_the_commit_and_writes_nothing(tmp_path: Path) -> None:
    engine = store.connect(f"sqlite:///{tmp_path / 'city.db'}")
    live = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-10-02"]),
            "community": ["เมืองทอง"] * 2,
            "tons_collected": [3.0, 2.0],
        }
    )
    store.commit(engine, "waste", live)
    incoming = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-10-03", "2026-11-01"]),
            "community": ["เมืองทอง"] * 3,
            "tons_collected": [2.5, 4.0, 1.0],
        }
    )
    summary = changes.preview(engine, "waste", incoming, "append")
    assert {k: summary[k] for k in ("added", "updated", "unchanged", "removed")} == {
        "added": 2,
        "updated": 1,
        "unchanged": 0,
        "removed": 1,
    }  # 2 Oct gives way: the file covers 1 to 3 October
    assert summary["by_period"] == [
        {"period": "2026-10", "added": 1, "updated": 1, "removed": 1},
        {"period": "2026-11", "added": 1, "updated": 0, "removed": 0},
    ]
    assert store.versions(engine)["waste"] == 1
    assert store.commit(engine, "waste", incoming).plan.summary() == summary


@pytest.mark.parametrize(("letter", "index"), [("A", 0), ("Z", 25), ("AA", 26), ("AZ", 51), ("XFD", 16383)])
def test_column_letters_turn_back_into_indexes(letter: str, index: int) -> None:
    assert upload_review.column_index(letter) == index
