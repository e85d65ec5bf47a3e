"""Formatting for people: Buddhist-era dates and Thai month names in Thai mode, separators always.

Plain Python (no Streamlit), so pages, exports and tests share one set of rules.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from data_sources.thai_calendar import date_label, month_label

NO_VALUE = "—"  # what a table shows for a missing value (Streamlit would print "None")


def _as_datetime(value: object) -> datetime | None:
    # NaT is an instance of datetime, so it must be caught before the isinstance checks below:
    # an open ticket's empty "resolved" cell arrives as NaT.
    if value is None or value is pd.NaT or (not isinstance(value, date | datetime) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return pd.Timestamp(value).to_pydatetime()
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def format_date(value: object, lang: str, *, with_time: bool = False) -> str:
    """A date as people read it: "23 พ.ย. 2569" in Thai (Buddhist era), "23 Nov 2026" in English.

    >>> format_date(date(2026, 11, 23), "th")
    '23 พ.ย. 2569'
    >>> format_date(datetime(2026, 11, 23, 9, 30), "en", with_time=True)
    '23 Nov 2026 09:30'
    """
    moment = _as_datetime(value)
    return "—" if moment is None else date_label(moment, lang, with_time=with_time)


def format_month(value: object, lang: str) -> str:
    """ "พ.ย. 2569" / "Nov 2026"."""
    moment = _as_datetime(value)
    return "—" if moment is None else month_label(moment, lang)


def format_number(value: object, *, decimals: int = 0) -> str:
    """Thousands separators in both languages; "—" for no data (never 0).

    >>> format_number(60617), format_number(None), format_number(0.8567, decimals=2)
    ('60,617', '—', '0.86')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "—"
    return f"{float(value):,.{decimals}f}"


def format_percent(value: object, *, decimals: int = 1) -> str:
    """A share (0.853) as "85.3%"."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "—"
    return f"{float(value) * 100:,.{decimals}f}%"
