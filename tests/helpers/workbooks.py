"""Spreadsheets built by the tests, shaped the way division staff really send them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def make_workbook(
    path: Path,
    rows: list[list[object]],
    *,
    sheet: str = "Sheet1",
    merged: tuple[str, ...] = (),
    extra_sheets: dict[str, list[list[object]]] | None = None,
) -> Path:
    """Write `rows` (first sheet) and any `extra_sheets` before it, as .xlsx at `path`."""
    book = Workbook()
    book.remove(book.active)
    for name, content in (extra_sheets or {}).items():
        other = book.create_sheet(name)
        for row in content:
            other.append(row)
    target = book.create_sheet(sheet)
    for row in rows:
        target.append(row)
    for cells in merged:
        target.merge_cells(cells)
    book.save(path)
    return path


def make_csv(path: Path, rows: list[list[object]], *, encoding: str = "utf-8") -> Path:
    text = "\r\n".join(",".join("" if c is None else str(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path
