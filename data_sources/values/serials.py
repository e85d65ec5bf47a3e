"""Excel date serial numbers (1900 date system), one at a time or a whole column at once.

Excel counts days from 1900-01-01 = 1 and, copying Lotus 1-2-3, believes 1900 was a leap year:
serial 60 is the non-existent 29 February 1900, and every serial from 61 on is one day ahead of a
plain count. Fractions are the time of day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from data_sources.values.problems import UnreadableCell

_EPOCH = datetime(1899, 12, 30)  # serial 0 for serials from 61 on
_LEAP_BUG_SERIAL = 60
_LAST_SERIAL = 2958466  # 10000-01-01: Excel's calendar ends the day before
_SECONDS_PER_DAY = 86400


def serial_to_datetime(serial: float) -> datetime:
    """The moment an Excel serial names, to the second. Raises `UnreadableCell` if it names none.

    >>> serial_to_datetime(44886)
    datetime.datetime(2022, 11, 21, 0, 0)
    >>> serial_to_datetime(44886.395833333336)
    datetime.datetime(2022, 11, 21, 9, 30)
    """
    if not 1 <= serial < _LAST_SERIAL:
        raise UnreadableCell("not-a-date")
    if _LEAP_BUG_SERIAL <= serial < _LEAP_BUG_SERIAL + 1:
        raise UnreadableCell("impossible-date")
    shift = 1 if serial < _LEAP_BUG_SERIAL else 0
    return _EPOCH + timedelta(seconds=round((serial + shift) * _SECONDS_PER_DAY))


def serials_to_datetimes(serials: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised `serial_to_datetime`: (datetime64[s] values, not-a-date mask, impossible-date mask).

    Values under either mask are NaT.
    """
    with np.errstate(invalid="ignore"):
        outside = ~((serials >= 1) & (serials < _LAST_SERIAL))
        leap_bug = (serials >= _LEAP_BUG_SERIAL) & (serials < _LEAP_BUG_SERIAL + 1)
    usable = ~(outside | leap_bug)
    shifted = np.where(usable & (serials < _LEAP_BUG_SERIAL), serials + 1, serials)
    seconds = np.rint(np.where(usable, shifted, 0) * _SECONDS_PER_DAY).astype(np.int64)
    moments = np.datetime64(_EPOCH, "s") + seconds.astype("timedelta64[s]")
    moments[~usable] = np.datetime64("NaT")
    return moments, outside & ~np.isnan(serials), leap_bug
