"""`data_rows` finds blank, total and note rows column-wise, for speed; whatever the cells, it must
agree with the plain row-by-row rule it replaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from data_sources.headers import HeaderMatch
from data_sources.readers.base import as_grid
from data_sources.report import ValidationReport
from data_sources.validation import _footer_word, _is_blank, data_rows

_WORDS = [
    "", " ", "\u3000", "\x1c", "-", "12", "เมืองทอง", "รวม", "ร ว ม", "ยอดรวม", "รวมทั้งสิ้น", "Grand Total",
    "total:", "SUM", "หมายเหตุ: ข้อมูลจากกองช่าง", "ที่มา", "แหล่งที่มา", "ผู้จัดทำ", "ผู้จัดทํา", "Note", "source ",
]
_CELLS = st.one_of(
    st.none(), st.sampled_from(_WORDS), st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6)
)


def _row_by_row(rows: list[list[object]], header_row: int) -> tuple[list[int], list[int]]:
    kept, footers = [], []
    for index in range(header_row + 1, len(rows)):
        row = rows[index]
        if _is_blank(row):
            continue
        if _footer_word(row) is not None:
            footers.append(index + 1)
            continue
        kept.append(index + 1)
    return kept, footers


@settings(max_examples=300)
@given(st.lists(st.lists(_CELLS, min_size=3, max_size=3), min_size=1, max_size=12))
def test_data_rows_agree_with_the_row_by_row_rule(rows: list[list[object]]) -> None:
    match = HeaderMatch(sheet="S", header_row=0, header_rows=1, headers=["a", "b", "c"])
    report = ValidationReport("complaints", "file.xlsx")
    found = data_rows(as_grid(rows), match, report)
    kept, footers = _row_by_row(rows, 0)
    assert found.excel_rows == kept
    assert [issue.row for issue in report.issues if issue.code == "total-row-skipped"] == footers
    assert found.grid.tolist() == [rows[number - 1] for number in kept]
