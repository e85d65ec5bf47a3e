"""The periods an executive can pick from: recent months, fiscal years, fiscal quarters, last 7/30 days.

Plain Python so the dashboard's period picker (ui/filters.py) and its tests share one rule set.
The default is the last COMPLETE month: a month still running would show half its counts
against a whole month's target.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from metrics.periods import Period, fiscal, fiscal_year, month, rolling

MenuKind = Literal["month", "fiscal_year", "fiscal_quarter", "last7", "last30"]
MENU_KINDS: tuple[MenuKind, ...] = ("month", "fiscal_year", "fiscal_quarter", "last7", "last30")
MONTHS_OFFERED = 24
FISCAL_YEARS_OFFERED = 4
FISCAL_QUARTERS_OFFERED = 8
ROLLING_DAYS: dict[MenuKind, int] = {"last7": 7, "last30": 30}


def _months_back(today: date, count: int) -> list[Period]:
    first = today.replace(day=1)
    periods = [month(first.year, first.month)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods


def _fiscal_quarters_back(today: date, count: int) -> list[Period]:
    current_year = fiscal_year(today)
    quarter = (today.month - 10) % 12 // 3 + 1
    periods = [fiscal(current_year, quarter)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods


def choices(kind: MenuKind, today: date) -> list[Period]:
    """The periods offered for `kind`, newest first; the one running today comes first.

    >>> [p.code for p in choices("fiscal_year", date(2026, 11, 23))]
    ['FY2570', 'FY2569', 'FY2568', 'FY2567']
    """
    if kind == "month":
        return _months_back(today, MONTHS_OFFERED)
    if kind == "fiscal_year":
        current = fiscal_year(today)
        return [fiscal(current - back) for back in range(FISCAL_YEARS_OFFERED)]
    if kind == "fiscal_quarter":
        return _fiscal_quarters_back(today, FISCAL_QUARTERS_OFFERED)
    return [rolling(ROLLING_DAYS[kind], today=today)]


def default_choice(kind: MenuKind, today: date) -> Period:
    """The period picked until the user picks another: the last complete month or quarter,
    the fiscal year running today, or the rolling window ending today."""
    offered = choices(kind, today)
    if kind in ("month", "fiscal_quarter"):
        return offered[1]
    return offered[0]
