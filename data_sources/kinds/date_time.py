"""DateTime: a moment (naive, city local time); a date alone reads as midnight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from data_sources.kinds.moments import Moment
from data_sources.values.dates import DAYS_AHEAD, EARLIEST


@dataclass(frozen=True)
class DateTime(Moment):
    """A date and time ("21/11/2567 09.30 น.", an Excel date-time), in city time."""

    earliest: date = EARLIEST
    days_ahead: int = DAYS_AHEAD["datetime"]

    moment_level = "datetime"
    export_pattern = "%Y-%m-%d %H:%M:%S"

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.DateTime()

    def describe(self) -> tuple[str, str]:
        return "วันที่และเวลา เช่น 21/11/2567 09.30 น.", "date and time, e.g. 21/11/2567 09.30 น."

    @property
    def export_format(self) -> tuple[str, str]:
        return "วันเวลา ค.ศ. แบบ YYYY-MM-DD HH:MM:SS (เวลาประเทศไทย)", "date and time, YYYY-MM-DD HH:MM:SS (Thai time)"
