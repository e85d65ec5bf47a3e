"""Dates, date-times and months from any cell: text, Excel date cells or Excel serial numbers.

Every reader returns a naive `datetime` (city local time) at its level: midnight for a date, the
first of the month at midnight for a month. Problems raise `UnreadableCell`; `parse_column` turns
them into `CellProblem`s.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from data_sources.city_time import as_city_time
from data_sources.values.date_text import Parts, read_parts
from data_sources.values.problems import UnreadableCell
from data_sources.values.serials import serial_to_datetime

if TYPE_CHECKING:
    from data_sources.kinds.moments import Moment

Level = Literal["date", "datetime", "month"]
# The default window of each level: no earlier than EARLIEST, at most this many days past today.
EARLIEST = date(1990, 1, 1)
DAYS_AHEAD: dict[Level, int] = {"date": 400, "datetime": 2, "month": 400}


def _at_level(moment: datetime, level: Level) -> datetime:
    if level == "date":
        return datetime.combine(moment.date(), time())
    if level == "month":
        return datetime(moment.year, moment.month, 1)
    return moment


def is_year_like(number: float) -> bool:
    """A whole number that reads as a year (2567, 2024), which no one means as an Excel serial."""
    return number.is_integer() and (1900 <= number <= 2200 or 2400 < number <= 2800)


def _from_number(number: float, level: Level) -> datetime:
    if level == "month" and number.is_integer() and 1 <= number <= 12:
        raise UnreadableCell("ambiguous-year")
    if is_year_like(number):
        raise UnreadableCell("not-a-date")
    return _at_level(serial_to_datetime(number), level)


def _from_parts(parts: Parts, level: Level, month_alone: bool) -> datetime:
    if parts.year is None:
        raise UnreadableCell("ambiguous-year" if level == "month" and parts.day is None else "not-a-date")
    if parts.day is None and level != "month" and not month_alone:
        raise UnreadableCell("not-a-date")
    try:
        moment = datetime(parts.year, parts.month, 1 if parts.day is None else parts.day)
    except ValueError:
        raise UnreadableCell("impossible-date") from None
    if parts.clock is not None:
        moment = datetime.combine(moment.date(), parts.clock)
    return _at_level(moment, level)


def _moment(cell: object, level: Level, month_alone: bool) -> datetime | None:
    if cell is None or isinstance(cell, bool | time):
        return None if cell is None else _not_a_date()
    if isinstance(cell, str):
        parts = read_parts(cell)
        if parts is None:
            return None
        return _from_number(parts, level) if isinstance(parts, float) else _from_parts(parts, level, month_alone)
    if isinstance(cell, datetime):
        if cell.tzinfo is not None:
            cell = as_city_time(cell)
        return _at_level(cell, level)
    if isinstance(cell, date):
        return _at_level(datetime.combine(cell, time()), level)
    if isinstance(cell, int | float):
        return None if math.isnan(cell) else _from_number(float(cell), level)
    return _not_a_date()


def _not_a_date() -> datetime:
    raise UnreadableCell("not-a-date")


def read_moment(cell: object, level: Level, month_alone: bool = False) -> datetime | None:
    """The moment a cell names at `level`; None when blank. Raises `UnreadableCell`.

    A month level reports "not-a-month" where the others report "not-a-date". With `month_alone`
    a month without a day ("พฤศจิกายน 2569") is its first day, where a day may start a month.
    """
    try:
        return _moment(cell, level, month_alone)
    except UnreadableCell as problem:
        if level == "month" and problem.code == "not-a-date":
            raise UnreadableCell("not-a-month") from None
        raise


def date_window(level: Level, earliest: date, days_ahead: int, today: date) -> tuple[date, date]:
    """The earliest and latest day a value at `level` may fall on (a month: its first day).

    >>> date_window("month", date(1990, 1, 15), 400, date(2026, 11, 23))
    (datetime.date(1990, 1, 1), datetime.date(2027, 12, 28))
    """
    return earliest.replace(day=1) if level == "month" else earliest, today + timedelta(days=days_ahead)


def _checked(cell: object, level: Level, kind: Moment | None, today: date | None) -> datetime | None:
    moment = read_moment(cell, level)
    if moment is not None and today is not None:
        window = kind.window(today) if kind else date_window(level, EARLIEST, DAYS_AHEAD[level], today)
        earliest, latest = window
        if not earliest <= moment.date() <= latest:
            raise UnreadableCell("date-out-of-range", earliest=earliest, latest=latest)
    return moment


def parse_date(cell: object, *, today: date | None = None, kind: Moment | None = None) -> date | None:
    """The calendar day a cell names; None when blank. Raises `UnreadableCell`.

    Given `today`, a day outside the window of `kind` (default `Date()`'s) raises "date-out-of-range".

    >>> parse_date("21 พ.ย. 65"), parse_date("๒๑/๑๑/๒๕๖๕"), parse_date(44886)
    (datetime.date(2022, 11, 21), datetime.date(2022, 11, 21), datetime.date(2022, 11, 21))
    >>> parse_date("วันที่ 21 เดือนพฤศจิกายน พ.ศ. 2565"), parse_date("2022-11-21")
    (datetime.date(2022, 11, 21), datetime.date(2022, 11, 21))
    """
    moment = _checked(cell, "date", kind, today)
    return None if moment is None else moment.date()


def parse_datetime(cell: object, *, today: date | None = None, kind: Moment | None = None) -> datetime | None:
    """The moment a cell names (naive, city time); a date alone is midnight. Raises `UnreadableCell`.

    >>> parse_datetime("21/11/2565 09.30 น."), parse_datetime("14.20น. 21 พ.ย. 65") is None
    (datetime.datetime(2022, 11, 21, 9, 30), False)
    """
    return _checked(cell, "datetime", kind, today)


def parse_month(cell: object, *, today: date | None = None, kind: Moment | None = None) -> date | None:
    """The first day of the month a cell names. Raises `UnreadableCell`.

    >>> parse_month("ต.ค. 67"), parse_month("10/2567"), parse_month("2024-10"), parse_month("21/10/2567")
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 1), datetime.date(2024, 10, 1), datetime.date(2024, 10, 1))
    """
    moment = _checked(cell, "month", kind, today)
    return None if moment is None else moment.date()


def parse_month_without_year(cell: object) -> int | None:
    """The month number of a cell that names a month but no year ("ต.ค.", "ตุลาคม", 10), else None.

    The caller may take the year from a fiscal-year column: ต.ค.–ธ.ค. belong to the BE year before.

    >>> parse_month_without_year("ต.ค."), parse_month_without_year(3), parse_month_without_year("ต.ค. 67")
    (10, 3, None)
    """
    try:
        read_moment(cell, "month")
    except UnreadableCell as problem:
        if problem.code != "ambiguous-year":
            return None
        if isinstance(cell, str):
            parts = read_parts(cell)
            return int(parts) if isinstance(parts, float) else parts.month  # type: ignore[union-attr]
        return int(cell)  # type: ignore[call-overload]
    return None
