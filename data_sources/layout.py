"""Rows of a report that are not data: totals, notes, signature blocks and sub-headings.

Offices send the report they print. Under the table come a total row (`รวมทั้งสิ้น 30 เรื่อง`,
often merged across the first columns), notes (`หมายเหตุ`, `ที่มา`) and a signature block
(`ลงชื่อ ........ ผู้รายงาน`, `(นาย ... )`, `ตำแหน่ง ...`, dotted lines, a date line). Inside it, a
row holding one text cell is a sub-heading: a week (`สัปดาห์ที่ 1`), a month (`ตุลาคม 2568`) or a
community that the rows below belong to. `classify_row` is the row-by-row rule; validation runs
it only on the few rows a bulk pre-check flags.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from data_sources.headers import normalise_header
from data_sources.thai_calendar import MONTH_WORDS, THAI_ABBREVIATION_DOT
from data_sources.values.choices import match_choice
from data_sources.values.date_text import read_parts
from data_sources.values.digits import clean_digits
from data_sources.values.problems import UnreadableCell

RowKind = Literal["blank", "total", "note", "signature", "heading"]

# On the header-normalised text (no spaces, punctuation or case; Thai digits read as Arabic).
_COUNTED = "เรื่อง|รายการ|ราย|คน|แห่ง|ครั้ง|ชุมชน|โครงการ|หลัง|ครัวเรือน|วัน|สถานี|จุด|items?|cases?|rows?"
# A subtotal names what it sums: รวมวันที่ 1, รวมสัปดาห์ที่ 2, รวมกองช่าง, รวมรายรับทั้งสิ้น, รวมชุมชนเสรี.
_SUBTOTAL_OF = (
    "วันที่|วัน|สัปดาห์|เดือน|ประจำ|ไตรมาส|ปีงบ|ปี|ชุมชน|เขต|โซน|กอง|สำนัก|หมวด|ประเภท|สถานี|รายรับ|รายได้|รายจ่าย|งบ|โครงการ|ยอด"
)
_TOTAL = re.compile(
    r"^(?:ยอด)?รวม(?:ทั้งสิ้น|ทั้งหมด|ยอด|เป็นเงิน|เงิน|สุทธิ|ทุกชุมชน|ทั้งเดือน|ทั้งปี)*"
    rf"(?:\d+(?:{_COUNTED})?)?(?:บาท|ตัน|กก|ราย|คน|ครั้ง)?$"
    rf"|^(?:ยอด)?รวม(?:{_SUBTOTAL_OF})"
    rf"|^(?:grand|sub)?(?:total|sum)(?:\d+(?:{_COUNTED})?)?$|^(?:sub)?total(?:for|of)?(?:day|week|month|zone)|^ทั้งหมด$"
)
_NOTE = re.compile(r"^(หมายเหตุ|ที่มา|แหล่งที่มา|ผู้จัดทำ|ผู้รายงาน|note|source)")
# On the text as written (NFC, Thai digits read): a signature block's lines.
_ROLES = "ผู้รายงาน|ผู้อนุมัติ|ผู้ตรวจสอบ|ผู้จัดทำ|ผู้บันทึก|ผู้รับรอง|ผู้เสนอ|ผู้ให้ข้อมูล|ผู้ควบคุม|ผู้อำนวยการ|ปลัดเทศบาล|นายกเทศมนตรี"
_SIGNATURE = re.compile(
    r"^\(?\s*(?:ลงชื่อ|ลงนาม|ลายมือชื่อ|signed|signature)"
    rf"|{_ROLES}|(?:reported|approved|prepared|checked|certified) by"
    r"|^ตำแหน่ง|^position\b"
    r"|^\(\s*(?:นาย|นาง|น\.ส\.|ว่าที่|ดร\.|mr\b|mrs\b|ms\b|[.…_\s]*\)$)"
    r"|^(?:ณ\s*)?วันที่\s*[.…_\s/]*$|^(?:ณ\s*)?วันที่\s.*\d{4}\s*$",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^[\s.…_:/\-]*(?:\.\.|…|__)[\s.…_:/\-]*$")  # a line to sign or date on
_WEEK = re.compile(r"^(?:สัปดาห์ที่|สัปดาห์|week)\s*\d{1,2}\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# "ประจำเดือน ต.ค. 67", "รายงานประจำเดือนตุลาคม 2568": the words before the month say nothing.
_PERIOD_PREFIX = re.compile(r"^(?:ข้อมูล|รายงาน|สรุป(?:ผล)?)?\s*ประจำ\s*")
# Cells a bulk pre-check flags, matched on their letters alone: the words above, cut so spelling
# variants (ทำ typed as ท + ํ + า) still contain them. Text without letters (dotted lines) and
# text opening with "(" (a name in brackets) are flagged apart.
FOOTER_HINT = (
    "รวม|total|sum|ทั้งหมด|หมายเหตุ|ที่มา|ผู้รายงาน|ผู้อนุมัติ|ผู้ตรวจ|ผู้จัดท|ผู้บันทึก|ผู้รับรอง|ผู้เสนอ|ผู้ให้ข้อมูล"
    "|ผู้ควบคุม|ผู้อำนวยการ|ผู้อํานวยการ|ปลัดเทศบาล|นายกเทศมนตรี|note|source|ลงชื่อ|ลงนาม|ลายมือ|sign|ตำแหน่ง|ตําแหน่ง"
    "|position|วันที่|(?:reported|approved|prepared|checked|certified)by"
)

HeadingKind = Literal["week", "month", "community", "other"]


@dataclass(frozen=True)
class RowClass:
    kind: RowKind
    text: str  # the cell that decided it, as written
    heading: HeadingKind | None = None


def _filled(row: list[object]) -> list[object]:
    return [c for c in row if c is not None and not (isinstance(c, str) and not c.strip())]


def _plain(text: str) -> str:
    return clean_digits(unicodedata.normalize("NFC", text)).replace("ํา", "ำ")


def _label(filled: list[object]) -> str | None:
    """The row's first cell if it has a letter in it, passing over leading dashes and dotted lines."""
    for cell in filled[:3]:
        if not isinstance(cell, str):
            return None
        if _LETTER.search(cell):
            return cell.strip()
    return None


