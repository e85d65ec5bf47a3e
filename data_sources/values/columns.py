"""`parse_column`: one raw spreadsheet column in, one typed pandas Series and its problems out.

Result types follow the typed-frame contract: Text and Choice -> pandas string dtype (NA when
missing), Integer -> "Int64", Decimal -> float64 (NaN), Date, DateTime and Month -> naive
datetime64. A cell with an error becomes NA; a cell with a warning keeps its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

import numpy as np
import pandas as pd

from data_sources.schema import Choice, ColumnType, Date, DateTime, Decimal, Integer, Month, Text
from data_sources.values.cells import (
    MOMENT,
    NUMBER,
    OTHER,
    STRING,
    Batch,
    Collector,
    Fast,
    Outcomes,
    object_array,
    one_by_one,
)
from data_sources.values.choices import choice_index, choice_labels, normalise_choice
from data_sources.values.dates import LEVELS, Level, date_window, read_moment
from data_sources.values.fast_paths import plain_moments, plain_numbers, plain_texts
from data_sources.values.moment_columns import serial_moments, typed_moments
from data_sources.values.numbers import Finding, integer_findings, parse_number, range_findings
from data_sources.values.problems import CellProblem, UnreadableCell
from data_sources.values.text import parse_texts

STRING_DTYPE = pd.StringDtype()  # NA for missing, as the typed-frame contract says
_NAT = np.datetime64("NaT", "us")
_FLOOR_UNIT = {"date": "datetime64[D]", "month": "datetime64[M]"}


@dataclass(frozen=True)
class ParsedColumn:
    values: pd.Series  # typed per the contract, same length as the input, NA where empty or invalid
    problems: tuple[CellProblem, ...]  # in cell order, at most one per cell
    empty: np.ndarray  # bool mask: the cell was blank (None, NaN, "", spaces; "-" outside numbers)


def parse_column(cells: Sequence[object], kind: ColumnType, *, today: date) -> ParsedColumn:
    """Type one column of raw cells as `kind` says, collecting every problem.

    Required-ness is the caller's business: blanks are only flagged in `empty`.
    `today` bounds the dates (`kind.days_ahead` past it).
    """
    collector = Collector(object_array(cells))
    if isinstance(kind, Integer | Decimal):
        values = _numbers(collector, kind)
    elif isinstance(kind, Date | DateTime | Month):
        values = _moments(collector, kind, today)
    elif isinstance(kind, Choice):
        values = _choices(collector, kind)
    else:
        values = _texts(collector, kind)
    return ParsedColumn(values, collector.problems, collector.empty)


def _floats(values: list[object]) -> np.ndarray:
    return np.array([np.nan if value is None else value for value in values], dtype=np.float64)


def _datetimes(values: list[object]) -> np.ndarray:
    return pd.to_datetime(object_array(values)).to_numpy().astype("datetime64[us]")


def _objects(values: list[object]) -> np.ndarray:
    return object_array(values)


def _apply(collector: Collector, values: np.ndarray, findings: list[Finding]) -> None:
    """Report each finding on cells still valid, then blank them: one problem per cell."""
    everywhere = np.arange(len(values))
    for mask, code, slots in findings:
        hit = mask & ~np.isnan(values)
        collector.report_mask(everywhere, hit, code, slots)
        values[hit] = np.nan


def _numbers(collector: Collector, kind: Integer | Decimal) -> pd.Series:
    values = np.full(len(collector.raw), np.nan)
    read = one_by_one(partial(parse_number, percent=isinstance(kind, Decimal) and kind.percent))
    numbers = collector.positions(NUMBER)
    try:
        values[numbers] = collector.raw[numbers].astype(np.float64)
    except (OverflowError, TypeError, ValueError):  # an int too big for a float: go cell by cell
        values[numbers] = collector.parse_each(numbers, read, _floats)
    strings = collector.positions(STRING)
    values[strings] = collector.parse_unique(strings, read, _floats, plain_numbers)
    others = collector.positions(MOMENT, OTHER)
    values[others] = collector.parse_each(others, read, _floats)
    _apply(collector, values, integer_findings(values) if isinstance(kind, Integer) else [])
    _apply(collector, values, range_findings(values, kind))
    if isinstance(kind, Decimal):
        return pd.Series(values, dtype=np.float64)
    missing = np.isnan(values)
    whole = np.round(np.where(missing, 0.0, values)).astype(np.int64)
    return pd.Series(pd.arrays.IntegerArray(whole, missing))


def _moments(collector: Collector, kind: Date | DateTime | Month, today: date) -> pd.Series:
    level: Level = LEVELS[type(kind)]
    read = partial(read_moment, level=level)
    read_all = one_by_one(read)
    values = np.full(len(collector.raw), _NAT)
    numbers = collector.positions(NUMBER)
    values[numbers] = serial_moments(collector, numbers, level)
    moments = collector.positions(MOMENT)
    values[moments] = typed_moments(collector, moments, read_all, _datetimes)
    strings = collector.positions(STRING)
    values[strings] = collector.parse_unique(strings, read_all, _datetimes, plain_moments)
    others = collector.positions(OTHER)
    values[others] = collector.parse_each(others, read_all, _datetimes)
    if level in _FLOOR_UNIT:
        values = values.astype(_FLOOR_UNIT[level]).astype("datetime64[us]")
    earliest, latest = date_window(kind, today)
    days = values.astype("datetime64[D]")
    outside = ~np.isnat(values) & ((days < np.datetime64(earliest)) | (days > np.datetime64(latest)))
    slots = {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
    collector.report_mask(np.arange(len(values)), outside, "date-out-of-range", slots)
    values[outside] = _NAT
    return pd.Series(values)


def _text_values(collector: Collector, parse_all: Batch, fast: Fast | None = None) -> np.ndarray:
    values = np.full(len(collector.raw), None, dtype=object)
    strings = collector.positions(STRING)
    values[strings] = collector.parse_unique(strings, parse_all, _objects, fast)
    numbers = collector.positions(NUMBER)
    values[numbers] = collector.parse_unique(numbers, parse_all, _objects)
    others = collector.positions(MOMENT, OTHER)
    values[others] = collector.parse_each(others, parse_all, _objects)
    return values


def _texts(collector: Collector, kind: Text) -> pd.Series:
    too_long = UnreadableCell("text-too-long", limit=str(kind.max_length))

    def texts_within_limit(cells: Sequence[object]) -> Outcomes:
        texts = parse_texts(cells)
        problems = [None if text is None or len(text) <= kind.max_length else too_long for text in texts]
        return [None if problem else text for text, problem in zip(texts, problems, strict=True)], problems

    fast = partial(plain_texts, limit=kind.max_length)
    return pd.Series(_text_values(collector, texts_within_limit, fast), dtype=STRING_DTYPE)


def _choices(collector: Collector, kind: Choice) -> pd.Series:
    """Map each distinct text to an option key; an unknown one is an error (closed list) or is
    kept as written with a warning (open list)."""
    index = choice_index(kind)
    if kind.closed:
        unknown = UnreadableCell("unknown-choice", choices=choice_labels(kind))

    def keys_of(cells: Sequence[object]) -> Outcomes:
        keys: list[object] = []
        problems: list[UnreadableCell | None] = []
        for text in parse_texts(cells):
            key = None if text is None else index.get(normalise_choice(text))
            problem = None
            if text is not None and key is None:
                problem = unknown if kind.closed else UnreadableCell("new-choice", "warning", kept=text)
            keys.append(problem.kept if problem else key)
            problems.append(problem)
        return keys, problems

    return pd.Series(_text_values(collector, keys_of), dtype=STRING_DTYPE)
