"""Typed dataset frames: the dtypes every layer agrees on, and their trip to and from SQL rows.

Text and Choice -> pandas string; Integer -> Int64; Decimal -> float64;
Date, Month and DateTime -> naive datetime64 (dates at midnight, months on their first day).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

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


def to_rows(frame: pd.DataFrame, dataset: Dataset, *, dialect: str) -> list[tuple]:
    """Plain Python tuples in declared column order, as the DB-API driver of `dialect` wants them.

    SQLite gets ISO text for dates in SQLAlchemy's own storage format, so reads through
    SQLAlchemy and through `from_rows` agree.
    """
    columns = [_to_python(frame[c.key], c, dialect) for c in dataset.columns]
    return list(zip(*columns, strict=True))


def _to_python(values: pd.Series, column: Column, dialect: str) -> Sequence[object]:
    missing = values.isna().to_numpy()
    kind = column.kind
    if isinstance(kind, _DATE_KINDS):
        array = values.to_numpy(dtype="datetime64[us]")
        if dialect == "sqlite":
            unit = "us" if isinstance(kind, DateTime) else "D"
            text = np.datetime_as_string(array, unit=unit)
            if isinstance(kind, DateTime):
                text = np.strings.replace(text, "T", " ")
            out = text.astype(object)
        else:
            out = array.astype(object)  # datetime.datetime
            if not isinstance(kind, DateTime):
                out = np.array([None if v is None else v.date() for v in out], dtype=object)
    elif isinstance(kind, Integer):
        out = values.to_numpy(dtype="float64", na_value=np.nan).astype(object)
        out = np.array([int(v) if v == v else None for v in out], dtype=object)
    elif isinstance(kind, Decimal):
        out = values.to_numpy(dtype="float64", na_value=np.nan).astype(object)
    else:
        out = values.to_numpy(dtype=object, na_value=None)
    out = np.asarray(out, dtype=object)
    out[missing] = None
    return out.tolist()


def from_rows(rows: Iterable[Sequence[object]], dataset: Dataset) -> pd.DataFrame:
    """A typed frame from DB-API rows in declared column order."""
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return empty_frame(dataset)
    # Column by column from plain tuples: DataFrame.from_records probes every row object.
    columns = list(zip(*rows, strict=True))
    raw = pd.DataFrame({c.key: pd.Series(values, dtype=object) for c, values in zip(dataset.columns, columns, strict=True)})
    return coerce(raw, dataset)
