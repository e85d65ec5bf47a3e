"""Month: a calendar month, stored as its first day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from data_sources.kinds.moments import Moment
from data_sources.values.dates import DAYS_AHEAD, EARLIEST


@dataclass(frozen=True)
class Month(Moment):
    """A month ("ต.ค. 67", "10/2567", "2024-10", or any date in it), stored as its first day."""

    earliest: date = EARLIEST
    days_ahead: int = DAYS_AHEAD["month"]

    moment_level = "month"
    export_pattern = "%Y-%m"

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Date()

    def describe(self) -> tuple[str, str]:
        return "เดือน เช่น ต.ค. 2567", "month, e.g. ต.ค. 2567"

    @property
    def export_format(self) -> tuple[str, str]:
        return "เดือน ค.ศ. แบบ YYYY-MM", "month, YYYY-MM"
