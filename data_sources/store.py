"""The versioned store: load current rows, commit an upload as one version, roll back, report status.

Every accepted change is one transaction and one new dataset version. Writers of one dataset are
serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: a row lock on the dataset's head), so
concurrent ingests neither corrupt nor lose data.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources import frames
from data_sources.adapters import DATASETS, dataset
from data_sources.db import (
    DATASET_TABLES,
    ROW_ID,
    VALID_FROM,
    VALID_TO,
    connect,
    dataset_heads,
    dataset_versions,
    uploads,
)
from data_sources.errors import VersionNotFound
from data_sources.personal_numbers import free_text_columns, mask_personal_numbers
from data_sources.schema import Dataset

# ---------------------------------------------------------------- reading


_cache: dict[tuple[str, str, int], pd.DataFrame] = {}
_arrival_cache: dict[tuple[str, str, int], pd.Series] = {}
_public_cache: dict[tuple[str, str, int], pd.DataFrame] = {}  # the same rows as public_rows gives them
_cache_lock = threading.Lock()
ARRIVED_AT = "arrived_at"


def versions(engine: sa.Engine) -> dict[str, int]:
    """The current version of every dataset: the cache key for anything computed from them."""
    with engine.connect() as connection:
        rows = connection.execute(sa.select(dataset_heads.c.dataset, dataset_heads.c.version))
        return {name: int(version) for name, version in rows}


def load(engine: sa.Engine, key: str, *, include_personal: bool = True, with_arrival: bool = False) -> pd.DataFrame:
    """The current rows of dataset `key` as a typed frame (a fresh copy, safe to modify).

    Cached by (database, dataset, version): a new upload is seen at once, a repeat read is free.
    `include_personal=False` gives `public_rows`: no personal column, numbers in free text masked.
    `with_arrival=True` adds `arrived_at`: when each row reached the platform (the time of the
    version that brought it), which is when it could first be seen, for instance to warn of a
    rising river.
    """
    declared = dataset(key)
    with engine.connect() as connection:
        version = connection.scalar(sa.select(dataset_heads.c.version).where(dataset_heads.c.dataset == key)) or 0
        cache_key = (str(engine.url), key, int(version))
        cached = _cached(_cache, cache_key, lambda: _read_live(connection, declared))
        arrival = _cached(_arrival_cache, cache_key, lambda: _read_arrival(connection, key)) if with_arrival else None
    if include_personal:
        frame = cached.copy()
    else:
        frame = _cached(_public_cache, cache_key, lambda: public_rows(cached, declared)).copy()
    if arrival is not None:
        frame[ARRIVED_AT] = arrival.to_numpy()
    return frame


def public_rows(frame: pd.DataFrame, declared: Dataset) -> pd.DataFrame:
    """`frame` as every public reader gets it: personal columns dropped, and phone and ID numbers
    masked in the free text left (a facility address a clerk typed a mobile number into)."""
    public = frame.drop(columns=list(declared.personal_columns))
    for key in free_text_columns(declared):
        public[key] = public[key].map(mask_personal_numbers, na_action="ignore").astype(public[key].dtype)
    return public


def _cached(cache: dict[tuple[str, str, int], Any], cache_key: tuple[str, str, int], read: Any) -> Any:
    """The entry for this dataset version, read once; older versions of the dataset are dropped."""
    found = cache.get(cache_key)
    if found is None:
        found = read()
        with _cache_lock:
            for stale in [k for k in cache if k[:2] == cache_key[:2]]:
                del cache[stale]
            cache[cache_key] = found
    return found


def _read_arrival(connection: sa.Connection, key: str) -> pd.Series:
    # Row for row in `_read_live`'s order (by row id), so the two line up.
    table = DATASET_TABLES[key]
    query = (
        sa.select(dataset_versions.c.created_at)
        .select_from(table.join(dataset_versions, sa.and_(
            dataset_versions.c.dataset == key, dataset_versions.c.version == table.c[VALID_FROM])))
        .where(table.c[VALID_TO].is_(None))
        .order_by(table.c[ROW_ID])
    )  # fmt: skip
    return pd.Series(pd.to_datetime(list(connection.scalars(query))), dtype="datetime64[us]")


def _read_live(connection: sa.Connection, declared: Dataset) -> pd.DataFrame:
    # Plain driver SQL: SQLAlchemy's per-value result processing costs more than the query.
    names = ", ".join(c.key for c in declared.columns)
    table = DATASET_TABLES[declared.key].name
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(f"SELECT {names} FROM {table} WHERE {VALID_TO} IS NULL ORDER BY {ROW_ID}")
        return frames.from_rows(cursor.fetchall(), declared)
    finally:
        cursor.close()


_hashes: dict[tuple[str, str, int], str] = {}


def clear_caches() -> None:
    """Forget every cached frame and hash (after the demo city is removed)."""
    with _cache_lock:
        _cache.clear()
        _arrival_cache.clear()
        _public_cache.clear()
        _hashes.clear()


def content_hash(frame: pd.DataFrame, declared: Dataset) -> str:
    """sha256 of the rows' values in key order; independent of storage order and row ids."""
    ordered = frame.sort_values(list(declared.primary_key), kind="stable").reset_index(drop=True)
    hashed = pd.util.hash_pandas_object(ordered, index=False)
    return hashlib.sha256(np.ascontiguousarray(hashed.to_numpy()).tobytes()).hexdigest()


