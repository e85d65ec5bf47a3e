"""The Thai calendar, the one home of its rules: Buddhist-era years, month names, the fiscal year.

Every layer (readers, metrics, chatbot, ui, demo) imports these; none writes 543 or the fiscal
year's first month itself.

Year rule for years as staff write them (`ce_year`):
- a four-digit year above 2400 is Buddhist era (พ.ศ.) and 543 is subtracted (พ.ศ. − 543 = ค.ศ.);
- a four-digit year from 1900 to 2200 is Christian era (ค.ศ.) and kept;
- a two-digit year is Buddhist era in the 2500s: 65 is 2565, which is 2022;
- any other year (3 digits, 2201–2400, before 1900) is not read: the cell is reported, never guessed.

Fiscal year rule: ปีงบประมาณ runs 1 October – 30 September and is named after the Buddhist-era
year it ends in: ปีงบประมาณ 2568 = 1 Oct 2024 – 30 Sep 2025.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np
import pandas as pd

BE_OFFSET = 543  # พ.ศ. − 543 = ค.ศ.
FISCAL_START_MONTH = 10  # ปีงบประมาณเริ่ม 1 ตุลาคม

THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
THAI_MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
ENGLISH_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

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


def be_year(ce: int) -> int:
    """The Buddhist-era year of a Christian-era year (พ.ศ. = ค.ศ. + 543).

    >>> be_year(2026)
    2569
    """
    return ce + BE_OFFSET


def ce_of_be(be: int) -> int:
    """The Christian-era year of a Buddhist-era year.

    >>> ce_of_be(2569)
    2026
    """
    return be - BE_OFFSET


def fiscal_year(day: date) -> int:
    """The Thai fiscal year (BE) that `day` falls in.

    >>> fiscal_year(date(2024, 10, 1)), fiscal_year(date(2024, 9, 30))
    (2568, 2567)
    """
    return be_year(day.year) + (1 if day.month >= FISCAL_START_MONTH else 0)


def fiscal_years(stamps: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """`fiscal_year` of each timestamp, as a float array (NaN where the stamp is missing)."""
    index = pd.DatetimeIndex(stamps)
    years = (
        index.year.to_numpy(dtype="float64") + BE_OFFSET + (index.month.to_numpy(dtype="float64") >= FISCAL_START_MONTH)
    )
    return years


def fiscal_year_start(fiscal_year_be: int) -> date:
    """1 October of the year before: ปีงบประมาณ 2568 starts on 2024-10-01.

    >>> fiscal_year_start(2568)
    datetime.date(2024, 10, 1)
    """
    return date(ce_of_be(fiscal_year_be) - 1, FISCAL_START_MONTH, 1)


def fiscal_month_date(fiscal_year_be: int, month: int) -> date:
    """The first day of calendar `month` inside a fiscal year: ต.ค.–ธ.ค. fall in the year before.

    >>> fiscal_month_date(2568, 11), fiscal_month_date(2568, 3)
    (datetime.date(2024, 11, 1), datetime.date(2025, 3, 1))
    """
    year = ce_of_be(fiscal_year_be) - (1 if month >= FISCAL_START_MONTH else 0)
    return date(year, month, 1)


def months_into_fiscal_year(day: date) -> int:
    """Which month of its fiscal year `day` is in: 1 for October ... 12 for September.

    >>> months_into_fiscal_year(date(2026, 11, 23)), months_into_fiscal_year(date(2026, 9, 1))
    (2, 12)
    """
    return (day.month - FISCAL_START_MONTH) % 12 + 1


def fiscal_year_first_month(day: date) -> date:
    """1 October that opens the fiscal year `day` is in.

    >>> fiscal_year_first_month(date(2026, 3, 5))
    datetime.date(2025, 10, 1)
    """
    return fiscal_year_start(fiscal_year(day))


def date_label(day: date | datetime, lang: str = "th", *, with_time: bool = False) -> str:
    """A date as people read it: "23 พ.ย. 2569" in Thai, "23 Nov 2026" in English.

    >>> date_label(date(2026, 11, 23)), date_label(datetime(2026, 11, 23, 9, 30), "en", with_time=True)
    ('23 พ.ย. 2569', '23 Nov 2026 09:30')
    >>> date_label(datetime(2026, 11, 23, 9, 30), "th", with_time=True)
    '23 พ.ย. 2569 09:30 น.'
    """
    if lang == "th":
        text = f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {be_year(day.year)}"
        return f"{text} {day:%H:%M} น." if with_time and isinstance(day, datetime) else text
    text = f"{day.day} {ENGLISH_MONTHS_SHORT[day.month - 1]} {day.year}"
    return f"{text} {day:%H:%M}" if with_time and isinstance(day, datetime) else text


def month_label(day: date | datetime, lang: str = "th", *, short_year: bool = False) -> str:
    """A month: "พ.ย. 2569" / "Nov 2026"; with `short_year`, "พ.ย. 69" / "Nov 26" (chart axes).

    >>> month_label(date(2026, 11, 1)), month_label(date(2026, 11, 1), "en", short_year=True)
    ('พ.ย. 2569', 'Nov 26')
    """
    if lang == "th":
        year = be_year(day.year)
        return (
            f"{THAI_MONTHS_SHORT[day.month - 1]} {year % 100:02d}"
            if short_year
            else f"{THAI_MONTHS_SHORT[day.month - 1]} {year}"
        )
    return (
        f"{ENGLISH_MONTHS_SHORT[day.month - 1]} {day.year % 100:02d}"
        if short_year
        else f"{ENGLISH_MONTHS_SHORT[day.month - 1]} {day.year}"
    )
