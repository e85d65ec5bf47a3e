"""Values as people read them in messages: Buddhist-era months and dates, list labels, plain numbers.

Messages never show stored forms such as `date=2026-11-01 00:00:00` or a list key: they show
"1 พ.ย. 2569" and "ภาษีอากร" in Thai, "1 Nov 2026" and "Local taxes" in English.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from data_sources.schema import Column
from data_sources.thai_calendar import date_label, month_label


def is_blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def month_text(month: str, lang: str) -> str:
    """ "2026-11" (a change plan's period) → "พ.ย. 2569" / "Nov 2026"; a year or "—" as it is.

    >>> month_text("2026-11", "th"), month_text("2026-11", "en"), month_text("2569", "th")
    ('พ.ย. 2569', 'Nov 2026', '2569')
    """
    if len(month) == 7 and month[4] == "-" and month[:4].isdigit() and month[5:].isdigit():
        return month_label(date(int(month[:4]), int(month[5:]), 1), lang)
    return month


def value_text(column: Column, value: object, lang: str) -> str:
    """One stored value of `column` as people read it.

    >>> from data_sources.adapters import dataset
    >>> waste = dataset("waste")
    >>> value_text(waste.column("date"), pd.Timestamp("2026-11-01"), "th"), value_text(waste.column("tons_collected"), 2.5, "en")
    ('1 พ.ย. 2569', '2.5')
    """
    if is_blank(value):
        return "—"
    level = column.kind.moment_level
    if level is not None and isinstance(value, date | datetime):
        stamp = pd.Timestamp(value)
        if level == "month":
            return month_label(stamp, lang)
        return date_label(stamp.to_pydatetime(), lang, with_time=level == "datetime")
    for option in column.kind.options or ():
        if option.key == value:
            return option.label_th if lang == "th" else option.label_en
    if isinstance(value, float | np.floating):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int | np.integer):
        return f"{value:,}"
    return str(value)
