"""Excel workbooks become raw sheets: every sheet, cells as Python values, rows where Excel has them."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import Workbook

from data_sources.readers import Sheet, read_sheets


def workbook_bytes(
    tmp_path: Path, sheets: dict[str, list[list[object]]], *, merged: dict[str, tuple[str, ...]] | None = None
) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path.read_bytes()


def by_name(sheets: list[Sheet]) -> dict[str, Sheet]:
    return {sheet.name: sheet for sheet in sheets}


def test_cells_keep_their_python_types(tmp_path: Path) -> None:
    row = ["ชุมชนตลาดเก่า", 12, 2.5, date(2024, 11, 21), datetime(2024, 11, 21, 8, 30), True, time(8, 30)]
    [sheet] = read_sheets(workbook_bytes(tmp_path, {"ข้อมูล": [row]}), "book.xlsx")
    assert sheet.rows == [row]
    assert type(sheet.rows[0][1]) is int


def test_whole_numbers_are_ints_and_fractions_stay_floats(tmp_path: Path) -> None:
    [sheet] = read_sheets(workbook_bytes(tmp_path, {"S": [[5.0, 5.25, -3.0]]}), "book.xlsx")
    assert sheet.rows == [[5, 5.25, -3]]
    assert [type(value) for value in sheet.rows[0]] == [int, float, int]


def test_every_sheet_is_returned_in_workbook_order(tmp_path: Path) -> None:
    content = workbook_bytes(tmp_path, {"คำอธิบาย": [["อ่านก่อน"]], "ข้อมูล": [["ชุมชน", "จำนวน"], ["สะเตง", 3]], "ว่าง": []})
    sheets = read_sheets(content, "book.xlsx")
    assert [sheet.name for sheet in sheets] == ["คำอธิบาย", "ข้อมูล", "ว่าง"]
    assert by_name(sheets)["ข้อมูล"].rows == [["ชุมชน", "จำนวน"], ["สะเตง", 3]]
    assert by_name(sheets)["ว่าง"].rows == []


def test_row_and_column_indexes_match_excel_after_blank_leading_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [[], [], [None, "วันที่", "ชุมชน"], [None, date(2024, 1, 2), "สะเตง"]]
    [sheet] = read_sheets(workbook_bytes(tmp_path, {"S": rows}), "book.xlsx")
    # Row 3, column B in Excel is rows[2][1].
    assert sheet.rows[2][1] == "วันที่"
    assert sheet.rows[0] == [None, None, None]


def test_trailing_empty_rows_and_columns_are_trimmed_and_rows_are_rectangular(tmp_path: Path) -> None:
    rows: list[list[object]] = [["a", "b", None, None], ["c"], [None, None], [None]]
    [sheet] = read_sheets(workbook_bytes(tmp_path, {"S": rows}), "book.xlsx")
    assert sheet.rows == [["a", "b"], ["c", None]]


def test_merged_header_cells_are_reported_zero_based(tmp_path: Path) -> None:
    rows: list[list[object]] = [["รายงาน"], ["ชุมชน", "จำนวนผู้สูงอายุ", None], [None, "ชาย", "หญิง"]]
    content = workbook_bytes(tmp_path, {"S": rows}, merged={"S": ("A2:A3", "B2:C2")})
    [sheet] = read_sheets(content, "book.xlsx")
    assert set(sheet.merged) == {(1, 0, 2, 0), (1, 1, 1, 2)}
    assert sheet.rows[1][1] == "จำนวนผู้สูงอายุ" and sheet.rows[1][2] is None


def test_xlsm_and_a_workbook_named_xls_are_read_by_content(tmp_path: Path) -> None:
    content = workbook_bytes(tmp_path, {"S": [["ok", 1]]})
    assert read_sheets(content, "macro.xlsm")[0].rows == [["ok", 1]]
    assert read_sheets(content, "renamed.xls")[0].rows == [["ok", 1]]


def test_openpyxl_reads_what_calamine_refuses_and_merges_still_come_from_the_guard(tmp_path: Path) -> None:
    rows: list[list[object]] = [["รายงาน"], ["ชุมชน", "จำนวน"], ["สะเตง", 4]]
    content = workbook_bytes(tmp_path, {"S": rows}, merged={"S": ("A1:B1",)})
    # A character reference in a cell reference is valid XML that calamine rejects ("&#65;" is "A").
    rewritten = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="A([0-9]+)"', rb'<c r="&#65;\1"', data)
            target.writestr(info, data)
    [sheet] = read_sheets(rewritten.getvalue(), "book.xlsx")
    assert sheet.rows == [["รายงาน", None], ["ชุมชน", "จำนวน"], ["สะเตง", 4]]
    assert sheet.merged == ((0, 0, 0, 1),)


def test_columns_mixing_text_numbers_and_gaps_read_like_other_readers(tmp_path: Path) -> None:
    rows: list[list[object]] = [["จำนวน", "ชื่อ", "ค่า"], [5.0, "ก", 2.5], [None, "", -1.0], [7.0, None, 3.0]]
    [sheet] = read_sheets(workbook_bytes(tmp_path, {"S": rows}), "book.xlsx")
    assert sheet.rows == [["จำนวน", "ชื่อ", "ค่า"], [5, "ก", 2.5], [None, None, -1], [7, None, 3]]
    assert [type(value) for value in sheet.rows[1]] == [int, str, float]
    assert sheet.grid.tolist() == sheet.rows
