"""Typed dataset frames: the dtypes every layer agrees on, and their trip to and from SQL rows.

Each column's type (`data_sources.kinds`) owns its dtype and its SQL form: Text and Choice ->
pandas string; Integer -> Int64; Decimal -> float64; Date, Month and DateTime -> naive
datetime64 (dates at midnight, months on their first day).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_sources.schema import Column, Dataset


def dtype_of(column: Column) -> str:
    return column.kind.dtype


def empty_frame(dataset: Dataset) -> pd.DataFrame:
    return pd.DataFrame({c.key: pd.Series(dtype=dtype_of(c)) for c in dataset.columns})


def coerce(frame: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """`frame` with exactly the declared columns in order, each in its contract dtype."""
    columns = {}
    for column in dataset.columns:
        values = frame[column.key] if column.key in frame else pd.Series(pd.NA, index=frame.index)
        columns[column.key] = column.kind.coerce(values)
    return pd.DataFrame(columns, index=frame.index)


def to_sqlite_rows(frame: pd.DataFrame, dataset: Dataset, *, leading: tuple[object, ...] = ()) -> Iterator[tuple]:
    """Plain Python tuples in declared column order, for sqlite3 (PostgreSQL gets `to_copy_text`).

    Each type writes its values in SQLAlchemy's own SQLite storage format, so reads through
    SQLAlchemy and through `from_rows` agree. `leading` values (e.g. the version) start every row.
    """
    columns = [c.kind.sqlite_values(frame[c.key]) for c in dataset.columns]
    return zip(*(repeat(value, len(frame)) for value in leading), *columns, strict=True)


def to_copy_text(frame: pd.DataFrame, dataset: Dataset, *, leading: tuple[str, ...] = ()) -> pa.Buffer:
    """The frame as PostgreSQL COPY text (tab-separated, \\N for NULL, one row per line).

    Built column-wise in Arrow, without a Python object per cell; `leading` values (e.g. the
    version) start every row.
    """
    pieces = [pa.scalar(value, pa.large_string()) for value in leading]
    pieces += [_copy_field(frame[column.key], column) for column in dataset.columns]
    tab, newline, nothing = (pa.scalar(text, pa.large_string()) for text in ("\t", "\n", ""))
    lines = pc.binary_join_element_wise(*pieces, tab)
    lines = pc.binary_join_element_wise(lines, newline, nothing)
    return _joined(lines)


def _copy_field(values: pd.Series, column: Column) -> pa.Array:
    return pc.fill_null(column.kind.copy_text(values), "\\N")


def _joined(lines: pa.Array) -> pa.Buffer:
    """All strings of `lines` back to back: the values buffer itself, no copy."""
    lines = pa.concat_arrays([lines]) if lines.offset else lines
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[: len(lines) + 1]
    return lines.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0])) if len(lines) else pa.py_buffer(b"")


def from_rows(rows: Iterable[Sequence[object]], dataset: Dataset) -> pd.DataFrame:
    """A typed frame from DB-API rows in declared column order."""
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return empty_frame(dataset)
    # Column by column from plain tuples: DataFrame.from_records probes every row object.
    columns = list(zip(*rows, strict=True))
    raw = pd.DataFrame(
        {c.key: pd.Series(values, dtype=object) for c, values in zip(dataset.columns, columns, strict=True)}
    )
    return coerce(raw, dataset)
