"""The span a KPI is judged on: the part of the picked period its data covers, up to now.

A period picked on the dashboard may still be running (FY2570 on 23 Nov 2569), may reach back
before a dataset's first record, or may end after the last month a monthly dataset reports. A KPI
is judged only on the days its data can speak for, and its target is cut to the same span:

  start   the later of the period's start and the first day of the month of the dataset's first
          record (a dataset that begins mid-history has "no data" before that month, never zero);
  end     the earlier of the period's end and today (city time), and of a dataset's last accepted
          upload (it cannot speak for the days since); for a dataset kept by month
          (revenue, budget, economy, welfare), the last day of the last month it reports (never
          past the month running today): its rows are whole months.

A span that is empty is "no data". `to_date` is true while the period is still running;
`partial` whenever the span is shorter than the period, for whatever reason. The comparison
spans keep the same shape: a year ago is the same days one year earlier; the previous period is
the period before, cut at the same offset (the first 23 days of last month against the first 23
of this one).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from data_sources.adapters import DATASETS
from data_sources.schema import Date as DateColumn
from data_sources.schema import DateTime, Month
from metrics.periods import Period

# The first day covered, and (for datasets kept by month) the last day covered, per dataset.
Coverage = Mapping[str, tuple[date, date | None]]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def shift_years(day: date, years: int) -> date:
    """The same day `years` later (28 Feb for a 29 Feb that has no twin)."""
    return _add_months(day, 12 * years)


@dataclass(frozen=True)
class Span:
    """The days `start`..`end` (inclusive) of `period` a KPI is judged on."""

    period: Period
    start: date
    end: date

    @classmethod
    def whole(cls, period: Period) -> Span:
        return cls(period, period.start, period.end)

    @property
    def empty(self) -> bool:
        return self.end < self.start

    @property
    def partial(self) -> bool:
        return (self.start, self.end) != (self.period.start, self.period.end)

    @property
    def days(self) -> int:
        return max((self.end - self.start).days + 1, 0)

    def as_period(self) -> Period:
        """The span as a period of the picked kind, which KPI compute functions read."""
        return Period(self.period.kind, self.start, self.end)

    def month_equivalents(self) -> float:
        """How many months the span is worth, for targets set per month: each calendar month
        counts for the share of its days covered (a rolling window: days × 12 / 365).

        >>> from metrics.periods import fiscal
        >>> round(Span(fiscal(2570), date(2026, 10, 1), date(2026, 11, 15)).month_equivalents(), 2)
        1.5
        """
        if self.empty:
            return 0.0
        if self.period.kind == "rolling":
            return self.days * 12 / 365
        total, first = 0.0, self.start.replace(day=1)
        while first <= self.end:
            last = date(first.year, first.month, monthrange(first.year, first.month)[1])
            covered = (min(last, self.end) - max(first, self.start)).days + 1
            total += covered / last.day
            first = last + timedelta(days=1)
        return total

    @property
    def months_touched(self) -> int:
        """Calendar months the span reaches into (a running month counts): "2 of 12 months"."""
        if self.empty:
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def year_ago(self) -> Span:
        """The same days one year earlier."""
        return Span(self.period.year_ago(), shift_years(self.start, -1), shift_years(self.end, -1))

    def previous(self) -> Span:
        """The previous period, cut at the same offsets from its start."""
        before = self.period.previous()
        if not self.partial:
            return Span.whole(before)
        if self.period.kind == "rolling":
            gap = timedelta(days=self.period.days)
            return Span(before, self.start - gap, self.end - gap)
        months = -self.period.months
        return Span(
            before, max(before.start, _add_months(self.start, months)), min(before.end, _add_months(self.end, months))
        )


def _dated_column(key: str) -> tuple[str, bool] | None:
    """The column that dates a dataset's rows and whether the dataset is kept by month."""
    declared = DATASETS.get(key)
    if declared is None or declared.period_column is None:
        return None
    kind = declared.column(declared.period_column).kind
    if not isinstance(kind, DateColumn | DateTime | Month):
        return None
    return declared.period_column, isinstance(kind, Month)


def dataset_coverage(frames: Mapping[str, pd.DataFrame]) -> dict[str, tuple[date, date | None]]:
    """Per dated dataset with rows: the first day of its first record's month, and for a monthly
    dataset the last day of its last month (None: it speaks for every day up to now)."""
    found: dict[str, tuple[date, date | None]] = {}
    for key, frame in frames.items():
        dated = _dated_column(key)
        if dated is None or frame.empty:
            continue
        column, monthly = dated
        stamps = frame[column].dropna()
        if stamps.empty:
            continue
        first = stamps.min().date().replace(day=1)
        last_month = stamps.max().date()
        last = date(last_month.year, last_month.month, monthrange(last_month.year, last_month.month)[1])
        found[key] = (first, last if monthly else None)
    return found


def judged_span(
    period: Period,
    datasets: Iterable[str],
    coverage: Coverage,
    today: date,
    uploads: Mapping[str, datetime | None] | None = None,
) -> Span:
    """The part of `period` that the `datasets` (their dated ones) cover, up to `today`.

    A dataset kept by month speaks for whole months: its last reported month ends the span (a
    month reported on the 23rd is that month's figure), but never past the month running today.
    A dataset kept by day speaks up to its last accepted upload (`uploads`), when that is known:
    a complaints file last sent on 1 February says nothing of the tickets since.
    """
    start, end, by_day = period.start, period.end, True
    month_now = date(today.year, today.month, monthrange(today.year, today.month)[1])
    for key in datasets:
        if key not in coverage:
            continue
        first, last = coverage[key]
        start = max(start, first)
        if last is not None:
            end, by_day = min(end, last, month_now), False
        elif (uploaded := (uploads or {}).get(key)) is not None:
            end = min(end, uploaded.date())
    if any(key in coverage and coverage[key][1] is None for key in datasets):
        by_day = True
    return Span(period, start, min(end, today) if by_day else end)


def comparison_span(span: Span, coverage: Coverage, datasets: Iterable[str]) -> Span | None:
    """`span` (a year-ago or previous one) when its data covers it whole; None otherwise, so an
    earlier figure is never a part-period set against a full one."""
    if span.empty:
        return None
    for key in datasets:
        if key not in coverage:
            continue
        first, last = coverage[key]
        if span.start < first or (last is not None and span.end > last):
            return None
    return span
