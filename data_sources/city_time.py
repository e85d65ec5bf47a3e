"""City time, the one home of "now": Yala keeps Asia/Bangkok (UTC+7) whatever the server clock says.

Every "now", "today" and timestamp the app shows or stores is city wall-clock time, kept naive
(no tzinfo) in frames and tables, as the divisions' spreadsheets write it. Servers often run on
UTC, so nothing calls `datetime.now()` or `date.today()` directly: they ask this module.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

CITY_ZONE = ZoneInfo("Asia/Bangkok")


def now() -> datetime:
    """The city's wall clock now, naive, to the second."""
    return datetime.now(CITY_ZONE).replace(tzinfo=None, microsecond=0)


def today() -> date:
    """The city's date today (after 17:00 UTC it is already tomorrow in Yala)."""
    return datetime.now(CITY_ZONE).date()


def as_city_time(moment: datetime) -> datetime:
    """A moment as naive city wall-clock time; an aware moment is converted, a naive one is kept.

    >>> from datetime import timezone
    >>> as_city_time(datetime(2026, 12, 3, 17, 30, tzinfo=timezone.utc))
    datetime.datetime(2026, 12, 4, 0, 30)
    """
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(CITY_ZONE).replace(tzinfo=None)
