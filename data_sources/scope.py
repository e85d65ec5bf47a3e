"""Which live rows a change plan reads: a WHERE clause, so that a 1,000-row upload into a dataset of
80,000 rows reads the rows it may touch instead of all of them.

The clause only narrows what is read; `changes` still decides row by row what the file adds,
updates, leaves or removes. So it must keep every row a rule there may pick: each row whose key
is in the file, and, where periods count (replaced periods, a dataset keyed by its period, weekly
and monthly reports of one month), every row of each month the file's period column touches.
Whole months, never single days, so a rule about a month always sees all of it.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources.schema import Dataset

# Beyond this many rows a file touches most of a dataset anyway: read it whole, as a list of
# that many keys would cost more than it saves.
KEY_LIST_LIMIT = 5_000


def candidates(table: sa.Table, declared: Dataset, incoming: pd.DataFrame, *, replace: bool) -> list[sa.ColumnElement]:
    """Conditions every live row the plan may need satisfies; [] means read them all.

    `replace`: the file becomes the whole dataset, so every live row is in scope.
    """
    if replace or incoming.empty:
        return []
    period = declared.period_column
    keyed_by_period = period is not None and period in declared.primary_key
    parts = []
    if period is not None and (keyed_by_period or declared.upload_mode == "replace_period"):
        months = months_touched(table.c[period], incoming[period], declared)
        if months is None:
            return []
        parts.append(months)
    if not keyed_by_period:
        keys = _keys_in_file(table, declared, incoming)
        if keys is None:
            return []
        parts.append(keys)
    return [sa.or_(*parts)]


def months_touched(column: sa.Column, values: pd.Series, declared: Dataset) -> sa.ColumnElement | None:
    """From the first day of the file's first month to the first day after its last month."""
    if values.isna().any():
        return None
    level = declared.column(column.key).kind.moment_level
    if level is None:
        if not pd.api.types.is_integer_dtype(values):
            return None
        return column.between(int(values.min()), int(values.max()))
    months = values.to_numpy(dtype="datetime64[us]").astype("datetime64[M]")
    first, after = months.min(), months.max() + np.timedelta64(1, "M")
    return sa.and_(column >= _bound(first, level), column < _bound(after, level))


def _bound(month: np.datetime64, level: str) -> date | datetime:
    day = month.astype("datetime64[D]").item()
    return datetime.combine(day, datetime.min.time()) if level == "datetime" else day


def _keys_in_file(table: sa.Table, declared: Dataset, incoming: pd.DataFrame) -> sa.ColumnElement | None:
    keys = list(declared.primary_key)
    if len(incoming) > KEY_LIST_LIMIT or any(declared.column(k).kind.moment_level for k in keys):
        return None  # date keys compare as stored text on SQLite: not worth the risk, read all
    frame = incoming[keys]
    if frame.isna().any(axis=None):
        return None
    distinct = frame.drop_duplicates()
    if len(keys) == 1:
        return table.c[keys[0]].in_([_plain(v) for v in distinct[keys[0]]])
    rows = [tuple(_plain(v) for v in row) for row in distinct.itertuples(index=False, name=None)]
    return sa.tuple_(*(table.c[k] for k in keys)).in_(rows)


def _plain(value: object) -> object:
    """A Python value the database driver binds (numpy and pandas scalars are not all bindable)."""
    return value.item() if isinstance(value, np.generic) else value
