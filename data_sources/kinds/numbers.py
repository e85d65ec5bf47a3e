"""The number family: Integer and Decimal share how a number is read and range-checked.

Cells the reader already typed as numbers are taken in bulk; text is read once per distinct
value (fast path first, then `parse_number`); findings over the whole column run in numpy.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_sources.kinds.base import ColumnType, nan_floats
from data_sources.values.cells import MOMENT, NUMBER, OTHER, STRING, Collector, one_by_one
from data_sources.values.fast_paths import plain_numbers
from data_sources.values.numbers import Finding, parse_number, range_findings
from data_sources.values.text import DASHES

_DASH_SET = pa.array(sorted(DASHES), type=pa.large_string())


def apply_findings(collector: Collector, values: np.ndarray, findings: list[Finding]) -> None:
    """Report each finding on cells still valid, then blank them: one problem per cell."""
    everywhere = np.arange(len(values))
    for mask, code, slots in findings:
        hit = mask & ~np.isnan(values)
        collector.report_mask(everywhere, hit, code, slots)
        values[hit] = np.nan


def _note_dashes(collector: Collector, strings: np.ndarray) -> None:
    """Say how many lone dashes were read as 0, so a clerk who meant "no figure" can see it."""
    texts = pc.utf8_trim_whitespace(pa.array(collector.raw[strings], type=pa.large_string()))
    count = pc.sum(pc.is_in(texts, value_set=_DASH_SET)).as_py() or 0
    if count:
        collector.note("dash-read-as-zero", "warning", count=f"{count:,}")


class Number(ColumnType):
    """A number within [minimum, maximum] (either may be None). Subclasses set `dtype`, turn the
    checked floats into their Series (`typed`) and may add findings (`findings`)."""

    minimum: float | None
    maximum: float | None
    accepts_percent = False  # "85%" reads as 85
    dash_is_zero: bool  # "-" is 0 (a count, an amount) or blank (a measurement: none was taken)

    def read(self, collector: Collector, *, today: date) -> pd.Series:
        values = self.read_floats(collector)
        apply_findings(collector, values, self.findings(values))
        apply_findings(collector, values, range_findings(values, self.minimum, self.maximum))
        return self.typed(values)

    def read_floats(self, collector: Collector) -> np.ndarray:
        """Every cell as float64, NaN where blank or unreadable (reported)."""
        values = np.full(len(collector.raw), np.nan)
        read = one_by_one(self.parse_cell)
        numbers = collector.positions(NUMBER)
        try:
            values[numbers] = collector.raw[numbers].astype(np.float64)
        except (OverflowError, TypeError, ValueError):  # an int too big for a float: go cell by cell
            values[numbers] = collector.parse_each(numbers, read, nan_floats)
        strings = collector.positions(STRING)
        values[strings] = collector.parse_unique(strings, read, nan_floats, plain_numbers)
        others = collector.positions(MOMENT, OTHER)
        values[others] = collector.parse_each(others, read, nan_floats)
        if self.dash_is_zero and len(strings):
            _note_dashes(collector, strings)
        return values

    def parse_cell(self, cell: object) -> float | None:
        """One cell the bulk paths did not read (`values.numbers.parse_number`)."""
        return parse_number(cell, percent=self.accepts_percent, dash_is_zero=self.dash_is_zero)

    def findings(self, values: np.ndarray) -> list[Finding]:
        """Type-specific problems over the whole column, before the range check."""
        return []

    def typed(self, values: np.ndarray) -> pd.Series:
        return pd.Series(values, dtype=self.dtype)

    def coerce(self, values: pd.Series) -> pd.Series:
        return pd.to_numeric(values).astype(self.dtype) if len(values) else values.astype(self.dtype)

    def with_range(self, text: tuple[str, str]) -> tuple[str, str]:
        """`text` followed by the allowed range, e.g. "จำนวนเต็ม (0 – 100)"."""
        if self.minimum is None and self.maximum is None:
            return text
        low = "" if self.minimum is None else format(self.minimum, ",")
        high = "" if self.maximum is None else format(self.maximum, ",")
        return f"{text[0]} ({low} – {high})", f"{text[1]} ({low} – {high})"
