"""Decimal: a real number; `-` reads as zero (or blank: `dash_is_zero`), `(5)` as -5 where negatives are allowed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources.kinds.numbers import Number
from data_sources.values.cells import NUMBER, Collector


@dataclass(frozen=True)
class Decimal(Number):
    """A real number. `percent=True`: "85%" reads as 85, and so does a cell Excel shows as 85%."""

    minimum: float | None = None
    maximum: float | None = None
    percent: bool = False
    dash_is_zero: bool = True  # False in a measurement column: "-" there means none was taken

    dtype = "float64"

    @property
    def accepts_percent(self) -> bool:  # type: ignore[override]
        return self.percent

    def read_floats(self, collector: Collector) -> np.ndarray:
        values = super().read_floats(collector)
        if self.percent:
            _scale_excel_percent(collector, values)
        return values

    def sqlite_values(self, values: pd.Series) -> list[object]:
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        out = np.array(numbers.tolist(), dtype=object)  # tolist: Python floats, in C
        out[np.isnan(numbers)] = None
        return out.tolist()

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Double()

    def describe(self) -> tuple[str, str]:
        return self.with_range(("ตัวเลข (ทศนิยมได้)", "number (decimals allowed)"))

    @property
    def export_format(self) -> tuple[str, str]:
        return "ตัวเลข", "number"


def _scale_excel_percent(collector: Collector, values: np.ndarray) -> None:
    """Excel stores a cell shown as "85%" as 0.85; a column of such cells means 85, not 0.85."""
    numeric = collector.positions(NUMBER)
    read = values[numeric]
    read = read[~np.isnan(read)]
    if not len(read) or read.max() > 1 or read.max() <= 0:
        return
    values[numeric] *= 100
    collector.note("percent-as-fraction", "warning")
