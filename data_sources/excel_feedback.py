"""The staff member's own file back as Excel, each problem cell coloured and commented.

An .xlsx comes back as itself (formatting kept); a .csv or .xls is written as a new .xlsx from
the sheet as we read it. A last sheet lists every problem, so file-level ones (a missing column)
are there too. Opening a workbook with openpyxl is parsing, so it runs in a child process
behind the same guard as ingest.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import PurePath

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

from data_sources.formulas import defuse_workbook
from data_sources.readers import Limits, check_upload, read_sheets, run_isolated
from data_sources.readers.detect import detect_kind
from data_sources.report import Issue, ValidationReport

ERROR_FILL = PatternFill("solid", fgColor="F4B6B6")
WARNING_FILL = PatternFill("solid", fgColor="FBE3A1")
PROBLEMS_SHEET = "ปัญหา - Problems"
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]\*\?/\\:]")


def feedback_name(file_name: str) -> str:
    """ "waste-nov.csv" → "waste-nov-ตรวจแล้ว.xlsx" (checked)."""
    return f"{PurePath(file_name).stem}-ตรวจแล้ว.xlsx"


def annotated_workbook(
    content: bytes, file_name: str, report: ValidationReport, *, limits: Limits | None = None
) -> bytes:
    """The file with its problems marked, as .xlsx bytes."""
    limits = limits or Limits()
    return run_isolated(build_annotated, content, file_name, report.to_dict(), limits, limits=limits)


def build_annotated(content: bytes, file_name: str, report_data: dict, limits: Limits) -> bytes:  # type: ignore[type-arg]
    """`annotated_workbook` in the calling process (the child runs this)."""
    report = ValidationReport.from_dict(report_data)
    check_upload(content, file_name, limits)
    if detect_kind(content, file_name) == "xlsx":
        book = load_workbook(BytesIO(content), keep_links=False)
    else:
        book = _book_from_sheets(content, file_name, limits)
    if report.sheet and report.sheet in book.sheetnames:
        _mark(book[report.sheet], report)
    _list_problems(book, report)
    defuse_workbook(book)  # a cell typed "=..." in the file or in a problem's value stays text
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _book_from_sheets(content: bytes, file_name: str, limits: Limits) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for sheet in read_sheets(content, file_name, limits):
        # The report names the sheet as read; keep that name unless Excel forbids it.
        target = book.create_sheet(_BAD_SHEET_CHARACTERS.sub("-", sheet.name)[:31] or "Sheet1")
        for row in sheet.rows:
            target.append(row)
    return book


def _by_cell(report: ValidationReport) -> dict[tuple[int, str], list[Issue]]:
    cells: dict[tuple[int, str], list[Issue]] = {}
    for issue in report.issues:
        if issue.row is None:
            continue
        cells.setdefault((issue.row, issue.column or "A"), []).append(issue)
    return cells


def _writable(sheet: Worksheet, row: int, column: int):  # type: ignore[no-untyped-def]
    cell = sheet.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if cell.coordinate in merged:
                return sheet.cell(row=merged.min_row, column=merged.min_col)
    return cell


def _mark(sheet: Worksheet, report: ValidationReport) -> None:
    for (row, letter), issues in _by_cell(report).items():
        cell = _writable(sheet, row, column_index_from_string(letter))
        is_error = any(i.severity == "error" for i in issues)
        cell.fill = ERROR_FILL if is_error else WARNING_FILL
        text = "\n".join(f"• {i.message_th}\n  {i.message_en}" for i in issues)
        comment = Comment(text, "Yala City")
        comment.width, comment.height = 320, min(60 + 50 * len(issues), 400)
        cell.comment = comment


def _list_problems(book: Workbook, report: ValidationReport) -> None:
    if PROBLEMS_SHEET in book.sheetnames:
        del book[PROBLEMS_SHEET]
    sheet = book.create_sheet(PROBLEMS_SHEET)
    sheet.append(
        ["ระดับ / Severity", "แถว / Row", "คอลัมน์ / Column", "หัวคอลัมน์ / Header", "ค่า / Value", "ปัญหา", "Problem"]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for issue in report.issues:
        severity = "ข้อผิดพลาด / error" if issue.severity == "error" else "คำเตือน / warning"
        sheet.append([severity, issue.row, issue.column, issue.header, issue.value, issue.message_th, issue.message_en])
        sheet.cell(row=sheet.max_row, column=1).fill = ERROR_FILL if issue.severity == "error" else WARNING_FILL
    for letter, width in zip("ABCDEFG", (18, 8, 10, 24, 20, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
