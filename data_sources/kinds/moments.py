"""The date family: Date, DateTime and Month share how a moment is read, bounded and stored.

Each reads Buddhist-era or Christian-era text, Excel date cells and Excel serial numbers at its
`moment_level` (midnight for a date, the first of the month for a month), and refuses a value
outside [earliest, today + days_ahead].
"""

from __future__ import annotations

from datetime import date
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_sources.kinds.base import TEXT_FORMAT, ColumnType, Level, TemplateCell
from data_sources.values.cells import MOMENT, NUMBER, OTHER, STRING, Collector, object_array, one_by_one
from data_sources.values.dates import date_window, read_moment
from data_sources.values.fast_paths import plain_moments
from data_sources.values.moment_columns import buddhist_era_cells, serial_moments, typed_moments

_NAT = np.datetime64("NaT", "us")
_FLOOR_UNIT = {"date": "datetime64[D]", "month": "datetime64[M]"}


def _datetimes(values: list[object]) -> np.ndarray:
    return pd.to_datetime(object_array(values)).to_numpy().astype("datetime64[us]")


class Moment(ColumnType):
    """A moment at `moment_level`, no earlier than `earliest`, at most `days_ahead` past today."""

    earliest: date
    days_ahead: int
    moment_level: Level
    export_pattern: str  # strftime pattern of an open-data value
    month_alone: bool = False  # a month without a day is its first day (`dates.read_moment`)

    dtype = "datetime64[us]"

    def window(self, today: date) -> tuple[date, date]:
        """The earliest and latest day a value may fall on (for a month: its first day)."""
        return date_window(self.moment_level, self.earliest, self.days_ahead, today)

    def read(self, collector: Collector, *, today: date) -> pd.Series:
        level = self.moment_level
        read_all = one_by_one(partial(read_moment, level=level, month_alone=self.month_alone))
        values = np.full(len(collector.raw), _NAT)
        numbers = collector.positions(NUMBER)
        values[numbers] = serial_moments(collector, numbers, level)
        moments = collector.positions(MOMENT)
        values[moments] = typed_moments(collector, moments, read_all, _datetimes)
        buddhist_era_cells(collector, values, np.concatenate([numbers, moments]))
        strings = collector.positions(STRING)
        values[strings] = collector.parse_unique(strings, read_all, _datetimes, plain_moments)
        others = collector.positions(OTHER)
        values[others] = collector.parse_each(others, read_all, _datetimes)
        if level in _FLOOR_UNIT:
            values = values.astype(_FLOOR_UNIT[level]).astype("datetime64[us]")
        earliest, latest = self.window(today)
        days = values.astype("datetime64[D]")
        outside = ~np.isnat(values) & ((days < np.datetime64(earliest)) | (days > np.datetime64(latest)))
        slots = {"earliest": earliest, "latest": latest}  # dates: each message shows them in its language
        collector.report_mask(np.arange(len(values)), outside, "date-out-of-range", slots)
        values[outside] = _NAT
        return pd.Series(values)

    def coerce(self, values: pd.Series) -> pd.Series:
        text = values.dtype == object or pd.api.types.is_string_dtype(values)
        converted = (pd.to_datetime(values, format="ISO8601") if text else pd.to_datetime(values)).astype(self.dtype)
        return converted if self.moment_level == "datetime" else converted.dt.normalize()

    def sqlite_values(self, values: pd.Series) -> list[object]:
        # ISO text in SQLAlchemy's own SQLite storage format, so both read paths agree.
        array = values.to_numpy(dtype="datetime64[us]")
        timed = self.moment_level == "datetime"
        text = np.datetime_as_string(array, unit="us" if timed else "D")
        out = (np.strings.replace(text, "T", " ") if timed else text).astype(object)
        out[np.isnat(array)] = None
        return out.tolist()

    def copy_text(self, values: pd.Series) -> pa.Array:
        array = pa.array(values, from_pandas=True)
        if self.moment_level != "datetime":
            array = pc.cast(array, pa.date32())
        return pc.cast(array, pa.large_string())

    def template_cell(self) -> TemplateCell:
        # Text format: Excel would turn 21/11/2567 into a real date of the year 2567 CE.
        return TemplateCell(TEXT_FORMAT)

    def export(self, values: pd.Series) -> pd.Series:
        return values.dt.strftime(self.export_pattern).astype("string")
