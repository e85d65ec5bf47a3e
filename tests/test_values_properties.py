"""Round trips: whatever a valid value is written as, it parses back to itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from data_sources.schema import DateTime, Decimal, Integer, Text
from data_sources.thai_calendar import be_year
from data_sources.values import (
    UnreadableCell,
    parse_column,
    parse_date,
    parse_datetime,
    parse_integer,
    parse_number,
    parse_text,
    to_thai_digits,
)

TODAY = date(2025, 6, 1)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2199, 12, 31))
thai_or_arabic = st.sampled_from([str, to_thai_digits])


@given(dates, thai_or_arabic)
def test_be_day_month_year_parses_back_to_the_same_date(day: date, digits: object) -> None:
    written = digits(f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}")  # type: ignore[operator]
    assert parse_date(written) == day


@given(dates, thai_or_arabic, st.sampled_from(["/", "-", "."]))
def test_unpadded_be_dates_with_any_separator_parse_back(day: date, digits: object, separator: str) -> None:
    written = digits(separator.join(map(str, (day.day, day.month, be_year(day.year)))))  # type: ignore[operator]
    assert parse_date(written) == day


@given(dates)
def test_iso_ce_dates_parse_back(day: date) -> None:
    assert parse_date(day.isoformat()) == day


@given(st.integers(min_value=-(10**15), max_value=10**15), thai_or_arabic)
def test_integers_with_separators_parse_back(number: int, digits: object) -> None:
    assert parse_integer(digits(f"{number:,}")) == number  # type: ignore[operator]
    assert parse_integer(digits(f"{number:_}".replace("_", " "))) == number  # type: ignore[operator]


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_baht_amounts_parse_back(baht: int, satang: int) -> None:
    assert parse_number(f"฿{baht:,}.{satang:02d}") == float(f"{baht}.{satang:02d}")
    assert parse_number(f"{baht:,} บาท") == baht


@settings(max_examples=50, deadline=None)
@given(st.lists(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2025, 6, 1)), max_size=40))
def test_datetime_column_of_written_be_times_matches_the_times(moments: list[datetime]) -> None:
    moments = [m.replace(second=0, microsecond=0) for m in moments]
    cells = [f"{m.day}/{m.month}/{be_year(m.year)} {m.hour:02d}.{m.minute:02d} น." for m in moments]
    parsed = parse_column(cells, DateTime(), today=TODAY)
    assert parsed.problems == ()
    assert [v.to_pydatetime() for v in parsed.values] == moments


cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(min_value=-1e9, max_value=1e9),
    st.just(float("nan")),
    st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙,.-/ %()฿บาทพย:น", max_size=12),
    st.dates(min_value=date(1985, 1, 1), max_value=date(2030, 1, 1)),
)


SINGLE_CELL_PARSERS = (
    (Decimal(), parse_number),
    (Integer(), parse_integer),
    (DateTime(), partial(parse_datetime, today=TODAY)),
    (Text(), parse_text),
)


def _alone(parse_one: Callable[[object], object], cell: object) -> tuple[object, str | None]:
    try:
        return parse_one(cell), None
    except UnreadableCell as problem:
        return None, problem.code


@settings(max_examples=150, deadline=None)
@given(st.lists(cells, max_size=30))
def test_column_parsing_agrees_with_the_single_cell_parsers(column: list[object]) -> None:
    """Every fast path (typed cells, distinct strings, bulk regexes) gives what the careful
    one-cell parser gives."""
    for kind, parse_one in SINGLE_CELL_PARSERS:
        parsed = parse_column(column, kind, today=TODAY)
        for index, cell in enumerate(column):
            value, code = _alone(parse_one, cell)
            assert _same(parsed.values.iloc[index], value), (kind, cell)
            assert [p.code for p in parsed.problems if p.index == index] == ([code] if code else []), (kind, cell)
            assert parsed.empty[index] == (value is None and code is None), (kind, cell)


@given(st.text(max_size=30))
def test_cleaning_text_twice_changes_nothing(text: str) -> None:
    once = parse_text(text)
    assert once is None or parse_text(once) == once


def _same(left: object, right: object) -> bool:
    if right is None:
        return bool(pd.isna(left))
    return not pd.isna(left) and left == right


def test_distinct_values_in_a_large_column_keep_their_positions() -> None:
    days = [date(2020, 1, 1) + timedelta(days=i % 900) for i in range(3000)]
    cells = [f"{d.day}/{d.month}/{be_year(d.year)}" for d in days]
    parsed = parse_column(cells, DateTime(), today=TODAY)
    assert [v.date() for v in parsed.values] == days
