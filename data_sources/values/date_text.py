"""Reading a date, time or month written as text, in any of the forms Thai staff use.

Day first, always (the Thai convention): 03/04/2565 is 3 April. Which era a year is in is decided
in `thai_calendar.ce_year`. The result is the written parts; `dates` turns them into moments.
"""

from __future__ import annotations

import re
from datetime import time
from typing import NamedTuple

from data_sources.thai_calendar import (
    MONTH_PATTERN,
    MONTH_WORDS,
    NOISE_WORDS,
    THAI_ABBREVIATION_DOT,
    ce_year,
)
from data_sources.values.digits import clean_digits
from data_sources.values.problems import UnreadableCell
from data_sources.values.text import DASHES

_SEP = r"[\s\-/.,]*"
_YEAR = r"(\d{2}|\d{4})"
# "09.30 น.", "9:30", "09:30:15", "14.20น", "2:30 pm" at the end; "t" joins ISO date and time.
_TIME = re.compile(
    r"(?:^|[\s,]+|(?<=\d)t)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.(\d{1,6}))?)?\s*(น|นาฬิกา|hrs?|h|am|pm|a\.m\.|p\.m\.)?$"
)
# "14.20 น. 21 พ.ย. 65": a time first must say น. (นาฬิกา), or "21.11" could be read as a time.
_LEADING_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.(\d{1,6}))?)?\s*(นาฬิกา|น)\s*")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.]" + _YEAR)
_YEAR_MONTH_DAY = re.compile(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/\-.]" + _YEAR)
_YEAR_MONTH = re.compile(r"(\d{4})[/\-.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# The form most cells take ("21/11/2565", "21/11/2565 09.30 น."), read without normalising first:
# a sheet of 100,000 distinct times is read three times faster this way.
_PLAIN = re.compile(
    r"\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?:\s+([0-9]{1,2})[.:]([0-9]{2})(?:[.:]([0-9]{2}))?(?:\s*น\.?)?)?\s*"
)
# With the month word replaced by "@": "21 @ 2565", "@ 21, 2022", "@ 67", "21 @", "@".
_NAMED_DAY_YEAR = re.compile(rf"(\d{{1,2}}){_SEP}@{_SEP}{_YEAR}")
_NAMED_ENGLISH = re.compile(rf"@{_SEP}(\d{{1,2}}),?\s+(\d{{4}})")
_NAMED_YEAR = re.compile(rf"@{_SEP}{_YEAR}")
_NAMED_DAY = re.compile(rf"(\d{{1,2}}){_SEP}@")


class Parts(NamedTuple):
    """What a written date says. `year` is Christian era; None where the text leaves it out."""

    year: int | None
    month: int
    day: int | None
    clock: time | None = None


def _year(written: str) -> int:
    year = ce_year(written)
    if year is None:
        raise UnreadableCell("not-a-date")
    return year


def _clock(match: re.Match[str]) -> time:
    hour, minute = int(match[1]), int(match[2])
    second, fraction, suffix = int(match[3] or 0), (match[4] or "").ljust(6, "0"), match[5] or ""
    if suffix.startswith(("am", "a.", "pm", "p.")):
        if not 1 <= hour <= 12:
            raise UnreadableCell("impossible-time")
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    return _valid_clock(hour, minute, second, int(fraction))


def _valid_clock(hour: int, minute: int, second: int = 0, microsecond: int = 0) -> time:
    if hour > 23 or minute > 59 or second > 59:
        raise UnreadableCell("impossible-time")
    return time(hour, minute, second, microsecond)


def _plain_parts(match: re.Match[str]) -> Parts:
    clock = None if match[4] is None else _valid_clock(int(match[4]), int(match[5]), int(match[6] or 0))
    return Parts(_year(match[3]), int(match[2]), int(match[1]), clock)


def _numeric_parts(text: str) -> Parts | None:
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        return Parts(_year(match[3]), int(match[2]), int(match[1]))
    if match := _YEAR_MONTH_DAY.fullmatch(text):
        return Parts(_year(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH_YEAR.fullmatch(text):
        return Parts(_year(match[2]), int(match[1]), None)
    if match := _YEAR_MONTH.fullmatch(text):
        return Parts(_year(match[1]), int(match[2]), None)
    if match := _COMPACT.fullmatch(text):  # 20221121, or 21112565 typed without slashes
        if ce_year(match[1]) is not None and 1 <= int(match[2]) <= 12:
            return Parts(_year(match[1]), int(match[2]), int(match[3]))
        return Parts(_year(text[4:]), int(text[2:4]), int(text[:2]))
    return None


def _named_parts(text: str) -> Parts | None:
    found = MONTH_PATTERN.search(text)
    if found is None:
        return None
    month = MONTH_WORDS[found[1]]
    shape = (text[: found.start()] + "@" + text[found.end() :]).strip(" ,")
    if match := _NAMED_DAY_YEAR.fullmatch(shape):
        return Parts(_year(match[2]), month, int(match[1]))
    if match := _NAMED_ENGLISH.fullmatch(shape):
        return Parts(_year(match[2]), month, int(match[1]))
    if match := _NAMED_YEAR.fullmatch(shape):
        return Parts(_year(match[1]), month, None)
    if match := _NAMED_DAY.fullmatch(shape):
        return Parts(None, month, int(match[1]))
    return Parts(None, month, None) if shape == "@" else None


def _normalise(text: str) -> str:
    text = THAI_ABBREVIATION_DOT.sub("", clean_digits(text).lower())
    return " ".join(NOISE_WORDS.sub(" ", text).split()).strip(" ,")


def _split_clock(text: str) -> tuple[str, time | None]:
    """The date part and the time of day, written after the date or, with "น.", before it."""
    match = _TIME.search(text)
    if match and match.start() > 0:
        return text[: match.start()], _clock(match)
    match = _LEADING_TIME.match(text)
    if match and match.end() < len(text):
        return text[match.end() :], _clock(match)
    return text, None


def read_parts(text: str) -> Parts | float | None:
    """What a date written as text says: `Parts`, a number (an Excel serial typed or exported as
    text), or None when blank. Raises `UnreadableCell` when it is not a date.

    >>> read_parts("วันที่ 21 เดือนพฤศจิกายน พ.ศ. 2565")
    Parts(year=2022, month=11, day=21, clock=None)
    >>> read_parts("21/11/2565 09.30 น.")
    Parts(year=2022, month=11, day=21, clock=datetime.time(9, 30))
    """
    if plain := _PLAIN.fullmatch(text):
        return _plain_parts(plain)
    text = _normalise(text)
    if not text or text in DASHES:
        return None
    text, clock = _split_clock(text)
    parts = _numeric_parts(text) or _named_parts(text)
    if parts is None:
        if clock is None and _NUMBER.fullmatch(text):
            return float(text)
        raise UnreadableCell("not-a-date")
    return parts._replace(clock=clock)
