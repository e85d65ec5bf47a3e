"""Which file columns could hold a dataset column, judged by their values.

When staff are asked "which column is this?", only columns whose values the dataset column's type
reads are offered: text is not a number of cases, and a running number 1, 2, 3 … (ลำดับ) is never
a count or an amount, however well it parses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from data_sources.schema import Column

SAMPLE_ROWS = 200  # values looked at per column
MOST_UNREADABLE = 0.2  # a column fits if at most this share of its filled cells fail to read


def _filled(cells: Sequence[object]) -> list[object]:
    return [c for c in cells if c is not None and not (isinstance(c, float) and np.isnan(c)) and str(c).strip()]


def running_number(cells: Sequence[object]) -> bool:
    """1, 2, 3 … n (or any start going up by one): a row counter, not a measurement.

    >>> running_number([1, 2, 3, 4]), running_number(["1", "2", "3"]), running_number([3, 0, 5])
    (True, True, False)
    """
    values = _filled(cells)
    if len(values) < 3:
        return False
    try:
        numbers = [float(str(v).strip()) for v in values]
    except ValueError:
        return False
    return all(b - a == 1 for a, b in zip(numbers, numbers[1:], strict=False))


def fits(cells: Sequence[object], column: Column, *, today: date) -> bool:
    """Whether a file column with `cells` could be `column`: its type reads them, and a number is not a counter."""
    values = _filled(cells[:SAMPLE_ROWS])
    if not values:
        return True  # an empty column says nothing against it
    if column.kind.dtype in ("Int64", "float64") and running_number(values):
        return False
    parsed = column.kind.parse(values, today=today)
    unreadable = sum(1 for p in parsed.problems if p.severity == "error" and p.index is not None)
    return unreadable <= MOST_UNREADABLE * len(values)


def fitting_columns(grid: np.ndarray, columns: Sequence[Column], *, today: date) -> dict[str, tuple[int, ...]]:
    """For each dataset column, the file columns (by index) whose values fit it."""
    sample = grid[:SAMPLE_ROWS]
    width = sample.shape[1] if sample.ndim == 2 else 0
    return {
        column.key: tuple(j for j in range(width) if fits(list(sample[:, j]), column, today=today))
        for column in columns
    }
