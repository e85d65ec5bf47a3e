"""Excel workbooks (.xlsx/.xlsm/.xls) to raw sheets: calamine first, the pure-Python readers after.

Call only on bytes that passed the guard (upload.check_upload): calamine trusts the file's cell
references for its allocations.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta

import numpy as np
import python_calamine
import xlrd
from pandas.api.types import infer_dtype

from data_sources.readers.base import MERGE, Limits, Sheet, as_grid, damaged, file_error, trim, trim_grid
from data_sources.readers.detect import Kind
from data_sources.readers.package import WorkbookScan

_log = logging.getLogger(__name__)
_WORKSHEET = python_calamine.SheetTypeEnum.WorkSheet


def read_workbook(
    content: bytes, kind: Kind, scan_of: Callable[[], WorkbookScan | None], limits: Limits
) -> list[Sheet]:
    """Every worksheet of the workbook, in workbook order. `scan_of` gives the guard's scan, which
    only the openpyxl fallback needs (for merged cells), and may still be running till then."""
    try:
        sheets = _read_with_calamine(content)
    except python_calamine.PasswordError:
        raise file_error("password-protected") from None
    except BaseException as error:
        if not _is_calamine_failure(error):
            raise
        # Name the reader we fell back to, so a calamine failure stays visible in the logs.
        fallback = _read_with_openpyxl if kind == "xlsx" else _read_with_xlrd
        _log.warning("calamine could not read the workbook (%r); trying %s", error, fallback.__name__)
        sheets = _guarded(fallback, content, scan_of())
    for sheet in sheets:
        if sheet.height > limits.max_rows:
            raise file_error("too-many-rows", value=f"{sheet.height:,}", limit=f"{limits.max_rows:,}")
    return sheets


def _is_calamine_failure(error: BaseException) -> bool:
    # pyo3 turns a Rust panic into PanicException, which derives from BaseException and cannot be
    # imported by name; on damaged files calamine does panic, and that means "could not read".
    return (
        isinstance(error, python_calamine.CalamineError | ValueError | TypeError)
        or type(error).__name__ == "PanicException"
    )


def _read_with_calamine(content: bytes) -> list[Sheet]:
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    sheets = []
    for metadata in workbook.sheets_metadata:
        if metadata.typ != _WORKSHEET:
            continue
        sheet = workbook.get_sheet_by_name(metadata.name)
        # skip_empty_area=False keeps row 0 as spreadsheet row 1, so row numbers match Excel's.
        grid = _calamine_cells(as_grid(sheet.to_python(skip_empty_area=False)))
        merged = tuple((first[0], first[1], last[0], last[1]) for first, last in sheet.merged_cell_ranges or ())
        sheets.append(Sheet(metadata.name, merged=merged, grid=trim_grid(grid)))
        sheets[-1].hidden = metadata.visible != python_calamine.SheetVisibleEnum.Visible
    return sheets


def _calamine_cells(grid: np.ndarray) -> np.ndarray:
    """calamine's cells as the other readers give them, a column at a time.

    calamine gives "" for empty cells and floats for every number; Excel cannot tell 5 from 5.0,
    so whole numbers become ints, as openpyxl and the CSV path hand them on. A hundred thousand
    rows make a loop per cell cost more than calamine's own read, hence numpy.
    """
    grid[grid == ""] = None
    for index in range(grid.shape[1]):
        column = grid[:, index]  # a view: writes land in the grid
        kind = infer_dtype(column, skipna=True)
        if kind in ("string", "empty", "datetime", "date", "boolean"):
            continue
        if kind in ("floating", "integer", "mixed-integer-float"):
            _whole_numbers_as_ints(column, np.flatnonzero(np.not_equal(column, None)))
            continue
        types = np.fromiter(map(type, column), dtype=object, count=len(column))
        _whole_numbers_as_ints(column, np.flatnonzero(np.equal(types, float)))
        for position in np.flatnonzero(np.equal(types, timedelta)):
            column[position] = _duration(column[position])
    return grid


def _whole_numbers_as_ints(column: np.ndarray, positions: np.ndarray) -> None:
    numbers = column[positions].astype(np.float64)
    whole = (numbers == np.floor(numbers)) & (np.abs(numbers) < 2**53)
    column[positions[whole]] = numbers[whole].astype(np.int64).astype(object)


def _duration(value: timedelta) -> object:
    """A duration cell: a time of day when under a day (e.g. 08:30), else a number of days."""
    if timedelta(0) <= value < timedelta(days=1):
        return (datetime.min + value).time()
    return value.total_seconds() / 86_400


def _guarded(
    reader: Callable[[bytes, WorkbookScan | None], list[Sheet]], content: bytes, scan: WorkbookScan | None
) -> list[Sheet]:
    try:
        return reader(content, scan)
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise file_error("password-protected") from None
        raise damaged("parser-error", detail=str(error)[:200]) from None
    except Exception as error:  # noqa: BLE001 - the last reader: any failure means an unreadable file
        raise damaged("parser-error", detail=f"{type(error).__name__}: {str(error)[:200]}") from None


def _read_with_openpyxl(content: bytes, scan: WorkbookScan | None) -> list[Sheet]:
    import openpyxl  # the fallback only: a tenth of a second no calamine read should pay

    # With defusedxml installed openpyxl parses through it; read_only streams the sheet XML.
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()  # the file's <dimension> is not trusted for padding
            rows = [_plain_row(row) for row in worksheet.iter_rows(values_only=True)]
            sheets.append(Sheet(name=worksheet.title, rows=trim(rows), merged=_merges_from_scan(scan, worksheet.title)))
        return sheets
    finally:
        workbook.close()


def _merges_from_scan(scan: WorkbookScan | None, sheet_name: str) -> tuple[MERGE, ...]:
    # openpyxl's read-only sheets do not parse <mergeCells>; the guard's scan already did.
    if scan is None or sheet_name not in scan.sheet_parts:
        return ()
    extent = scan.extents.get(scan.sheet_parts[sheet_name])
    return tuple(extent.merges) if extent else ()


def _plain_row(row: Iterable[object]) -> list[object]:
    return [
        None if value is None or value == "" else _duration(value) if isinstance(value, timedelta) else value
        for value in row
    ]


def _read_with_xlrd(content: bytes, scan: WorkbookScan | None) -> list[Sheet]:
    book = xlrd.open_workbook(file_contents=content, formatting_info=True)
    sheets = []
    for sheet in book.sheets():
        rows = [[_xlrd_cell(cell, book.datemode) for cell in sheet.row(index)] for index in range(sheet.nrows)]
        merged = tuple((top, left, bottom - 1, right - 1) for top, bottom, left, right in sheet.merged_cells)
        sheets.append(Sheet(name=sheet.name, rows=trim(rows), merged=merged))
    return sheets


def _xlrd_cell(cell: xlrd.sheet.Cell, datemode: int) -> object:
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR) or cell.value == "":
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        moment = xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        return moment.date() if moment.time() == time(0) else moment
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    return cell.value
