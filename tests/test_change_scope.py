"""A change plan reads only the live rows it may touch (`scope`), and plans exactly what reading
every live row would have planned: for every dataset, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from data_sources import frames, scope, store, writes
from data_sources.adapters import DATASETS, dataset
from data_sources.changes import plan_change
from data_sources.db import DATASET_TABLES
from data_sources.demo import generate

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    return generate(seed=11, scale=0.2, today=TODAY)


def _one_month(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows of one month in the middle of the dataset (all rows if it has no dated period)."""
    column = dataset(key).period_column
    if column is None or not pd.api.types.is_datetime64_any_dtype(frame[column]):
        return frame
    months = frame[column].to_numpy(dtype="datetime64[M]")
    return frame[months == np.sort(months)[len(months) // 2]]


def _edited(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """Every third row with one figure (or, failing that, one text) changed."""
    declared = dataset(key)
    others = [c for c in declared.columns if c.key not in declared.primary_key]
    target = next((c for c in others if c.kind.dtype in ("Int64", "float64")), None) or others[0]
    edited = rows.copy()
    picked = edited.index[::3]
    if target.kind.dtype in ("Int64", "float64"):
        edited.loc[picked, target.key] = edited.loc[picked, target.key].fillna(0) + 1
    else:
        edited.loc[picked, target.key] = "แก้ไขแล้ว"
    return edited


def _plan(engine, key: str, incoming: pd.DataFrame) -> tuple:  # type: ignore[no-untyped-def]
    declared = dataset(key)
    incoming = frames.coerce(incoming, declared).reset_index(drop=True)
    with engine.connect() as connection:
        plan = plan_change(connection, declared, incoming, "append")
    return plan.summary(), sorted(plan.close_ids), plan.insert_positions.tolist()


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_a_narrowed_read_plans_what_a_full_read_plans(
    key: str, city: dict[str, pd.DataFrame], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = city[key].reset_index(drop=True)
    month = _one_month(frame, key)
    held_back = month.index[1::5]  # rows the file adds
    dropped = month.index[2::7]  # rows the file leaves out (removed where periods are replaced)
    engine = store.connect(db_url)
    writes.commit(engine, key, frame.drop(index=held_back), mode="replace", user="test")
    incoming = _edited(month.drop(index=dropped), key)
    declared = dataset(key)
    assert scope.candidates(DATASET_TABLES[key], declared, incoming, replace=False), "the read is not narrowed"
    narrowed = _plan(engine, key, incoming)
    monkeypatch.setattr(scope, "candidates", lambda *_args, **_kwargs: [])
    assert narrowed == _plan(engine, key, incoming)
    summary = narrowed[0]
    assert summary["added"] == len(held_back.difference(dropped))
    assert summary["updated"] > 0 or summary["added"] > 0
    engine.dispose()