def classify_row(row: list[object]) -> RowClass | None:
    """What a row under the header is when it is not data; None for a data row."""
    filled = _filled(row)
    if not filled:
        return RowClass("blank", "")
    label = _label(filled)
    texts_only = all(isinstance(c, str) for c in filled)
    if label is None:
        if texts_only and len(filled) <= 4 and all(_DOTTED.match(c) for c in filled):  # type: ignore[arg-type]
            return RowClass("signature", str(filled[0]).strip())
        return None
    word = normalise_header(label)
    if _TOTAL.match(word):
        return RowClass("total", label)
    if _NOTE.match(word) and len(filled) <= 2:
        return RowClass("note", label)
    if texts_only and len(filled) <= 4 and _SIGNATURE.search(_plain(label)):
        return RowClass("signature", label)
    if len(filled) == 1:
        return RowClass("heading", label, heading_kind(label))
    return None


def heading_kind(text: str) -> HeadingKind:
    """What a sub-heading names: a week, a month (with or without its year), or something else.

    A community is recognised against a dataset's own list (`heading_value`).

    >>> heading_kind("สัปดาห์ที่ 1"), heading_kind("ตุลาคม 2568"), heading_kind("ประจำเดือน ต.ค. 67")
    ('week', 'month', 'month')
    >>> heading_kind("รายงานประจำเดือนตุลาคม 2568"), heading_kind("กลุ่มงานป้องกัน")
    ('month', 'other')
    """
    plain = _PERIOD_PREFIX.sub("", _plain(text).strip())
    if _WEEK.match(plain):
        return "week"
    try:
        parts = read_parts(plain)
    except UnreadableCell:
        parts = None
    if parts is not None and not isinstance(parts, float) and parts.day is None:
        return "month"
    return "other"


# "ประจำเดือน พฤศจิกายน 2569", "เดือนพ.ย. 69": the month a report's title names, after เดือน.
_MONTH_WORDS = "|".join(sorted(map(re.escape, MONTH_WORDS), key=len, reverse=True))
_TITLE_MONTH = re.compile(rf"เดือน\s*({_MONTH_WORDS})\s*(?:พศ)?\s*(\d{{4}}|\d{{2}})(?!\d)", re.IGNORECASE)


def title_month(rows: list[list[object]]) -> tuple[int, str] | None:
    """(row index, month as written) of the one month the title rows above a table name, if one.

    >>> title_month([["สรุปการจ่ายเบี้ยยังชีพ ประจำเดือน พฤศจิกายน ๒๕๖๙"], [None, "กองสวัสดิการสังคม"]])
    (0, 'พฤศจิกายน 2569')
    >>> title_month([["รายงานประจำเดือน ต.ค. 69 และเดือน พ.ย. 69"]]) is None
    True
    """
    found: dict[str, int] = {}
    for index, row in enumerate(rows):
        for cell in row:
            if isinstance(cell, str):
                text = THAI_ABBREVIATION_DOT.sub("", _plain(cell))
                for month in _TITLE_MONTH.finditer(text):
                    found.setdefault(f"{month.group(1)} {month.group(2)}", index)
    return (next(iter(found.values())), next(iter(found))) if len(found) == 1 else None


def community_of(text: str, choice: object) -> str | None:
    """The community a heading names in `choice` (a community Choice column's type), else None."""
    try:
        return match_choice(text, choice)  # type: ignore[arg-type]
    except (AttributeError, TypeError):
        return None


__all__ = ["FOOTER_HINT", "RowClass", "classify_row", "community_of", "heading_kind", "title_month"]
