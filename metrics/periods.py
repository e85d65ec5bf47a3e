"""Reporting periods: calendar months and quarters, Thai fiscal years and their quarters, rolling days.

A `Period` covers whole calendar days from `start` to `end`, both INCLUSIVE. To select
timestamps use the half-open range `[start_ts, end_ts)` (`end_ts` is midnight after `end`), so a
reading at 23:59 on the last day belongs to the period and one at 00:00 the next day does not.

The Thai fiscal year runs 1 October – 30 September and is named after the Buddhist-era (BE) year
it ends in: FY2568 = 1 Oct 2567 BE – 30 Sep 2568 BE = 2024-10-01..2025-09-30.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import pandas as pd

from data_sources import city_time
from data_sources.thai_calendar import (
    be_year,
    ce_of_be,
    date_label,
    fiscal_year,
    fiscal_year_start,
    month_label,
    months_into_fiscal_year,
)
from metrics.errors import UnknownPeriod

PeriodKind = Literal["month", "quarter", "fiscal_year", "fiscal_quarter", "rolling"]

# Words of the Thai period labels, kept together as the era words are.
THAI_FISCAL_YEAR = "ปีงบประมาณ"
THAI_QUARTER = "ไตรมาส"
THAI_YEAR = "ปี"
THAI_DAYS = "วัน"

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_FISCAL = re.compile(r"^FY(\d{4})(?:-?Q([1-4]))?$")
_ROLLING = re.compile(r"^LAST(\d{1,3})$")
_DAY_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_span(first: date, months: int) -> tuple[date, date]:
    return first, _add_months(first, months) - timedelta(days=1)


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 Feb in a year without one
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    """Whole days `start`..`end` (inclusive) of one kind; build it with `parse_period`."""

    kind: PeriodKind
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_ts(self) -> pd.Timestamp:
        return pd.Timestamp(self.start)

    @property
    def end_ts(self) -> pd.Timestamp:
        """Midnight after the last day: the exclusive upper bound for timestamps."""
        return pd.Timestamp(self.end + timedelta(days=1))

    @property
    def last_month(self) -> date:
        """First day of the month holding the period's last day."""
        return self.end.replace(day=1)

    @property
    def fiscal_year(self) -> int:
        """The fiscal year (BE) of the period's last day."""
        return fiscal_year(self.end)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period just before, of the same kind and length."""
        if self.kind == "rolling":
            end = self.start - timedelta(days=1)
            return Period("rolling", end - timedelta(days=self.days - 1), end)
        start, end = _month_span(_add_months(self.start, -self.months), self.months)
        return Period(self.kind, start, end)

    def year_ago(self) -> Period:
        """The same period one year earlier (for a rolling period: same length, ending a year earlier)."""
        if self.kind == "rolling":
            end = _shift_year(self.end, -1)
            return Period("rolling", end - timedelta(days=self.days - 1), end)
        start, end = _month_span(_add_months(self.start, -12), self.months)
        return Period(self.kind, start, end)

    @property
    def code(self) -> str:
        """The text `parse_period` reads back: "2026-11", "2026-Q4", "FY2569", "FY2569-Q1", "2026-11-17..2026-11-23"."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "fiscal_year":
            return f"FY{self.fiscal_year}"
        if self.kind == "fiscal_quarter":
            return f"FY{self.fiscal_year}-Q{self._fiscal_quarter}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def _fiscal_quarter(self) -> int:
        return (months_into_fiscal_year(self.start) - 1) // 3 + 1

    def label(self, lang: str = "th") -> str:
        """How people name the period: "พ.ย. 2569" / "Nov 2026", "ปีงบประมาณ 2569" / "FY2569"."""
        return _thai_label(self) if lang == "th" else _english_label(self)


def day_label(day: date, lang: str = "th") -> str:
    """ "23 พ.ย. 2569" in Thai (Buddhist era), "23 Nov 2026" in English."""
    return date_label(day, lang)


