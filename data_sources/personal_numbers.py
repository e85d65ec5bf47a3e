"""Phone and national ID numbers found in free text, masked before anyone else reads it.

Citizens and clerks type them every way: 081-234-5678, 08 1234 5678, +66 81 234 5678,
0066812345678, (073) 212-345, 073 212 345, ๐๘๑๒๓๔๕๖๗๘ in Thai digits, and ID numbers as
1-1017-00230-70-5 or thirteen digits in a row. One masker serves the public pages, the exports
and the chatbot, so a form missed here is missed nowhere else either.
"""

from __future__ import annotations

import re

from data_sources.schema import Dataset
from data_sources.values.digits import from_thai_digits

MASK = "[ปกปิด/redacted]"
# Between digit groups: spaces, dashes, dots, and the invisible characters pasted text carries.
_GAP = r"[\s\-.\u200b\u200c\u200d\u2060\ufeff]?"
_NATIONAL_ID = re.compile(rf"(?<![\d+])\d(?:{_GAP}\d){{12}}(?!\d)")
# A Thai number: a trunk 0, or the country code 66 (written +66, 0066 or 66, sometimes "+66 (0)"),
# then 8 digits (landlines, 0 73 212 345) or 9 (mobiles, 0 81 234 5678). Hotlines (1555, 191)
# are shorter and stay.
_COUNTRY = rf"(?:(?:\+|00){_GAP}66|(?<![\d+])66){_GAP}(?:\(0\){_GAP})?"
_TRUNK = r"(?<![\d+])\(?0"
_PHONE = re.compile(rf"(?:{_COUNTRY}|{_TRUNK}){_GAP}\(?\d(?:\)?{_GAP}\d){{7,8}}(?!\d)")


def mask_personal_numbers(text: str, *, mask: str = MASK) -> str:
    """`text` with every phone and national ID number replaced by `mask`.

    >>> mask_personal_numbers("โทร +66 81 234 5678 หรือ ๐๗๓-๒๑๒-๓๔๕ บ้านเลขที่ 84/12")
    'โทร [ปกปิด/redacted] หรือ [ปกปิด/redacted] บ้านเลขที่ 84/12'
    """
    # Thai digits become Arabic one for one, so the positions found apply to the text as typed.
    plain = from_thai_digits(text)
    spans = [m.span() for m in _NATIONAL_ID.finditer(plain)]
    spans += [m.span() for m in _PHONE.finditer(plain) if not any(m.start() < e and s < m.end() for s, e in spans)]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + mask + text[end:]
    return text


def first_phone(text: str) -> str | None:
    """The first phone number in `text`, digits only (Arabic), as a contact field keeps it.

    >>> first_phone("สมชาย ๐๘๑-๒๓๔-๕๖๗๘"), first_phone("+66 81 234 5678"), first_phone("ไม่มี")
    ('0812345678', '+66812345678', None)
    """
    found = _PHONE.search(from_thai_digits(text))
    return None if found is None else re.sub(r"[^\d+]", "", found.group(0))


def free_text_columns(declared: Dataset) -> tuple[str, ...]:
    """The public columns of `declared` that are free text, masked wherever they are shown."""
    return tuple(c.key for c in declared.columns if not c.personal and c.kind.free_text)
