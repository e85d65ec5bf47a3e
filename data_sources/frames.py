"""Typed dataset frames: the dtypes every layer agrees on, and their trip to and from SQL rows.

Text and Choice -> pandas string; Integer -> Int64; Decimal -> float64;
Date, Month and DateTime -> naive datetime64 (dates at midnight, months on their first day).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_sources.schema import Choice, Column, Dataset, Date, DateTime, Decimal, Integer, Month, Text

_DATE_KINDS = (Date, Month, DateTime)


def dtype_of(column: Column) -> str:
    kind = column.kind
    if isinstance(kind, Integer):
        return "Int64"
    if isinstance(kind, Decimal):
        return "float64"
    if isinstance(kind, _DATE_KINDS):
        return "datetime64[us]"
    if isinstance(kind, Text | Choice):
        return "string"
    raise TypeError(f"no dtype for {kind!r}")


def empty_frame(dataset: Dataset) -> pd.DataFrame:
    return pd.DataFrame({c.key: pd.Series(dtype=dtype_of(c)) for c in dataset.columns})


def coerce(frame: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """`frame` with exactly the declared columns in order, each in its contract dtype."""
    columns = {}
    for column in dataset.columns:
        values = frame[column.key] if column.key in frame else pd.Series(pd.NA, index=frame.index)
        columns[column.key] = _as_dtype(values, column)
    return pd.DataFrame(columns, index=frame.index)


def _as_dtype(values: pd.Series, column: Column) -> pd.Series:
    kind = column.kind
    if isinstance(kind, _DATE_KINDS):
        converted = pd.to_datetime(values, format="ISO8601") if values.dtype == object or pd.api.types.is_string_dtype(values) else pd.to_datetime(values)
        converted = converted.astype("datetime64[us]")
        return converted.dt.normalize() if isinstance(kind, Date | Month) else converted
    if isinstance(kind, Integer):
        return pd.to_numeric(values).astype("Int64") if len(values) else values.astype("Int64")
    if isinstance(kind, Decimal):
        return pd.to_numeric(values).astype("float64") if len(values) else values.astype("float64")
    return values.astype("string")


def to_sqlite_rows(frame: pd.DataFrame, dataset: Dataset, *, leading: tuple[object, ...] = ()) -> Iterator[tuple]:
    """Plain Python tuples in declared column order, for sqlite3 (PostgreSQL gets `to_copy_text`).

    Dates are ISO text in SQLAlchemy's own SQLite storage format, so reads through SQLAlchemy and
    through `from_rows` agree. `leading` values (e.g. the version) start every row.
    """
    columns = [_sqlite_values(frame[c.key], c) for c in dataset.columns]
    return zip(*(repeat(value, len(frame)) for value in leading), *columns, strict=True)


def _sqlite_values(values: pd.Series, column: Column) -> list[object]:
    missing = values.isna().to_numpy()
    kind = column.kind
    if isinstance(kind, _DATE_KINDS):
        array = values.to_numpy(dtype="datetime64[us]")
        text = np.datetime_as_string(array, unit="us" if isinstance(kind, DateTime) else "D")
        if isinstance(kind, DateTime):
            text = np.strings.replace(text, "T", " ")
        out = text.astype(object)
    elif isinstance(kind, Integer | Decimal):
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        if isinstance(kind, Integer):
            numbers = np.where(missing, 0, numbers).astype(np.int64)
        out = np.array(numbers.tolist(), dtype=object)  # tolist: Python ints and floats, in C
    else:
        out = values.to_numpy(dtype=object, na_value=None)
    if missing.any():
        out[missing] = None
    return out.tolist()


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
    array = pa.array(values, from_pandas=True)
    kind = column.kind
    if isinstance(kind, _DATE_KINDS) and not isinstance(kind, DateTime):
        array = pc.cast(array, pa.date32())
    text = pc.cast(array, pa.large_string())
    if isinstance(kind, Text | Choice):
        for raw, escaped in _COPY_ESCAPES:
            text = pc.replace_substring(text, raw, escaped)
    return pc.fill_null(text, "\\N")


_COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


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
    raw = pd.DataFrame({c.key: pd.Series(values, dtype=object) for c, values in zip(dataset.columns, columns, strict=True)})
    return coerce(raw, dataset)
