"""Cells read as text: what a cell says, whatever type the reader gave it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time

from data_sources.values.digits import clean_text

# A lone dash means "nothing" in a Thai report; in a number column it means zero (see numbers.py).
DASHES = frozenset({"-", "–", "—", "−", "--"})
# "No reading" as station logs write it: blank in a measurement column, where a dash is blank too.
NOT_MEASURED = frozenset({"n/a", "na", "n.a.", "ไม่มีข้อมูล", "ไม่ได้วัด", "ไม่ได้ตรวจวัด"})
_BLANKS = DASHES | {""}


def number_text(number: float | int) -> str:
    """A number as staff would write it: Excel's 1.0 for "1" loses its ".0".

    >>> number_text(1.0), number_text(2.5), number_text(12)
    ('1', '2.5', '12')
    """
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number) if isinstance(number, float) else str(number)


def cell_text(cell: object) -> str:
    """The cell as text, as it would read on screen; "" for an empty cell.

    >>> cell_text(44886.0), cell_text(True), cell_text(datetime(2022, 11, 21, 9, 30))
    ('44886', 'TRUE', '2022-11-21 09:30:00')
    >>> cell_text(date(2022, 11, 21)), cell_text(None)
    ('2022-11-21', '')
    """
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and math.isnan(cell):
        return ""
    if isinstance(cell, int | float):
        return number_text(cell)
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ") if cell.time() != time(0) else cell.date().isoformat()
    if isinstance(cell, date | time):
        return cell.isoformat()
    text = str(cell)
    return "" if text in {"nan", "NaT", "<NA>"} else text.strip()


def parse_text(cell: object) -> str | None:
    """The cell's text, cleaned (see `clean_text`); None when the cell is blank or only a dash.

    >>> parse_text("  ถนน   สุขยางค์ "), parse_text(1.0), parse_text("-"), parse_text("   ")
    ('ถนน สุขยางค์', '1', None, None)
    """
    text = clean_text(cell) if isinstance(cell, str) else clean_text(cell_text(cell))
    return None if text in _BLANKS else text


def parse_texts(cells: Sequence[object]) -> list[str | None]:
    """`parse_text` for many cells at once (the column layer's hot loop).

    >>> parse_texts([" ก ", "-", 2.0])
    ['ก', None, '2']
    """
    texts = [clean_text(cell) if isinstance(cell, str) else clean_text(cell_text(cell)) for cell in cells]
    return [None if text in _BLANKS else text for text in texts]
