"""Properties the guard and the readers rely on, checked over many generated cases (seeded)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data_sources.city import community_names
from data_sources.errors import UnreadableFile
from data_sources.readers import read_sheets
from data_sources.readers.text import decode_text
from data_sources.readers.xmlscan import at_most_column, at_most_number, column_number
from data_sources.report import column_letter

SEEDED = settings(derandomize=True, max_examples=300, deadline=None)


@SEEDED
@given(limit=st.integers(1, 1_048_576), number=st.integers(1, 9_999_999))
def test_row_pattern_accepts_exactly_the_numbers_up_to_the_limit(limit: int, number: int) -> None:
    assert bool(re.fullmatch(at_most_number(limit), str(number))) == (number <= limit)


@SEEDED
@given(limit=st.integers(1, 16_384), column=st.integers(1, 18_278))
def test_column_pattern_accepts_exactly_the_columns_up_to_the_limit(limit: int, column: int) -> None:
    letters = column_letter(column - 1)
    assert column_number(letters) == column
    assert bool(re.fullmatch(at_most_column(limit), letters)) == (column <= limit)


THAI_WORDS = [*community_names(), "ผู้สูงอายุ", "เบี้ยยังชีพ", "ร้องเรียน", "เสร็จสิ้น", "น้ำท่วม", "ไฟฟ้า"]
cell_text = st.lists(st.sampled_from(THAI_WORDS), min_size=1, max_size=3).map(" ".join)


@SEEDED
@given(rows=st.lists(st.lists(cell_text, min_size=2, max_size=2), min_size=1, max_size=8))
def test_thai_text_saved_as_tis620_reads_back_unchanged(rows: list[list[str]]) -> None:
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    assert decode_text(text.encode("cp874")) == text


cell_value = st.one_of(
    st.none(),
    cell_text,
    st.integers(-(10**9), 10**9),
    # Money and measurements as staff type them (Excel itself keeps 15 significant digits).
    st.integers(-(10**9), 10**9)
    .map(lambda thousandths: thousandths / 1000)
    .filter(lambda number: not number.is_integer()),
    st.booleans(),
)


def without_trailing_blanks(rows: list[list[object]]) -> list[list[object]]:
    kept = [list(row) for row in rows]
    while kept and all(value is None for value in kept[-1]):
        kept.pop()
    width = max((index + 1 for row in kept for index, value in enumerate(row) if value is not None), default=0)
    return [row[:width] for row in kept]


@settings(derandomize=True, max_examples=25, deadline=None)
@given(rows=st.lists(st.lists(cell_value, min_size=3, max_size=3), min_size=1, max_size=6))
def test_an_xlsx_reads_back_as_written_apart_from_trailing_blanks(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[object]]
) -> None:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path_factory.mktemp("book") / "book.xlsx"
    book.save(path)
    expected = without_trailing_blanks(rows)
    if not expected:
        with pytest.raises(UnreadableFile, match="no data"):
            read_sheets(path.read_bytes(), "book.xlsx")
        return
    [sheet] = read_sheets(path.read_bytes(), "book.xlsx")
    assert sheet.rows == expected
