"""Planning a change: what committing a frame would add, update and remove, before any write."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources import frames, scope
from data_sources.db import DATASET_TABLES, ROW_ID, VALID_TO
from data_sources.schema import Dataset

Mode = Literal["append", "replace"]


@dataclass
class ChangePlan:
    """What committing a frame would do, worked out before anything is written."""

    dataset: str
    mode: Mode
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    by_period: list[dict[str, Any]] = field(default_factory=list)
    # row ids of live rows to close, and the positions in the incoming frame to insert
    close_ids: list[int] = field(default_factory=list, repr=False)
    insert_positions: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64), repr=False)
    # the live rows the change would remove (typed), for the safeguards to say which periods lose them
    removed_rows: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def summary(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "by_period": self.by_period,
        }


def plan_change(connection: sa.Connection, declared: Dataset, incoming: pd.DataFrame, mode: Mode) -> ChangePlan:
    """Compare `incoming` with the live rows it would touch.

    append: upsert-by-key datasets update matching keys and add the rest; replace-period
    datasets also remove live rows of the span the file covers (`in_covered_span`) that the file
    no longer has.
    replace: the file becomes the whole dataset.
    """
    plan = ChangePlan(dataset=declared.key, mode=mode)
    table = DATASET_TABLES[declared.key]
    live = _live_in_scope(connection, table, declared, incoming, mode)
    if live.empty:
        plan.added = len(incoming)
        plan.insert_positions = np.arange(len(incoming))
        plan.by_period = _by_period(incoming, declared, np.ones(len(incoming), bool), None, None)
        return plan
    keys = list(declared.primary_key)
    incoming_positions = pd.Series(np.arange(len(incoming)), index=pd.MultiIndex.from_frame(_key_frame(incoming, keys)))
    live_index = pd.MultiIndex.from_frame(_key_frame(live, keys))
    matched = live_index.isin(incoming_positions.index)
    removed_ids = live.loc[~matched, ROW_ID].astype("int64").tolist()
    positions_of_live = incoming_positions.reindex(live_index[matched]).to_numpy()
    same = _rows_equal(live.loc[matched, [c.key for c in declared.columns]], incoming.iloc[positions_of_live], declared)
    changed_ids = live.loc[matched, ROW_ID].to_numpy()[~same].astype("int64").tolist()
    is_new = ~incoming_positions.index.isin(live_index)
    changed_positions = positions_of_live[~same]
    plan.added = int(is_new.sum())
    plan.updated = len(changed_ids)
    plan.unchanged = int(same.sum())
    plan.removed = len(removed_ids)
    plan.removed_rows = live.loc[~matched]
    plan.close_ids = removed_ids + changed_ids
    plan.insert_positions = np.sort(np.concatenate([np.flatnonzero(is_new), changed_positions]).astype(np.int64))
    updated_mask = np.zeros(len(incoming), bool)
    updated_mask[changed_positions] = True
    plan.by_period = _by_period(incoming, declared, is_new, updated_mask, live.loc[~matched])
    return plan


def _key_frame(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    # Keys compare as text so that Int64, dates and strings from the DB and the file agree.
    return pd.DataFrame({k: frame[k].astype("string").fillna("") for k in keys})


def _rows_equal(live: pd.DataFrame, incoming: pd.DataFrame, declared: Dataset) -> np.ndarray:
    equal = np.ones(len(live), bool)
    for column in declared.columns:
        left = live[column.key].reset_index(drop=True)
        right = incoming[column.key].reset_index(drop=True)
        if pd.api.types.is_float_dtype(left):
            both_nan = left.isna().to_numpy() & right.isna().to_numpy()
            close = np.isclose(left.to_numpy(), right.to_numpy(), rtol=0, atol=1e-9)
            equal &= both_nan | close
        else:
            equal &= (left.astype("string").fillna("\x00") == right.astype("string").fillna("\x00")).to_numpy()
    return equal


def _live_in_scope(
    connection: sa.Connection, table: sa.Table, declared: Dataset, incoming: pd.DataFrame, mode: Mode
) -> pd.DataFrame:
    columns = [table.c[ROW_ID], *(table.c[c.key] for c in declared.columns)]
    # Read only rows the rules below may pick (scope.py); they still choose among them.
    narrowed = scope.candidates(table, declared, incoming, replace=mode == "replace")
    query = sa.select(*columns).where(table.c[VALID_TO].is_(None), *narrowed)
    rows = connection.execute(query).all()
    if not rows:
        return pd.DataFrame()
    live = frames.from_rows([r[1:] for r in rows], declared)
    live.insert(0, ROW_ID, [r[0] for r in rows])
    if mode == "replace":
        return live
    if declared.upload_mode == "replace_period" and declared.period_column:
        in_period = in_covered_span(live[declared.period_column], incoming[declared.period_column])
        in_file = pd.MultiIndex.from_frame(_key_frame(live, list(declared.primary_key))).isin(
            pd.MultiIndex.from_frame(_key_frame(incoming, list(declared.primary_key)))
        )
        return live[in_period | in_file]
    in_file = pd.MultiIndex.from_frame(_key_frame(live, list(declared.primary_key))).isin(
        pd.MultiIndex.from_frame(_key_frame(incoming, list(declared.primary_key)))
    )
    return live[in_file]


def in_covered_span(live: pd.Series, incoming: pd.Series) -> np.ndarray:
    """Which live rows lie in what the file covers, and so are replaced by it: in each month the
    file touches, from its first to its last date there. A weekly file replaces its week and keeps
    the rest of the month; a file of a whole month replaces the month. Month values (no days)
    cover their month.

    >>> live = pd.Series(pd.to_datetime(["2026-11-01", "2026-11-09", "2026-11-20", "2026-12-01"]))
    >>> in_covered_span(live, pd.Series(pd.to_datetime(["2026-11-08", "2026-11-14"]))).tolist()
    [False, True, False, False]
    """
    if not pd.api.types.is_datetime64_any_dtype(live) or not pd.api.types.is_datetime64_any_dtype(incoming):
        return month_keys(live).isin(set(month_keys(incoming).dropna())).to_numpy()
    dates = incoming.dropna()
    span = dates.groupby(month_keys(dates).to_numpy()).agg(["min", "max"])
    months = month_keys(live)
    first, last = months.map(span["min"]), months.map(span["max"])
    return ((live >= first) & (live <= last)).fillna(False).to_numpy(dtype=bool)


def month_keys(values: pd.Series) -> pd.Series:
    """ "2024-10" for each date; vectorised, strftime costs a Python call per row."""
    if pd.api.types.is_datetime64_any_dtype(values):
        months = values.to_numpy(dtype="datetime64[us]").astype("datetime64[M]")
        text = pd.Series(np.datetime_as_string(months), index=values.index, dtype="string")
        return text.mask(values.isna())
    return values.astype("string")


def _by_period(
    incoming: pd.DataFrame,
    declared: Dataset,
    added: np.ndarray,
    updated: np.ndarray | None,
    removed: pd.DataFrame | None,
) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, int]] = {}
    for name, frame, weights in (("added", incoming, added), ("updated", incoming, updated)):
        if weights is not None:
            _count_by_period(counts, name, frame, declared, weights.astype(np.int64))
    if removed is not None and len(removed):
        _count_by_period(counts, "removed", removed, declared, np.ones(len(removed), np.int64))
    blank = {"added": 0, "updated": 0, "removed": 0}
    return [{"period": period, **{**blank, **counts[period]}} for period in sorted(counts)]


def _count_by_period(
    counts: dict[str, dict[str, int]], name: str, frame: pd.DataFrame, declared: Dataset, weights: np.ndarray
) -> None:
    # Label each distinct period once, not each row: 100,000 rows hold a few dozen months.
    codes, labels = pd.factorize(_period_values(frame, declared), use_na_sentinel=False)
    totals = np.bincount(codes, weights=weights, minlength=len(labels))
    for label, total in zip(labels, totals, strict=True):
        text = "—" if pd.isna(label) else str(label)  # a datetime64[M] reads "2024-10"
        counts.setdefault(text, {})[name] = counts.get(text, {}).get(name, 0) + int(total)


def _period_values(frame: pd.DataFrame, declared: Dataset) -> pd.Series | np.ndarray:
    column = declared.period_column
    if column is None or column not in frame:
        return np.full(len(frame), None, dtype=object)
    values = frame[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.to_numpy(dtype="datetime64[us]").astype("datetime64[M]")
    return values


def preview(engine: sa.Engine, key: str, incoming: pd.DataFrame, mode: Mode) -> dict[str, Any]:
    """What committing `incoming` would add, update and remove (per period), on a read connection.

    The upload page shows this before the staff member confirms; nothing is written or locked.
    """
    from data_sources.adapters import dataset

    declared = dataset(key)
    incoming = frames.coerce(incoming, declared).reset_index(drop=True)
    with engine.connect() as connection:
        return plan_change(connection, declared, incoming, mode).summary()
