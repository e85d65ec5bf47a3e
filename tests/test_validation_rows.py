"""`data_rows` finds blank, total, note, signature and sub-heading rows column-wise, for speed;
whatever the cells, it must agree with the plain row-by-row rule (`layout.classify_row`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from data_sources.headers import HeaderMatch
from data_sources.layout import RowClass, classify_row
from data_sources.readers.base import as_grid
from data_sources.report import ValidationReport
from data_sources.validation import data_rows

_WORDS = [
    "",
    " ",
    "\u3000",
    "\x1c",
    "-",
    "12",
    "เมืองทอง",
    "รวม",
    "ร ว ม",
    "ยอดรวม",
    "รวมทั้งสิ้น",
    "Grand Total",
    "total:",
    "SUM",
    "หมายเหตุ: ข้อมูลจากกองช่าง",
    "ที่มา",
    "แหล่งที่มา",
    "ผู้จัดทำ",
    "ผู้จัดทํา",
    "Note",
    "source ",
    "รวมทั้งสิ้น 30 เรื่อง",
    "ลงชื่อ ....... ผู้รายงาน",
    "(นายสมชาย ใจดี)",
    "ตำแหน่ง หัวหน้าฝ่าย",
    "........",
    "สัปดาห์ที่ 1",
    "ตุลาคม 2568",
]
_CELLS = st.one_of(
    st.none(),
    st.sampled_from(_WORDS),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
)


def _row_by_row(rows: list[list[object]], header_row: int) -> tuple[list[int], list[int], list[int]]:
    """Kept rows, total/note rows and sub-heading rows; a signature block runs on below its first
    line through short text-only rows."""
    found = {i: classify_row(rows[i]) for i in range(header_row + 1, len(rows))}
    found = {i: kind for i, kind in found.items() if kind is not None}
    signatures = [i for i, kind in found.items() if kind.kind == "signature"]
    for index in range(min(signatures, default=len(rows)) + 1, len(rows)):
        if index in found and found[index].kind != "heading":
            continue
        cells = [c for c in rows[index] if c is not None and not (isinstance(c, str) and not c.strip())]
        if not (len(cells) <= 4 and all(isinstance(c, str) for c in cells)):
            break
        found[index] = RowClass("signature", "")
    kept = [i + 1 for i in range(header_row + 1, len(rows)) if i not in found]
    footers = sorted(i + 1 for i, kind in found.items() if kind.kind in ("total", "note"))
    headings = sorted(i + 1 for i, kind in found.items() if kind.kind == "heading")
    return kept, footers, headings


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=3, max_size=3), min_size=1, max_size=12))
def test_data_rows_agree_with_the_row_by_row_rule(rows: list[list[object]]) -> None:
    match = HeaderMatch(sheet="S", header_row=0, header_rows=1, headers=["a", "b", "c"])
    report = ValidationReport("complaints", "file.xlsx")
    found = data_rows(as_grid(rows), match, report)
    kept, footers, headings = _row_by_row(rows, 0)
    assert found.excel_rows == kept
    assert [issue.row for issue in report.issues if issue.code == "total-row-skipped"] == footers
    assert [issue.row for issue in report.issues if issue.code == "subheading-skipped"] == headings
    assert found.grid.tolist() == [rows[number - 1] for number in kept]
