"""Figures the Mayor Dashboard's cards show besides the value: changes, and sparkline values
(from `trends.sparklines`, which computes every KPI over 12 periods).

A change is read the way an executive reads it: a rate (unit "percent") moves in percentage
points (84.9% after 80.0% is "+4.9 points", not "+6.1%"); anything else moves relative to its
earlier value (245 after 278 is "-11.9%"), except from zero, where only the difference means
something (5 after 0 is "+5").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from metrics.compute import KpiResult

ChangeKind = Literal["points", "relative", "absolute"]


@dataclass(frozen=True)
class Change:
    """How far a value moved from an earlier one; `amount` is signed (0.049 = +4.9 points or +4.9 %)."""

    kind: ChangeKind
    amount: float


def change(value: float | None, earlier: float | None, unit: str) -> Change | None:
    """The change from `earlier` to `value`, or None when either is missing.

    >>> change(0.849, 0.80, "percent")
    Change(kind='points', amount=0.049)
    >>> change(245, 278, "count").amount < 0, change(5, 0, "count")
    (True, Change(kind='absolute', amount=5.0))
    """
    if value is None or earlier is None:
        return None
    if unit == "percent":
        return Change("points", round(value - earlier, 10))
    if earlier == 0:
        return Change("absolute", float(value - earlier))
    return Change("relative", (value - earlier) / abs(earlier))


def changes(result: KpiResult) -> tuple[Change | None, Change | None]:
    """(change against the previous period, change against the same period a year earlier)."""
    unit = result.kpi.unit
    return change(result.value, result.previous, unit), change(result.value, result.year_ago, unit)


def sparkline_values(grid: pd.DataFrame) -> dict[str, list[float]]:
    """Per KPI id, the values of `trends.sparklines` oldest first, keeping only the periods with
    data: a card's sparkline draws evenly spaced values and cannot show a gap."""
    with_values = grid.loc[grid["value"].notna()]
    lines: dict[str, list[float]] = {kpi_id: [] for kpi_id in dict.fromkeys(grid["kpi_id"])}
    for kpi_id, values in with_values.groupby("kpi_id", sort=False)["value"]:
        lines[str(kpi_id)] = [float(v) for v in values]
    return lines
