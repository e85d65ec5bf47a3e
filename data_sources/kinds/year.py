"""Year: a Buddhist-era year, as a number or with the words staff write before it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from data_sources.kinds.integer import Integer
from data_sources.values.digits import clean_digits

# "พ.ศ. 2568", "ปี 2568", "ปีงบประมาณ พ.ศ. 2570", "ปีงบฯ 2570", "FY 2570": the words name the year.
_YEAR_WORDS = re.compile(r"^\s*(?:ปีงบประมาณ|ปีงบฯ|ปีงบ|ปี|พ\s*\.?\s*ศ\s*\.?|fy|be)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Year(Integer):
    """A whole number naming a year; the words before it ("พ.ศ. 2568") are read past.

    >>> Year().parse_cell("ปีงบประมาณ พ.ศ. ๒๕๗๐"), Year().parse_cell("พ.ศ.2568"), Year().parse_cell(2568)
    (2570.0, 2568.0, 2568.0)
    """

    dash_is_zero: bool = False  # a year is never 0

    def parse_cell(self, cell: object) -> float | None:
        if isinstance(cell, str):
            text, before = clean_digits(cell), None
            while text != before:
                before, text = text, _YEAR_WORDS.sub("", text)
            cell = text
        return super().parse_cell(cell)

    def describe(self) -> tuple[str, str]:
        return "ปี พ.ศ. เช่น 2568", "Buddhist-era year, e.g. 2568"
