"""`parse_column`: the typed-frame contract, problems in cell order, and the fast paths agreeing
with the single-cell parsers."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from data_sources.adapters import dataset
from data_sources.schema import Date, DateTime, Decimal, Integer, Month, Text
from data_sources.thai_calendar import be_year
from data_sources.values import CellProblem, UnreadableCell, parse_column, parse_datetime

TODAY = date(2025, 6, 1)


def _moments(parsed_values: pd.Series) -> list[datetime | None]:
    return [None if pd.isna(v) else v.to_pydatetime() for v in parsed_values]


def test_date_column_mixes_excel_dates_serials_and_thai_text() -> None:
    cells = [datetime(2024, 10, 1, 8, 15), 45566, "1 ต.ค. 67", "๐๑/๑๐/๒๕๖๗", None, "-"]
    parsed = parse_column(cells, Date(), today=TODAY)
    assert parsed.values.dtype.kind == "M" and parsed.values.dt.tz is None
    assert _moments(parsed.values) == [datetime(2024, 10, 1)] * 4 + [None, None]
    assert parsed.empty.tolist() == [False] * 4 + [True, True]
    assert parsed.problems == ()


def test_datetime_column_keeps_the_time_of_day() -> None:
    cells = ["21/11/2565 09.30 น.", 44886.5, datetime(2022, 11, 21, 18, 5), date(2022, 11, 21)]
    parsed = parse_column(cells, DateTime(), today=TODAY)
    assert _moments(parsed.values) == [
        datetime(2022, 11, 21, 9, 30),
        datetime(2022, 11, 21, 12, 0),
        datetime(2022, 11, 21, 18, 5),
        datetime(2022, 11, 21, 0, 0),
    ]


def test_month_column_returns_first_of_month_and_flags_missing_years() -> None:
    cells = ["ต.ค. 67", "พฤศจิกายน 2567", "12/2567", datetime(2025, 1, 17), "ก.พ.", 3]
    parsed = parse_column(cells, Month(), today=TODAY)
    assert _moments(parsed.values) == [
        datetime(2024, 10, 1),
        datetime(2024, 11, 1),
        datetime(2024, 12, 1),
        datetime(2025, 1, 1),
        None,
        None,
    ]
    assert [(p.index, p.code) for p in parsed.problems] == [(4, "ambiguous-year"), (5, "ambiguous-year")]


def test_dates_outside_the_window_are_errors_with_their_limits() -> None:
    cells = ["31/12/2532", "1/1/2533", "3/6/2568", "4/6/2568"]  # 1989-12-31, 1990-01-01, today+2, today+3
    parsed = parse_column(cells, DateTime(), today=TODAY)
    slots = {"earliest": date(1990, 1, 1), "latest": date(2025, 6, 3)}  # each message shows them in its language
    assert parsed.problems == (
        CellProblem(0, "date-out-of-range", "error", "31/12/2532", slots),
        CellProblem(3, "date-out-of-range", "error", "4/6/2568", slots),
    )
    assert parsed.values.isna().tolist() == [True, False, False, True]


def test_a_two_digit_ce_year_reads_as_be_and_lands_out_of_range() -> None:
    parsed = parse_column(["21/11/22"], Date(), today=TODAY)  # 2522 BE = 1979
    assert [p.code for p in parsed.problems] == ["date-out-of-range"]


def test_serial_that_is_really_a_year_is_not_a_date() -> None:
    parsed = parse_column([2567, 2024.0], Date(), today=TODAY)
    assert [(p.index, p.code, p.value) for p in parsed.problems] == [
        (0, "not-a-date", "2567"),
        (1, "not-a-date", "2024"),
    ]


def test_problems_come_in_cell_order_across_cell_types() -> None:
    cells = ["x", 1.5, True, "y", None, "7", datetime(2024, 1, 1)]
    parsed = parse_column(cells, Integer(), today=TODAY)
    assert [(p.index, p.code) for p in parsed.problems] == [
        (0, "not-a-number"),
        (1, "not-an-integer"),
        (2, "not-a-number"),
        (3, "not-a-number"),
        (6, "not-a-number"),
    ]


def test_every_column_keeps_the_input_length_and_accepts_numpy_and_series_input() -> None:
    cells = np.array(["1", None, "3"], dtype=object)
    for given in (cells, pd.Series(cells), list(cells), tuple(cells)):
        parsed = parse_column(given, Decimal(), today=TODAY)
        assert len(parsed.values) == 3 and len(parsed.empty) == 3
        assert parsed.empty.dtype == bool


def test_empty_input_gives_empty_typed_columns() -> None:
    for kind, dtype in ((Text(), "string"), (Integer(), "Int64"), (Decimal(), "float64")):
        parsed = parse_column([], kind, today=TODAY)
        assert len(parsed.values) == 0 and str(parsed.values.dtype) == dtype
    assert parse_column([], Date(), today=TODAY).values.dtype.kind == "M"


def test_all_blank_column_is_all_na_and_all_empty() -> None:
    parsed = parse_column([None, "", "  ", float("nan")], Date(), today=TODAY)
    assert parsed.values.isna().all() and parsed.empty.all() and parsed.problems == ()


@pytest.mark.parametrize(
    "cell",
    [
        "21/11/2565",
        "21/11/2565 09.30 น.",
        "2022-11-21 09:30:15",
        "2022-11-21T09:30",
        "31/02/2565",
        "29/02/2567",
        "21/11/2565 24.00",
        "21/11/2300",
        "21/11/1850",
        "2300-11-21",
        "1/13/2565",
        "21-11-2565 9:05",
        "1/1/2533",
    ],
)
def test_bulk_date_reading_agrees_with_the_single_cell_parser(cell: str) -> None:
    """The vectorised path claims only what the careful parser would read identically."""
    try:
        expected, code = parse_datetime(cell, today=TODAY), None
    except UnreadableCell as problem:
        expected, code = None, problem.code
    bulk = parse_column([cell, *(f"{d}/1/2566" for d in range(1, 29))], DateTime(), today=TODAY)
    assert _moments(bulk.values)[0] == expected
    assert [p.code for p in bulk.problems] == ([code] if code else [])


def test_thousands_of_distinct_timestamps_read_correctly() -> None:
    minutes = pd.date_range("2024-01-01", periods=5000, freq="37min")
    cells = [f"{m.day}/{m.month}/{be_year(m.year)} {m.hour:02d}.{m.minute:02d} น." for m in minutes]
    parsed = parse_column(cells, DateTime(), today=TODAY)
    assert parsed.problems == ()
    assert (parsed.values.to_numpy() == minutes.to_numpy()).all()


def _plain(values: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in values.astype(object)]


@pytest.mark.parametrize(
    "kind", [Text(), Integer(), Decimal(), Date(), DateTime(), dataset("complaints").column("category").kind]
)
def test_a_column_of_text_reads_each_cell_as_a_column_with_other_cells_does(kind) -> None:  # type: ignore[no-untyped-def]
    """A column holding only text (and blanks of every sort) takes a quicker path; one number
    added at its end must not change how any of the other cells read."""
    texts = ["เสรี", None, float("nan"), pd.NA, " เสรี ", "", "-", "12", "1/10/2567", "เสรี", "x" * 1200, "๑๒"]
    alone = parse_column(np.array(texts, dtype=object), kind, today=TODAY)
    mixed = parse_column(np.array([*texts, 7], dtype=object), kind, today=TODAY)
    count = len(texts)
    assert _plain(alone.values) == _plain(mixed.values.iloc[:count])
    assert alone.empty.tolist() == mixed.empty[:count].tolist()
    assert alone.problems == tuple(p for p in mixed.problems if p.index is None or p.index < count)
