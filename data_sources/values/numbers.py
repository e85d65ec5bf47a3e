"""Numbers as Thai staff write them: separators, Thai digits, baht signs, percent, (negatives).

`parse_number` reads one cell; `integer_findings` and `range_findings` check a whole column of
parsed values at once with numpy, so a 100,000-row sheet costs a few milliseconds.
"""

from __future__ import annotations

import math
import re
from datetime import date, time

import numpy as np

from data_sources.values.digits import clean_digits
from data_sources.values.problems import UnreadableCell
from data_sources.values.text import DASHES, NOT_MEASURED, number_text

# Thousands go in groups of three, separated by commas or spaces ("1,234.50", "1 234").
_BODY = re.compile(r"(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?")
# "฿1,200", "1,200 บาท", "1,200 บ.", and "1,200.-" (a whole-baht amount, the Thai way).
_CURRENCY_PREFIX = re.compile(r"^(?:฿|thb)\s*")
_CURRENCY_SUFFIX = re.compile(r"(?:\s*(?:บาท|บ\.|baht|thb|฿|\.-))+$")
_PERCENT_WORD = "ร้อยละ"
_MINUS_SIGNS = "-−–"
# Excel stores 12 as 12.000000001 after some arithmetic: that much error still reads as whole.
INTEGER_TOLERANCE = 1e-9
_INT64_LIMIT = 2.0**63

Finding = tuple[np.ndarray, str, dict[str, str]]  # (mask of bad cells, issue code, slots)


def _strip_percent(text: str) -> tuple[str, bool]:
    if text.endswith("%"):
        return text[:-1].rstrip(), True
    if text.startswith(_PERCENT_WORD):
        return text[len(_PERCENT_WORD) :].lstrip(), True
    return text, False


def _strip_sign(text: str) -> tuple[str, bool]:
    """The text without its sign or accounting parentheses, and whether it was negative."""
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip(), True
    if text[:1] in _MINUS_SIGNS:
        return text[1:].lstrip(), True
    if text.startswith("+"):
        return text[1:].lstrip(), False
    return text, False


def _read_text(raw: str, *, percent: bool, dash_is_zero: bool = True) -> float | None:
    text = clean_digits(raw).lower()
    if not text:
        return None
    if text in DASHES:
        # "-" in a count or an amount is the accountant's zero; in a measurement it means none taken.
        return 0.0 if dash_is_zero else None
    if not dash_is_zero and text.strip() in NOT_MEASURED:
        return None
    text, has_percent = _strip_percent(text)
    if has_percent and not percent:
        raise UnreadableCell("percent-not-allowed")
    text = _CURRENCY_SUFFIX.sub("", _CURRENCY_PREFIX.sub("", text))
    text, negative = _strip_sign(text)
    text = _CURRENCY_SUFFIX.sub("", _CURRENCY_PREFIX.sub("", text))
    if not _BODY.fullmatch(text):
        raise UnreadableCell("not-a-number")
    number = float(text.replace(",", "").replace(" ", ""))
    if math.isinf(number):
        raise UnreadableCell("not-a-number")
    return -number if negative else number


def parse_number(cell: object, *, percent: bool = False, dash_is_zero: bool = True) -> float | None:
    """The number a cell holds; None when it is empty. Raises `UnreadableCell` otherwise.

    `percent=True` accepts "85%" (and "ร้อยละ 85") as 85; elsewhere a percent sign is a problem
    ("percent-not-allowed"), because 85% of what is not ours to guess. A lone dash is zero
    unless `dash_is_zero=False` (a measurement column, where it means "not measured": blank).

    >>> parse_number("1,234.50"), parse_number("๑,๒๓๔"), parse_number(" 1 234 ")
    (1234.5, 1234.0, 1234.0)
    >>> parse_number("฿1,200"), parse_number("1,200 บาท"), parse_number("1,200.-"), parse_number("(1,200)")
    (1200.0, 1200.0, 1200.0, -1200.0)
    >>> parse_number("-"), parse_number("85%", percent=True), parse_number(None)
    (0.0, 85.0, None)
    """
    if cell is None:
        return None
    if isinstance(cell, str):
        return _read_text(cell, percent=percent, dash_is_zero=dash_is_zero)
    if isinstance(cell, bool | date | time):
        raise UnreadableCell("not-a-number")
    if isinstance(cell, int | float):
        number = float(cell)
        return None if math.isnan(number) else number
    raise UnreadableCell("not-a-number")


def parse_integer(cell: object) -> int | None:
    """A whole number; Excel's 12.000000001 reads as 12, 12.5 raises "not-an-integer".

    >>> parse_integer("๒,๕๖๘"), parse_integer(12.000000001), parse_integer("")
    (2568, 12, None)
    """
    number = parse_number(cell)
    if number is None:
        return None
    if not is_whole(number):
        raise UnreadableCell("not-an-integer")
    return round(number)


def is_whole(number: float) -> bool:
    """Whether `number` is a whole number that fits Int64, within `INTEGER_TOLERANCE` (relative).

    >>> is_whole(12.000000001), is_whole(12.5), is_whole(2.0**70)
    (True, False, False)
    """
    return abs(number - round(number)) <= INTEGER_TOLERANCE * max(1.0, abs(number)) and abs(number) < _INT64_LIMIT


def integer_findings(values: np.ndarray) -> list[Finding]:
    """Cells that are not whole numbers (within `INTEGER_TOLERANCE`, relative) or do not fit Int64."""
    with np.errstate(invalid="ignore"):
        error = np.abs(values - np.round(values))
        bad = (error > INTEGER_TOLERANCE * np.maximum(1.0, np.abs(values))) | (np.abs(values) >= _INT64_LIMIT)
    return [(bad & ~np.isnan(values), "not-an-integer", {})]


def range_findings(values: np.ndarray, minimum: float | None, maximum: float | None) -> list[Finding]:
    """Cells below `minimum` or above `maximum`; a negative where none may be is named so.

    A cell may fall in several masks (-5 is negative and below 1): the caller reports the first.
    """
    findings: list[Finding] = []
    with np.errstate(invalid="ignore"):
        if minimum is not None and minimum >= 0:
            findings.append((values < 0, "negative-not-allowed", {}))
        if minimum is not None:
            findings.append((values < minimum, "below-minimum", {"minimum": number_text(minimum)}))
        if maximum is not None:
            findings.append((values > maximum, "above-maximum", {"maximum": number_text(maximum)}))
    return findings
