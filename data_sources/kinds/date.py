"""Date: a calendar day; Buddhist-era years are converted (thai_calendar)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from data_sources.kinds.moments import Moment
from data_sources.values.dates import DAYS_AHEAD, EARLIEST


@dataclass(frozen=True)
class Date(Moment):
    """A calendar day ("21/11/2567", "21 พ.ย. 67", an Excel date or serial)."""

    earliest: date = EARLIEST
    days_ahead: int = DAYS_AHEAD["date"]  # how far past today a date may lie before it is an error
    month_alone: bool = False  # "พฤศจิกายน 2569" is 1 Nov 2569: the day a month's period starts

    moment_level = "date"
    export_pattern = "%Y-%m-%d"

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Date()

    def describe(self) -> tuple[str, str]:
        return "วันที่ เช่น 21/11/2567 หรือ 21 พ.ย. 67", "date, e.g. 21/11/2567 or 21 พ.ย. 67"

    @property
    def export_format(self) -> tuple[str, str]:
        return "วันที่ ค.ศ. แบบ YYYY-MM-DD", "date, YYYY-MM-DD"
