"""Bad files are rejected with row, column and a Thai and English message; nothing changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from data_sources import store
from data_sources.ingest import ingest
from helpers.workbooks import make_workbook

TODAY = date(2026, 11, 23)


@pytest.fixture
def engine(db_url: str):  # type: ignore[no-untyped-def]
    engine = store.connect(db_url)
    store.commit(
        engine,
        "waste",
        pd.DataFrame({"date": pd.to_datetime(["2026-11-01"]), "community": ["เสรี"], "tons_collected": [2.0]}),
    )
    return engine


def _ingest(engine, path: Path, dataset: str = "waste"):  # type: ignore[no-untyped-def]
    return ingest(engine, path.read_bytes(), path.name, dataset, today=TODAY, user="clerk")


def _error(result, code: str):  # type: ignore[no-untyped-def]
    return next(i for i in result.prepared.report.errors if i.code == code)


def test_impossible_date_names_row_column_and_value(engine, tmp_path: Path) -> None:
    before = store.status(engine)
    rows = [["รายงาน"], ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เสรี", 1], ["31/02/2569", "เสรี", 2]]
    result = _ingest(engine, make_workbook(tmp_path / "w.xlsx", rows))
    assert not result.accepted
    issue = _error(result, "impossible-date")
    assert (issue.row, issue.column, issue.header, issue.value) == (4, "A", "วันที่", "31/02/2569")
    assert issue.message_th and issue.message_en
    assert store.status(engine) == before


def test_rejected_file_is_kept_with_its_report(engine, tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "w.xlsx", [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เสรี", "สองตัน"]])
    result = _ingest(engine, path)
    history = store.upload_history(engine, "waste")
    latest = history.iloc[0]
    assert (latest["status"], latest["uploaded_by"], latest["file_name"]) == ("rejected", "clerk", "w.xlsx")
    assert store.upload_content(engine, int(latest["id"])) == ("w.xlsx", path.read_bytes())
    assert _error(result, "not-a-number").value == "สองตัน"


def test_missing_required_column_names_what_is_expected(engine, tmp_path: Path) -> None:
    result = _ingest(engine, make_workbook(tmp_path / "w.xlsx", [["วันที่", "ชุมชน"], ["1/11/2569", "เสรี"]]))
    issue = _error(result, "missing-column")
    assert issue.field == "tons_collected"
    assert "ขยะที่จัดเก็บ (ตัน)" in issue.message_th and "Collected (tons)" in issue.message_en


def test_year_that_makes_no_sense_is_an_error_not_a_guess(engine, tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2469", "เสรี", 1]]
    issue = _error(_ingest(engine, make_workbook(tmp_path / "w.xlsx", rows)), "date-out-of-range")
    assert issue.row == 2
    # The limits as people read them, in each language: never 1990-01-01 in a Thai message.
    assert "(1 ม.ค. 2533 ถึง " in issue.message_th and "(1 Jan 1990 to " in issue.message_en


def test_negative_in_parentheses_is_refused_where_negatives_make_no_sense(engine, tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เสรี", "(1.5)"]]
    issue = next(i for i in _ingest(engine, make_workbook(tmp_path / "w.xlsx", rows)).prepared.report.errors)
    assert issue.code in {"negative-not-allowed", "below-minimum"} and issue.column == "C"


def test_duplicate_key_points_at_the_first_row(engine, tmp_path: Path) -> None:
    rows = [
        ["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"],
        ["1/11/2569", "เสรี", 1],
        ["2/11/2569", "เสรี", 1],
        ["1/11/2569", "เสรี", 3],
    ]
    issue = _error(_ingest(engine, make_workbook(tmp_path / "w.xlsx", rows)), "duplicate-key")
    assert issue.row == 4 and "2" in issue.message_en
    # The key as people read it, never the stored "date=2026-11-01 00:00:00".
    assert issue.message_th == "ข้อมูลซ้ำกับแถว 2 (วันที่ 1 พ.ย. 2569, ชุมชน เสรี)"
    assert issue.message_en == "Duplicates row 2 (Date 1 Nov 2026, Community Seri)"


def test_unknown_value_of_a_closed_list_is_an_error(engine, tmp_path: Path) -> None:
    rows = [["เลขที่เรื่อง", "วันที่รับเรื่อง", "ประเภท", "ชุมชน", "สถานะ"], ["1/69", "1/11/2569", "ถนน", "เสรี", "หายไปแล้ว"]]
    issue = _error(_ingest(engine, make_workbook(tmp_path / "c.xlsx", rows), "complaints"), "unknown-choice")
    assert (issue.column, issue.value) == ("E", "หายไปแล้ว")
    assert "เสร็จสิ้น" in issue.message_th


def test_every_problem_is_listed_not_just_the_first(engine, tmp_path: Path) -> None:
    rows = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["31/02/2569", "เสรี", "x"], ["1/13/2569", None, -1]]
    report = _ingest(engine, make_workbook(tmp_path / "w.xlsx", rows)).prepared.report
    assert len(report.errors) >= 5
    assert {(i.row, i.column) for i in report.errors} >= {(2, "A"), (2, "C"), (3, "A"), (3, "B"), (3, "C")}


def test_not_a_spreadsheet_is_rejected_with_a_message(engine, tmp_path: Path) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    before = store.status(engine)
    result = _ingest(engine, path)
    assert not result.accepted
    assert result.prepared.report.errors[0].message_th and result.prepared.report.errors[0].message_en
    assert store.status(engine) == before


def test_a_date_typed_a_year_off_its_number_is_rejected_naming_the_row(engine, tmp_path: Path) -> None:
    # Ticket 0042/2570 belongs to fiscal 2570 (Oct 2026 - Sep 2027); "21/11/2568" is November 2025.
    before = store.status(engine)
    rows = [
        ["เลขที่เรื่อง", "วันที่รับเรื่อง", "ประเภทเรื่อง", "ชุมชน", "สถานะ"],
        ["0041/2570", "20/11/2569 09.00 น.", "ถนน", "เสรี", "รับเรื่อง"],
        ["0042/2570", "21/11/2568 10.00 น.", "ขยะ", "เสรี", "รับเรื่อง"],
        ["0043/2569", "22/11/2569 10.00 น.", "ขยะ", "เสรี", "รับเรื่อง"],  # numbered by the calendar year
        ["YL70-00044", "22/11/2569 11.00 น.", "ขยะ", "เสรี", "รับเรื่อง"],  # no year of its own to check
    ]
    result = _ingest(engine, make_workbook(tmp_path / "c.xlsx", rows), "complaints")
    assert not result.accepted
    issue = _error(result, "date-outside-number-year")
    assert (issue.row, issue.column, issue.field) == (3, "B", "received_at")
    assert "0042/2570" in issue.message_th and "0042/2570" in issue.message_en
    assert len(result.prepared.report.errors) == 1
    assert store.status(engine) == before
    incidents = [
        ["เลขที่เหตุ", "วันเวลาที่เกิดเหตุ", "ประเภทเหตุ", "ชุมชน", "ความรุนแรง"],
        ["ปภ.0031/2570", "04/12/2567 10.00 น.", "น้ำท่วม", "สามัคคี", "สูง"],
    ]
    result = _ingest(engine, make_workbook(tmp_path / "i.xlsx", incidents), "incidents")
    assert (_error(result, "date-outside-number-year").row, result.accepted) == (2, False)


def test_a_file_of_another_dataset_is_refused_naming_the_dataset_it_is(engine, tmp_path: Path) -> None:
    complaints = [["เลขที่เรื่อง", "วันที่รับเรื่อง", "ประเภทเรื่อง", "ชุมชน", "สถานะ"]]
    complaints += [["0041/2570", "20/11/2569 09.00 น.", "ถนน", "เสรี", "รับเรื่อง"]]
    result = _ingest(engine, make_workbook(tmp_path / "c.xlsx", complaints), "incidents")
    assert not result.accepted
    issue = _error(result, "other-dataset")
    assert "เรื่องร้องเรียน" in issue.message_th and "Complaints" in issue.message_en
    waste = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เสรี", 1.5]]
    result = _ingest(engine, make_workbook(tmp_path / "w.xlsx", waste), "welfare")
    assert [i.code for i in result.prepared.report.errors] == ["no-header-row", "other-dataset"]
    assert "Waste collection" in result.prepared.report.errors[1].message_en
