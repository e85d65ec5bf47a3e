"""Thai calendar words: month names as staff write them, and which era a written year is in.

Year rule (the one place it is decided):
- a four-digit year above 2400 is Buddhist era (พ.ศ.) and 543 is subtracted (พ.ศ. − 543 = ค.ศ.);
- a four-digit year from 1900 to 2200 is Christian era (ค.ศ.) and kept;
- a two-digit year is Buddhist era in the 2500s: 65 is 2565, which is 2022;
- any other year (3 digits, 2201–2400, before 1900) is not read: the cell is reported, never guessed.
"""

from __future__ import annotations

import re

BE_OFFSET = 543  # พ.ศ. − 543 = ค.ศ.

# Keys are written as the date reader sees them: lower case, dots after Thai letters removed
# ("พ.ย." -> "พย"). Common misspellings and the colloquial short forms are listed with the rest.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("มกราคม", "มกรา", "มค", "january", "jan"),
    2: ("กุมภาพันธ์", "กุมภาพันธ", "กุมภาพัน", "กุมภา", "กพ", "february", "feb"),
    3: ("มีนาคม", "มีนา", "มีค", "march", "mar"),
    4: ("เมษายน", "เมษา", "เมย", "april", "apr"),
    5: ("พฤษภาคม", "พฤศภาคม", "พฤษภา", "พค", "may"),
    6: ("มิถุนายน", "มิถุนายม", "มิถุนา", "มิย", "june", "jun"),
    7: ("กรกฎาคม", "กรกฏาคม", "กรกฎา", "กรกฏา", "กค", "july", "jul"),
    8: ("สิงหาคม", "สิงหา", "สค", "august", "aug"),
    9: ("กันยายน", "กันยายม", "กันยา", "กย", "september", "sept", "sep"),
    10: ("ตุลาคม", "ตุลา", "ตค", "october", "oct"),
    11: ("พฤศจิกายน", "พฤษจิกายน", "พฤศจิกา", "พย", "november", "nov"),
    12: ("ธันวาคม", "ธันวา", "ธค", "december", "dec"),
}
MONTH_WORDS: dict[str, int] = {name: month for month, names in _MONTH_NAMES.items() for name in names}

_THAI_LETTER = "\u0e01-\u0e4f"
# Longest names first, so "พฤศจิกายน" is not read as "พฤศจิกา" plus leftovers.
MONTH_PATTERN = re.compile(
    rf"(?<![a-z{_THAI_LETTER}])("
    + "|".join(sorted(map(re.escape, MONTH_WORDS), key=len, reverse=True))
    + rf")\.?(?![a-z{_THAI_LETTER}])"
)
# Dots (and the spaces after them) that follow a Thai letter belong to abbreviations: พ.ย., พ.ศ., น.
THAI_ABBREVIATION_DOT = re.compile(rf"(?<=[{_THAI_LETTER}])\.\s*")
# Words around a date that carry no value: "วันจันทร์ที่ 21 เดือนพฤศจิกายน พ.ศ. 2565 เวลา 09.30 น."
NOISE_WORDS = re.compile(
    r"วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)?(?:ที่)?|ที่|เดือน|พศ|คศ|ปี|เวลา"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?"
)


def ce_year(written: str) -> int | None:
    """The Christian-era year for a year as written, by the module's year rule; None if unreadable.

    >>> ce_year("2565"), ce_year("65"), ce_year("2022"), ce_year("2300")
    (2022, 2022, 2022, None)
    """
    if not written.isdigit():
        return None
    year = int(written)
    if len(written) == 2:
        return 2500 + year - BE_OFFSET
    if len(written) != 4:
        return None
    if year > 2400:
        return year - BE_OFFSET
    return year if 1900 <= year <= 2200 else None