def _version_hash(engine: sa.Engine, key: str, version: int) -> str:
    cache_key = (str(engine.url), key, version)
    if cache_key not in _hashes:
        _hashes[cache_key] = content_hash(load(engine, key), dataset(key))
    return _hashes[cache_key]


def upload_counts(engine: sa.Engine) -> dict[str, int]:
    """How many uploads were accepted and rejected, ever: {"accepted": n, "rejected": m}."""
    with engine.connect() as connection:
        query = sa.select(uploads.c.status, sa.func.count()).group_by(uploads.c.status)
        counted = dict(connection.execute(query).all())
    return {status: int(counted.get(status, 0)) for status in ("accepted", "rejected")}


def status(engine: sa.Engine) -> dict[str, Any]:
    """The `status --json` document: rows, version, last accepted upload and content hash per dataset."""
    heads = versions(engine)
    with engine.connect() as connection:
        last = dict(
            connection.execute(
                sa.select(uploads.c.dataset, sa.func.max(uploads.c.uploaded_at))
                .where(uploads.c.status == "accepted")
                .group_by(uploads.c.dataset)
            ).all()
        )
        live_rows = {
            key: int(
                connection.scalar(sa.select(sa.func.count()).select_from(table).where(table.c[VALID_TO].is_(None))) or 0
            )
            for key, table in DATASET_TABLES.items()
        }
    document = {}
    for key in DATASETS:
        version = heads.get(key, 0)
        accepted = last.get(key)
        document[key] = {
            "rows": live_rows.get(key, 0),
            "version": version,
            "last_accepted_upload": accepted.isoformat(timespec="seconds") if accepted else None,
            "content_hash": _version_hash(engine, key, version),
        }
    return {"datasets": document}


# The write side lives in writes.py; callers import everything from here.
from data_sources.writes import (  # noqa: E402
    CommitResult,
    UploadedFile,
    append_rows,
    commit,
    record_rejected,
    rollback,
    rollback_preview,
    upload_content,
    upload_history,
    version_history,
)

__all__ = [
    "CommitResult",
    "UploadedFile",
    "VersionNotFound",
    "append_rows",
    "commit",
    "connect",
    "content_hash",
    "load",
    "record_rejected",
    "rollback",
    "rollback_preview",
    "status",
    "upload_content",
    "upload_counts",
    "upload_history",
    "version_history",
    "versions",
]
