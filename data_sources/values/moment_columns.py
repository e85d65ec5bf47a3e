"""The fast paths of a date column: cells the reader already typed as numbers or datetimes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_sources.city_time import CITY_ZONE
from data_sources.thai_calendar import BE_OFFSET
from data_sources.values.cells import Batch, Collector, Packer
from data_sources.values.dates import Level
from data_sources.values.serials import serials_to_datetimes
from data_sources.values.text import cell_text


def serial_moments(collector: Collector, positions: np.ndarray, level: Level) -> np.ndarray:
    """Excel serial numbers as datetime64[us], with the same rules as `dates.read_moment`:
    1–12 in a month column has no year, a number like 2567 is a year, not a day."""
    serials = collector.raw[positions].astype(np.float64)
    whole = serials == np.floor(serials)
    no_year = whole & (serials >= 1) & (serials <= 12) if level == "month" else np.zeros(len(serials), bool)
    year_like = whole & (((serials >= 1900) & (serials <= 2200)) | ((serials > 2400) & (serials <= 2800)))
    moments, outside, leap_bug = serials_to_datetimes(serials)
    unreadable = (outside | year_like) & ~no_year
    collector.report_mask(positions, no_year, "ambiguous-year", {})
    collector.report_mask(positions, unreadable, "not-a-month" if level == "month" else "not-a-date", {})
    collector.report_mask(positions, leap_bug & ~no_year & ~year_like, "impossible-date", {})
    moments[no_year | year_like] = np.datetime64("NaT")
    return moments.astype("datetime64[us]")


def typed_moments(collector: Collector, positions: np.ndarray, read_all: Batch, to_array: Packer) -> np.ndarray:
    """Date and datetime cells as datetime64[us]; aware ones are converted to city time first."""
    try:
        index = pd.to_datetime(collector.raw[positions])
    except (TypeError, ValueError, OverflowError):  # mixed time zones or odd objects: one by one
        return collector.parse_each(positions, read_all, to_array)
    if index.tz is not None:
        index = index.tz_convert(CITY_ZONE).tz_localize(None)
    return index.to_numpy().astype("datetime64[us]")


def buddhist_era_cells(collector: Collector, values: np.ndarray, positions: np.ndarray) -> None:
    """Real Excel date cells whose year is Buddhist-era, read as such (thai_calendar.ce_of_be), in place.

    Excel keeps 21/11/2569 typed into a date cell as the year 2569; no date in a city report lies
    that far ahead, so such a year is BE. One warning for the column says so, with an example.
    A day that does not exist in the CE year (29 February 2568 BE is 2025) is "impossible-date".
    """
    if not len(positions):
        return
    picked = values[positions]
    years = picked.astype("datetime64[Y]").astype(np.int64) + 1970
    be = ~np.isnat(picked) & (years > 2400) & (years <= 2800)
    if not be.any():
        return
    moved = positions[be]
    old = values[moved]
    months = old.astype("datetime64[M]")
    into_month = old - months.astype(old.dtype)
    shifted = months - np.timedelta64(BE_OFFSET * 12, "M")
    length = (shifted + 1).astype("datetime64[D]") - shifted.astype("datetime64[D]")
    impossible = into_month >= length.astype(into_month.dtype)
    values[moved] = shifted.astype(values.dtype) + into_month
    values[moved[impossible]] = np.datetime64("NaT")
    collector.report_mask(moved, impossible, "impossible-date", {})
    first = int(np.flatnonzero(~impossible)[0]) if (~impossible).any() else None
    if first is not None:
        example = f"{cell_text(collector.raw[moved[first]])} → {np.datetime_as_string(values[moved[first]], unit='D')}"
        collector.note("buddhist-era-date-cells", "warning", count=f"{int((~impossible).sum()):,}", example=example)