def day_range_label(first: date, last: date, lang: str = "th") -> str:
    """ "17–23 พ.ย. 2569" within one month, "25 ต.ค. 2569 – 23 พ.ย. 2569" across months."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day_label(last, lang)}"
    return f"{day_label(first, lang)} – {day_label(last, lang)}"


def _thai_label(period: Period) -> str:
    if period.kind == "month":
        return month_label(period.start, "th")
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        return f"{THAI_QUARTER} {quarter} {THAI_YEAR} {be_year(period.start.year)}"
    if period.kind == "fiscal_year":
        return f"{THAI_FISCAL_YEAR} {period.fiscal_year}"
    if period.kind == "fiscal_quarter":
        return f"{THAI_QUARTER} {period._fiscal_quarter} {THAI_FISCAL_YEAR} {period.fiscal_year}"
    return f"{period.days} {THAI_DAYS} ({day_range_label(period.start, period.end, 'th')})"


def _english_label(period: Period) -> str:
    if period.kind == "month":
        return month_label(period.start, "en")
    if period.kind == "quarter":
        return f"Q{(period.start.month - 1) // 3 + 1} {period.start.year}"
    if period.kind == "fiscal_year":
        return f"FY{period.fiscal_year}"
    if period.kind == "fiscal_quarter":
        return f"FY{period.fiscal_year} Q{period._fiscal_quarter}"
    return f"{period.days} days ({day_range_label(period.start, period.end, 'en')})"


def month(year: int, month_number: int) -> Period:
    start, end = _month_span(date(year, month_number, 1), 1)
    return Period("month", start, end)


def fiscal(fiscal_year_be: int, quarter: int | None = None) -> Period:
    """FY2568 (whole year) or FY2568 quarter 1..4 (Q1 = October–December)."""
    first = fiscal_year_start(fiscal_year_be)
    if quarter is None:
        return Period("fiscal_year", *_month_span(first, 12))
    return Period("fiscal_quarter", *_month_span(_add_months(first, 3 * (quarter - 1)), 3))


def rolling(days: int, *, today: date) -> Period:
    """The `days` days ending with `today`, today included."""
    return Period("rolling", today - timedelta(days=days - 1), today)


def parse_period(text: str, *, today: date | None = None) -> Period:
    """Read `YYYY-MM`, `YYYY-Qn`, `FY2568`, `FY2568-Q1`, `last7`, `last30` or `YYYY-MM-DD..YYYY-MM-DD`.

    A year above 2400 in `YYYY-MM`/`YYYY-Qn` is read as Buddhist era, one below it after `FY` as
    Christian era. `today` (default: the machine's date) anchors `lastN`.

    >>> parse_period("FY2568").start, parse_period("FY2568").end
    (datetime.date(2024, 10, 1), datetime.date(2025, 9, 30))
    """
    cleaned = text.strip().upper().replace(" ", "")
    if found := _MONTH.match(cleaned):
        year, number = _christian_year(int(found[1])), int(found[2])
        if 1 <= number <= 12:
            return month(year, number)
    elif found := _QUARTER.match(cleaned):
        first = date(_christian_year(int(found[1])), 3 * int(found[2]) - 2, 1)
        return Period("quarter", *_month_span(first, 3))
    elif found := _FISCAL.match(cleaned):
        # FY2025 written in the Christian era means FY2568.
        year = int(found[1]) if int(found[1]) > 2400 else be_year(int(found[1]))
        return fiscal(year, int(found[2]) if found[2] else None)
    elif (found := _ROLLING.match(cleaned)) and int(found[1]) > 0:
        return rolling(int(found[1]), today=today or city_time.today())
    elif found := _DAY_RANGE.match(cleaned):
        return _day_range(text, found[1], found[2])
    raise UnknownPeriod(text)


def _day_range(text: str, first: str, last: str) -> Period:
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        raise UnknownPeriod(text) from None
    if end < start:
        raise UnknownPeriod(text)
    return Period("rolling", start, end)


def _christian_year(year: int) -> int:
    return ce_of_be(year) if year > 2400 else year


def trailing(period: Period, count: int) -> list[Period]:
    """The `count` periods ending with `period`, oldest first (for 12-period sparklines)."""
    periods = [period]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]
