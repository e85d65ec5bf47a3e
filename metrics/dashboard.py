"""Figures the Mayor Dashboard's cards show besides the value: changes and 12-period sparklines.

A change is read the way an executive reads it: a rate (unit "percent") moves in percentage
points (84.9% after 80.0% is "+4.9 points", not "+6.1%"); anything else moves relative to its
earlier value (245 after 278 is "-11.9%"), except from zero, where only the difference means
something (5 after 0 is "+5").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from metrics.catalogue import catalogue
from metrics.compute import KpiResult
from metrics.kpi import Context, Frames
from metrics.periods import Period, trailing
from metrics.trends import series

ChangeKind = Literal["points", "relative", "absolute"]
SPARKLINE_PERIODS = 12


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


def sparklines(
    frames: Frames,
    period: Period,
    *,
    context: Context,
    community: str | None = None,
    count: int = SPARKLINE_PERIODS,
    targets: Mapping[str, float] | None = None,
) -> dict[str, list[float]]:
    """Per KPI id, its values over the `count` periods ending with `period`, oldest first, keeping
    only the periods that have data (a sparkline draws evenly spaced values and has no gaps).
    """
    periods = trailing(period, count)
    lines = {}
    for kpi_id in catalogue(targets):
        values = series(kpi_id, frames, periods, context=context, community=community, targets=targets)["value"]
        points = [float(v) for v in values if v == v]  # NaN (no data) is not v == v
        lines[kpi_id] = points
    return lines
