"""Text cells: Thai digits, invisible characters, whitespace, numbers Excel stored as floats."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from data_sources.schema import Text
from data_sources.values import cell_text, clean_text, from_thai_digits, parse_column, parse_text, to_thai_digits

TODAY = date(2025, 6, 1)


def test_thai_digits_convert_both_ways() -> None:
    assert from_thai_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"


def test_zero_width_spaces_vanish_and_no_break_spaces_become_spaces() -> None:
    assert clean_text("เมือง\u200bทอง") == "เมืองทอง"
    assert clean_text("ถนน\u00a0สุขยางค์") == "ถนน สุขยางค์"
    assert clean_text("\ufeffยะลา") == "ยะลา"


def test_whitespace_is_collapsed_and_stripped() -> None:
    assert clean_text("  ถนน \t\n  สุขยางค์  ") == "ถนน สุขยางค์"


def test_text_is_nfc_normalised() -> None:
    assert clean_text("Cafe\u0301") == "Café"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1.0, "1"),
        (2.5, "2.5"),
        (812345678.0, "812345678"),
        (7, "7"),
        (True, "TRUE"),
        (date(2022, 11, 21), "2022-11-21"),
    ],
)
def test_cell_text_shows_cells_as_they_read_on_screen(cell: object, expected: str) -> None:
    assert cell_text(cell) == expected


def test_cell_text_of_a_datetime_shows_the_time_only_when_there_is_one() -> None:
    assert cell_text(datetime(2022, 11, 21)) == "2022-11-21"
    assert cell_text(datetime(2022, 11, 21, 9, 30)) == "2022-11-21 09:30:00"


@pytest.mark.parametrize("cell", [None, "", "   ", "-", "–", "—", "\u200b"])
def test_blank_or_dash_text_is_none(cell: object) -> None:
    assert parse_text(cell) is None


def test_thai_digits_in_free_text_are_kept_as_written() -> None:
    assert parse_text("เลขที่ ๐๐๑/๒๕๖๘") == "เลขที่ ๐๐๑/๒๕๖๘"


def test_text_column_is_string_dtype_with_na_for_blanks() -> None:
    parsed = parse_column(["  ก  ข ", 1.0, None, "-", 42], Text(), today=TODAY)
    assert parsed.values.dtype == "string"
    assert parsed.values.tolist()[:2] == ["ก ข", "1"]
    assert parsed.values.isna().tolist() == [False, False, True, True, False]
    assert parsed.values.iloc[4] == "42"
    assert parsed.empty.tolist() == [False, False, True, True, False]
    assert parsed.problems == ()


def test_text_longer_than_the_limit_is_an_error_and_na() -> None:
    parsed = parse_column(["12345", "123456", " 123   4 "], Text(max_length=5), today=TODAY)
    assert [(p.index, p.code, p.slots) for p in parsed.problems] == [(1, "text-too-long", {"limit": "5"})]
    assert parsed.values.isna().tolist() == [False, True, False]
    assert parsed.values.iloc[2] == "123 4"  # nine characters written, five once spaces are collapsed


def test_long_text_is_counted_in_characters_not_bytes() -> None:
    parsed = parse_column(["ยะลา"], Text(max_length=4), today=TODAY)
    assert parsed.problems == ()
