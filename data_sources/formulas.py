"""No file we write runs a formula: text that looks like one stays text.

Two forms, one rule (OWASP's advice on CSV injection):
- CSV and JSON have no cell types, so a text starting with = + - @, a tab or a carriage return
  gets a leading apostrophe (`neutralise`);
- a workbook has cell types, so every formula cell becomes a text cell showing the same characters
  (`defuse_workbook`): a clerk's `=HYPERLINK(...)` comes back as the words they typed, not a link.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"


def neutralise(text: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5"), neutralise("ถนนสิโรรส")
    ('\\'=HYPERLINK("http://x")', "'-5", 'ถนนสิโรรส')
    """
    return NEUTRALISER + text if text.startswith(FORMULA_PREFIXES) else text


def defuse_workbook(book: Workbook) -> int:
    """Turn every formula cell of `book` into a text cell with the same characters; returns how many.

    openpyxl makes any string starting with "=" a formula on assignment, so this runs last,
    just before the workbook is saved.
    """
    defused = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                value = cell.value
                text = value.text if isinstance(value, ArrayFormula) else value
                if isinstance(value, DataTableFormula):
                    text = "=TABLE()"
                cell.value = None
                cell.value = str(text or "")
                cell.data_type = "s"
                defused += 1
    return defused
