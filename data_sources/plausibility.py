"""Plausibility: a value far outside its series' history is a warning before confirm, kept with the upload.

The rule, defined here once:
- a series is one amount or count column (a number with a unit, never below zero, not part of the
  key) for one place: the dataset's key without its period column (a community, a revenue type,
  a station, and for health the period length too);
- its history is its live values in the `HISTORY_MONTHS` months before the file's first period,
  read only when there are at least `MIN_HISTORY` of them;
- a new value more than `RATIO` times the history's median and more than `MARGIN` times its
  highest, or less than the median divided by `RATIO` and less than its lowest divided by
  `MARGIN` (a typo'd zero), is implausible:
  kilograms typed into a tons column, an 8x jump in health-centre visits. A season the history
  has seen (April's tax peak, the haze months' PM2.5, October's first disbursement) stays inside
  its range and is no news. Counts whose value and median are both under `SMALL_COUNT` are left
  alone: 1 dengue case after a median of 3 is no news either.

One warning per series names the first such value, its period, and the series' previous values;
it goes into the validation report, so the page shows it before confirm and the upload's
history keeps it. Nothing is blocked: the clerk may know the jump is real.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources import year_slip
from data_sources.adapters import dataset
from data_sources.db import DATASET_TABLES, VALID_TO
from data_sources.labels import value_text
from data_sources.report import Issue, column_letter, make_issue
from data_sources.schema import Column, Dataset, Integer

if TYPE_CHECKING:
    from data_sources.ingest import Prepared

RATIO = 5.0
MARGIN = 2.0  # beyond the history's range by this much: this year's peak a little above last year's is no news
HISTORY_MONTHS = 12
MIN_HISTORY = 3
SMALL_COUNT = 10
PREVIOUS_SHOWN = 3  # previous values named in the warning, newest first


def series_columns(declared: Dataset) -> list[Column]:
    """The amount and count columns whose history is checked."""
    return [
        c
        for c in declared.columns
        if c.unit is not None
        and c.key not in declared.primary_key
        and getattr(c.kind, "minimum", None) is not None
        and c.kind.minimum >= 0  # type: ignore[attr-defined]
    ]


def implausible(value: float, history: pd.Series, *, count: bool) -> bool:
    """The rule for one value against its series' history (see the module's docstring).

    >>> visits = pd.Series([300.0, 310.0, 320.0, 330.0])
    >>> implausible(2500.0, visits, count=True), implausible(0.0, visits, count=True), implausible(400.0, visits, count=True)
    (True, True, False)
    >>> implausible(262.0, pd.Series([0.25, 0.27, 0.3]), count=False), implausible(1.0, pd.Series([3.0, 2.0, 4.0]), count=True)
    (True, False)
    >>> implausible(7.3e6, pd.Series([7.1e6, 1.2e6, 0.9e6, 1.0e6, 1.1e6]), count=False)  # a peak seen last year
    False
    """
    median = float(history.median())
    if not median > 0 or np.isnan(value):
        return False
    if count and max(value, median) < SMALL_COUNT:
        return False
    high = value > RATIO * median and value > MARGIN * history.max()
    low = value < median / RATIO and value < history.min() / MARGIN
    return bool(high or low)


def add_warnings(engine: sa.Engine, prepared: Prepared) -> None:
    """Add the implausible-value and year-slip warnings of a valid prepared file to its report (once)."""
    report = prepared.report
    if not prepared.valid or prepared.dataset is None or report.stats.get("plausibility_checked"):
        return
    letters = {k: column_letter(prepared.headers.index(h)) for k, h in report.mapping.items() if h in prepared.headers}
    found = warnings(engine, prepared.dataset, prepared.frame, report.mapping, letters, prepared.excel_rows)  # type: ignore[arg-type]
    report.issues.extend(found + year_slip.warnings(engine, prepared.dataset, prepared.frame))  # type: ignore[arg-type]
    report.stats["plausibility_checked"] = True


def warnings(
    engine: sa.Engine,
    key: str,
    frame: pd.DataFrame,
    headers: dict[str, str],
    letters: dict[str, str],
    excel_rows: Sequence[int] = (),
) -> list[Issue]:
    """One warning per series with an implausible value in `frame` (typed rows of dataset `key`).

    `headers` and `letters`: each dataset column's header and column letter in the file;
    `excel_rows`: the Excel row of each of frame's rows (by position), so a warning names its cell.
    """
    declared = dataset(key)
    period, checked = declared.period_column, series_columns(declared)
    if period is None or not checked or frame.empty or period not in frame or frame[period].isna().all():
        return []
    places = [k for k in declared.primary_key if k != period]
    history = _history(engine, declared, frame[period].min(), places, checked)
    if history.empty:
        return []
    found: list[Issue] = []
    for column in checked:
        if column.key not in frame:
            continue
        found.extend(_column_warnings(declared, column, frame, history, places, headers, letters, excel_rows))
    return found


def _column_warnings(
    declared: Dataset,
    column: Column,
    frame: pd.DataFrame,
    history: pd.DataFrame,
    places: list[str],
    headers: dict[str, str],
    letters: dict[str, str],
    excel_rows: Sequence[int],
) -> list[Issue]:
    period = declared.period_column
    position = pd.Series(np.arange(len(frame)), index=frame.index)  # a row's place in the file's order
    past = history.dropna(subset=[column.key]).sort_values(period, ascending=False)  # type: ignore[arg-type]
    by_place = {_tuple(name): rows for name, rows in past.groupby(places, sort=False)} if places else {(): past}
    new = frame.assign(**{p: frame[p].astype("string").fillna("") for p in places}).sort_values(period)  # type: ignore[arg-type]
    count = isinstance(column.kind, Integer)
    found = []
    for name, rows in new.groupby(places, sort=True) if places else [((), new)]:
        name = _tuple(name)
        before = by_place.get(name)
        if before is None or len(before) < MIN_HISTORY:
            continue
        past_values = before[column.key]
        values = rows[column.key].astype("float64")
        odd = [i for i, v in enumerate(values) if implausible(float(v), past_values, count=count)]
        if not odd:
            continue
        first = rows.iloc[odd[0]]
        slots = _slots(declared, column, places, name, first, before, len(odd))
        at = int(position[first.name])
        found.append(
            make_issue(
                "implausible-value",
                "warning",
                row=excel_rows[at] if at < len(excel_rows) else None,
                column=letters.get(column.key),
                header=headers.get(column.key, column.label_th),
                field=column.key,
                value=value_text(column, first[column.key], "en"),
                **slots,
            )
        )
    return found


def _tuple(name: object) -> tuple:
    return name if isinstance(name, tuple) else (name,)


def _slots(
    declared: Dataset, column: Column, places: list[str], name: tuple, first: pd.Series, before: pd.DataFrame, odd: int
) -> dict[str, str]:
    period = declared.column(declared.period_column)  # type: ignore[arg-type]
    slots: dict[str, str] = {"median": value_text(column, float(before[column.key].median()), "en")}
    for lang in ("th", "en"):
        label = (lambda c: c.label_th) if lang == "th" else (lambda c: c.label_en)
        place = ", ".join(
            f"{label(declared.column(p))} {value_text(declared.column(p), v, lang)}"
            for p, v in zip(places, name, strict=True)
        )
        shown = before.head(PREVIOUS_SHOWN)
        previous = ", ".join(
            f"{value_text(period, when, lang)}: {value_text(column, v, lang)}"
            for when, v in zip(shown[period.key], shown[column.key], strict=True)
        )
        more = odd - 1
        slots[f"series_{lang}"] = place or ("ทั้งชุดข้อมูล" if lang == "th" else "whole dataset")
        slots[f"when_{lang}"] = value_text(period, first[period.key], lang)
        slots[f"previous_{lang}"] = previous
        slots[f"more_{lang}"] = "" if not more else (f" และอีก {more:,} ค่า" if lang == "th" else f" and {more:,} more")
    return slots


def _history(
    engine: sa.Engine, declared: Dataset, first: object, places: list[str], checked: list[Column]
) -> pd.DataFrame:
    """Live rows of the `HISTORY_MONTHS` months before `first`, with their places as text."""
    table = DATASET_TABLES[declared.key]
    period = table.c[declared.period_column]  # type: ignore[index]
    level = declared.column(period.key).kind.moment_level
    if level is None:
        start, end = int(first) - HISTORY_MONTHS // 12, int(first)  # type: ignore[call-overload]
    else:
        month = pd.Timestamp(first).to_period("M")  # type: ignore[arg-type]
        start, end = _bound(month - HISTORY_MONTHS, level), _bound(month, level)
    names = [period.key, *places, *(c.key for c in checked)]
    query = sa.select(*(table.c[n] for n in names)).where(table.c[VALID_TO].is_(None), period >= start, period < end)
    with engine.connect() as connection:
        history = pd.DataFrame(connection.execute(query).all(), columns=names)
    for place in places:
        history[place] = history[place].astype("string").fillna("")
    for column in checked:
        history[column.key] = pd.to_numeric(history[column.key], errors="coerce").astype("float64")
    if level is not None:
        history[period.key] = pd.to_datetime(history[period.key])
    return history


def _bound(month: pd.Period, level: str) -> date | datetime:
    day = month.to_timestamp().date()
    return datetime.combine(day, datetime.min.time()) if level == "datetime" else day
