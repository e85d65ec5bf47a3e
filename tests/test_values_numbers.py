"""Numbers as Thai staff write them, one cell at a time and as whole columns."""

from __future__ import annotations

from datetime import date

import pytest

from data_sources.schema import Decimal, Integer
from data_sources.values import UnreadableCell, parse_column, parse_integer, parse_number

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,234.50", 1234.5),
        (" 1 234 ", 1234.0),
        ("๑,๒๓๔", 1234.0),
        ("๓.๕", 3.5),
        ("42", 42.0),
        ("฿1,200", 1200.0),
        ("1,200 บาท", 1200.0),
        ("1,200บาท", 1200.0),
        ("1,200 บ.", 1200.0),
        ("1,200.-", 1200.0),
        ("(1,200)", -1200.0),
        ("-7.5", -7.5),
        ("−7.5", -7.5),  # U+2212, the typographic minus
        ("+3", 3.0),
        ("-", 0.0),
        ("–", 0.0),
        ("—", 0.0),
        ("1\u200b234", 1234.0),  # a zero-width space pasted from the web
        ("1,234\u00a0", 1234.0),
        (12.5, 12.5),
        (7, 7.0),
    ],
)
def test_number_reads_as_written(cell: object, expected: float) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", [None, "", "   ", float("nan")])
def test_blank_number_is_none(cell: object) -> None:
    assert parse_number(cell) is None


@pytest.mark.parametrize("cell", ["abc", "1,23", "12,5", "1.2.3", "12 ตัน", True, date(2022, 1, 1), "()"])
def test_unreadable_number_raises_not_a_number(cell: object) -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_number(cell)
    assert raised.value.code == "not-a-number"


def test_percent_reads_as_the_number_before_the_sign_in_a_percent_column() -> None:
    assert parse_number("85%", percent=True) == 85.0
    assert parse_number("๘๕ %", percent=True) == 85.0
    assert parse_number("ร้อยละ 85", percent=True) == 85.0
    assert parse_number("85", percent=True) == 85.0


def test_percent_sign_in_a_plain_number_column_is_a_problem() -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_number("85%")
    assert raised.value.code == "percent-not-allowed"


def test_excel_float_noise_reads_as_whole_number() -> None:
    assert parse_integer(12.000000001) == 12
    assert parse_integer("๒,๕๖๘") == 2568


def test_fraction_is_not_an_integer() -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_integer(12.5)
    assert raised.value.code == "not-an-integer"


def test_integer_column_gives_int64_with_na_for_blank_and_bad_cells() -> None:
    parsed = parse_column(["1,200", None, "-", 12.000000001, "x", 12.5], Integer(), today=TODAY)
    assert str(parsed.values.dtype) == "Int64"
    assert parsed.values.isna().tolist() == [False, True, False, False, True, True]
    assert [parsed.values[i] for i in (0, 2, 3)] == [1200, 0, 12]
    assert parsed.empty.tolist() == [False, True, False, False, False, False]
    problems = [(p.index, p.code) for p in parsed.problems]
    assert problems == [(None, "dash-read-as-zero"), (4, "not-a-number"), (5, "not-an-integer")]


def test_dash_is_zero_not_empty_in_a_number_column() -> None:
    parsed = parse_column(["-"], Decimal(), today=TODAY)
    assert parsed.values.tolist() == [0.0]
    assert not parsed.empty[0]


def test_decimal_column_is_float64_with_nan() -> None:
    parsed = parse_column([1.5, None, "2,000.25"], Decimal(), today=TODAY)
    assert str(parsed.values.dtype) == "float64"
    assert parsed.values.iloc[0] == 1.5 and parsed.values.iloc[2] == 2000.25
    assert parsed.values.isna().tolist() == [False, True, False]


def test_accounting_negative_is_kept_where_minimum_allows_it() -> None:
    parsed = parse_column(["(1,200)"], Decimal(minimum=-5000), today=TODAY)
    assert parsed.values.tolist() == [-1200.0]
    assert parsed.problems == ()


def test_accounting_negative_is_refused_where_minimum_is_zero() -> None:
    parsed = parse_column(["(1,200)", -3], Decimal(minimum=0), today=TODAY)
    assert [(p.index, p.code, p.value) for p in parsed.problems] == [
        (0, "negative-not-allowed", "(1,200)"),
        (1, "negative-not-allowed", "-3"),
    ]
    assert parsed.values.isna().all()


def test_range_problems_carry_the_limits_as_text() -> None:
    parsed = parse_column([0, 3, 6, "๗"], Integer(minimum=1, maximum=5), today=TODAY)
    found = [(p.index, p.code, p.slots) for p in parsed.problems]
    assert found == [
        (0, "below-minimum", {"minimum": "1"}),
        (2, "above-maximum", {"maximum": "5"}),
        (3, "above-maximum", {"maximum": "5"}),
    ]
    assert parsed.values.isna().tolist() == [True, False, True, True]


def test_decimal_limits_keep_their_fraction_in_messages() -> None:
    parsed = parse_column([5.0], Decimal(minimum=5.5, maximum=20.5), today=TODAY)
    assert parsed.problems[0].code == "below-minimum"
    assert parsed.problems[0].slots == {"minimum": "5.5"}


def test_percent_column_reads_percent_cells_and_checks_its_range() -> None:
    parsed = parse_column(["85%", 90, "120%"], Decimal(minimum=0, maximum=100, percent=True), today=TODAY)
    assert parsed.values.iloc[:2].tolist() == [85.0, 90.0]
    assert [(p.index, p.code) for p in parsed.problems] == [(2, "above-maximum")]


def test_boolean_cell_is_not_a_number_even_though_python_counts_true_as_one() -> None:
    parsed = parse_column([True, 1], Integer(), today=TODAY)
    assert [(p.index, p.code, p.value) for p in parsed.problems] == [(0, "not-a-number", "TRUE")]
    assert parsed.values.iloc[1] == 1
