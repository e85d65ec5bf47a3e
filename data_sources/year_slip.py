"""A year typed one too low ("พ.ย. 68" for November 2569): a warning before confirm, kept with the upload.

The rule, defined here once: a file whose every month is already loaded, lies a year before a
month that is not loaded yet, and is no later than this month a year on, rewrites last year's
figures when the clerk most likely meant this year's. Every row would be an update of a
closed month, so no removal hold or plausibility check sees it (the values look like any other
month's). It is a warning, not a block: a correction of last year is real work too; the old
rows stay in their version either way.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from data_sources import city_time, scope
from data_sources.adapters import dataset
from data_sources.db import DATASET_TABLES, VALID_TO
from data_sources.labels import month_text
from data_sources.report import Issue, make_issue


def warnings(engine: sa.Engine, key: str, frame: pd.DataFrame, *, today: date | None = None) -> list[Issue]:
    """One warning when `frame` (typed rows of dataset `key`) looks like this year's months typed
    as last year's (see the module's rule)."""
    declared = dataset(key)
    column = declared.period_column
    if column is None or column not in frame or declared.column(column).kind.moment_level is None:
        return []
    stamps = frame[column].dropna()
    if stamps.empty:
        return []
    months = sorted(set(pd.to_datetime(stamps).dt.to_period("M")))
    table = DATASET_TABLES[key]
    with engine.connect() as connection:
        newest = connection.execute(sa.select(sa.func.max(table.c[column])).where(table.c[VALID_TO].is_(None))).scalar()
        if newest is None:
            return []
        newest_month = pd.Timestamp(newest).to_period("M")
        this_month = pd.Timestamp(today or city_time.today()).to_period("M")
        meant = [m + 12 for m in months]
        if not all(m <= newest_month < n <= this_month for m, n in zip(months, meant, strict=True)):
            return []
        touched = scope.months_touched(table.c[column], stamps, declared)
        live = connection.execute(
            sa.select(sa.func.count()).select_from(table).where(table.c[VALID_TO].is_(None), touched)
        ).scalar()
    if not live:
        return []
    slots = {f"{name}_{lang}": ", ".join(month_text(str(m), lang) for m in chosen)
             for name, chosen in (("months", months), ("meant", meant)) for lang in ("th", "en")}  # fmt: skip
    slots |= {f"newest_{lang}": month_text(str(newest_month), lang) for lang in ("th", "en")}
    return [make_issue("year-slip", "warning", value=f"{live:,}", **slots)]
