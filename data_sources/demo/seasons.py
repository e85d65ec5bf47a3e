"""The demo city's calendar: the Thai fiscal year, the span covered, seasons and festivals.

Seasons are smooth weights between 0 and 1 by day of year, so every generator bends its volumes
with the same monsoon, haze and festival dates.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from data_sources import thai_calendar
from data_sources.thai_calendar import FISCAL_START_MONTH, fiscal_year_first_month

FULL_FISCAL_YEARS = 3
_YEAR_DAYS = 365.25

# Eid al-Fitr (วันฮารีรายอ) as observed in Thailand; it moves about 11 days earlier each year.
HARI_RAYA = {
    2022: date(2022, 5, 3),
    2023: date(2023, 4, 22),
    2024: date(2024, 4, 10),
    2025: date(2025, 3, 31),
    2026: date(2026, 3, 20),
    2027: date(2027, 3, 10),
    2028: date(2028, 2, 27),
    2029: date(2029, 2, 15),
    2030: date(2030, 2, 5),
}


def fiscal_years(stamps: pd.DatetimeIndex) -> np.ndarray:
    """The fiscal year of each timestamp, as an int array."""
    return thai_calendar.fiscal_years(stamps).astype(np.int64)


def fiscal_month_index(stamps: pd.DatetimeIndex) -> np.ndarray:
    """0 for October, 1 for November, ... 11 for September."""
    return ((stamps.month - FISCAL_START_MONTH) % 12).to_numpy(dtype=np.int64)


def span_start(today: date) -> date:
    """1 October three fiscal years before today's: three full fiscal years plus the current one.

    >>> span_start(date(2026, 11, 23))
    datetime.date(2023, 10, 1)
    """
    first = fiscal_year_first_month(today)
    return first.replace(year=first.year - FULL_FISCAL_YEARS)


def complete_months(start: date, today: date) -> pd.DatetimeIndex:
    """First days of the months from `start` that ended before `today` (a division reports after)."""
    last = (date(today.year, today.month, 1) - timedelta(days=1)).replace(day=1)
    return pd.date_range(start, last, freq="MS")


def days_between(start: date, end: date) -> pd.DatetimeIndex:
    """Every day from `start` to `end`, both included."""
    return pd.date_range(start, end, freq="D")


def _day_of_year(stamps: pd.DatetimeIndex) -> np.ndarray:
    return (stamps.day_of_year + stamps.hour / 24.0).to_numpy(dtype=np.float64)


def _bump(stamps: pd.DatetimeIndex, centre_day: float, width_days: float) -> np.ndarray:
    """A bell of height 1 around a day of year, wrapping over New Year."""
    distance = (_day_of_year(stamps) - centre_day + _YEAR_DAYS / 2) % _YEAR_DAYS - _YEAR_DAYS / 2
    return np.exp(-0.5 * (distance / width_days) ** 2)


def monsoon(stamps: pd.DatetimeIndex) -> np.ndarray:
    """North-east monsoon rain: rises in mid-November, peaks mid-December, gone by late January."""
    return _bump(stamps, centre_day=348, width_days=22)


def rainy(stamps: pd.DatetimeIndex) -> np.ndarray:
    """South-west monsoon showers, June to October: the mosquito and dengue season."""
    return _bump(stamps, centre_day=225, width_days=48)


def haze(stamps: pd.DatetimeIndex) -> np.ndarray:
    """Transboundary haze from Sumatra on the south-west monsoon, August to October."""
    return _bump(stamps, centre_day=262, width_days=26)


def dry(stamps: pd.DatetimeIndex) -> np.ndarray:
    """The short dry spell, February to April: low river, more fires."""
    return _bump(stamps, centre_day=85, width_days=30)


def first_saturday_of_march(year: int) -> date:
    """Day one of the ASEAN Javanese bird-singing contest (first weekend of March)."""
    first = date(year, 3, 1)
    return first + timedelta(days=(5 - first.weekday()) % 7)


def festival_days(year: int) -> list[tuple[date, int]]:
    """(first day, length in days) of the festivals that fill the city in `year`."""
    festivals = [
        (date(year, 1, 1), 2),  # New Year lights at the clock tower
        (first_saturday_of_march(year), 2),  # มหกรรมแข่งขันนกเขาชวาเสียงอาเซียน
        (date(year, 5, 25), 11),  # งานสมโภชหลักเมืองและงานกาชาด, 25 May – 4 Jun
        (date(year, 10, 8), 3),  # ชักพระ / ชุมนุมเรือพระ
        (date(year, 12, 28), 4),
    ]
    if year in HARI_RAYA:
        festivals.append((HARI_RAYA[year] - timedelta(days=1), 3))
    return festivals


def festival(stamps: pd.DatetimeIndex) -> np.ndarray:
    """1 on festival days, 0.5 the day after (clean-up), else 0."""
    days = stamps.normalize()
    weight = np.zeros(len(days))
    for year in sorted(set(days.year)):
        for first, length in festival_days(year):
            start = pd.Timestamp(first)
            end = start + pd.Timedelta(days=length)
            weight[(days >= start) & (days < end)] = 1.0
            after = days == end
            weight[after] = np.maximum(weight[after], 0.5)
    return weight
