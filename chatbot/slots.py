"""Slots: the details a message carries (ticket number, community, station, period, complaint category).

Every slot is found in `clean` text (Thai digits already Arabic), so "๐๐๐๑/๒๕๖๘" and "0001/2568"
read alike. Slot values are plain JSON types, ready for the CLI.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any, Literal

import pandas as pd

from chatbot.text import clean, to_arabic_digits
from data_sources import thai_calendar
from data_sources.adapters.complaints import CATEGORIES
from data_sources.city import profile

StationKind = Literal["air", "river"]

# Ticket numbers as offices write them: 0001/2568, 15/2568, YL68-00041, CB68-00012.
# "CB70-00012", "0001/2568", and as typed on a phone: "cb70 00012", "CB70 - 12" (read as CB70-00012 / CB70-12).
_TICKET = re.compile(
    r"(?<![\w/.])(?:[a-z]{1,4}\d{0,4}\s?-\s?\d{1,6}|(?!pm)[a-z]{1,4}\d{2,4}\s\d{3,6}|\d{1,6}/\d{2,4})(?![\w/.])",
    re.IGNORECASE,
)
_TICKET_GAP = re.compile(r"\s*-\s*|\s+")
_SLASH_GAP = re.compile(r"(?<=\d)\s+/\s*|(?<=\d)/\s+(?=\d)")


def _typed(text: str) -> str:
    """`clean` text with a ticket's slash closed up ("0001 / 2568" -> "0001/2568")."""
    return _SLASH_GAP.sub("/", clean(text))


_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")
_NOT_TICKET_CHARS = re.compile(r"[^0-9a-z/-]")


def ticket(text: str) -> str | None:
    """The first ticket-like token, upper-cased ("yl68-00041" -> "YL68-00041"); station codes are not tickets."""
    stations = _station_codes()
    found = (_TICKET_GAP.sub("-", m.group(0)).upper() for m in _TICKET.finditer(_typed(text)))
    return next((value for value in found if value not in stations), None)


@cache
def _station_codes() -> frozenset[str]:
    city = profile()
    return frozenset(s["code"].upper() for s in (*city["air_stations"], *city["river_stations"]))


def is_bare_ticket(text: str) -> bool:
    """True when the whole message is one ticket number (then it can only be a status lookup)."""
    cleaned = _typed(text).strip(" .?!")
    return _TICKET.fullmatch(cleaned) is not None and _TICKET_GAP.sub("-", cleaned).upper() not in _station_codes()


def ticket_key(value: str) -> str:
    """A comparable form: case, spaces and leading zeros ignored ("0001/2568" == "1/2568")."""
    compact = _NOT_TICKET_CHARS.sub("", to_arabic_digits(value).lower())
    return _LEADING_ZEROS.sub("", compact)


def matching_tickets(values: pd.Series, wanted: str) -> pd.Series:
    """A boolean mask of the tickets in `values` whose `ticket_key` equals that of `wanted`.

    A complaints table has tens of thousands of rows: a fast substring test on each digit group
    (Arabic or Thai digits) narrows them down before the exact comparison.
    """
    key = ticket_key(wanted)
    mask = pd.Series(True, index=values.index)
    for digits in re.findall(r"\d+", key):
        thai = digits.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        mask &= values.str.contains(digits, regex=False).fillna(False) | values.str.contains(thai, regex=False).fillna(
            False
        )
    candidates = values[mask]
    mask.loc[candidates.index] = [isinstance(v, str) and ticket_key(v) == key for v in candidates]
    return mask.astype(bool)


# ----------------------------------------------------------------- places


@cache
def _community_names() -> tuple[tuple[str, str], ...]:
    """(searchable form, Thai name) pairs, longest first, Thai and English."""
    pairs = []
    for community in profile()["communities"]:
        name = community["name_th"]
        pairs.append((name.replace(" ", ""), name))
        pairs.append((community["name_en"].lower().replace(" ", ""), name))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def community(text: str, *, fuzzy: bool = True) -> str | None:
    """The community named in `text` (its Thai name in the city profile), typos tolerated."""
    unspaced = clean(text).replace(" ", "")
    for form, name in _community_names():
        if form in unspaced:
            return name
    return _fuzzy_community(unspaced) if fuzzy else None


def _fuzzy_community(unspaced: str) -> str | None:
    # Only after the word "ชุมชน"/"community": elsewhere a near match is too often a different word.
    for marker in ("ชุมชน", "community"):
        position = unspaced.find(marker)
        if position < 0:
            continue
        after = unspaced[position + len(marker) :][:24]
        before = unspaced[max(0, position - 24) : position]
        for candidate in (after, before):
            name = _closest_prefix(candidate)
            if name:
                return name
    return None


def _closest_prefix(candidate: str) -> str | None:
    best, best_ratio = None, 0.0
    for form, name in _community_names():
        if len(form) < 4 or not candidate:
            continue
        for piece in (candidate[: len(form)], candidate[-len(form) :]):
            ratio = difflib.SequenceMatcher(None, piece, form).ratio()
            if ratio > best_ratio:
                best, best_ratio = name, ratio
    return best if best_ratio >= 0.8 else None


@cache
def _station_names(kind: StationKind) -> tuple[tuple[str, str], ...]:
    """(searchable form, station code) pairs, longest first: code, main Thai and English names."""
    pairs = []
    for station in profile()[f"{kind}_stations"]:
        code = station["code"]
        forms = {code.lower(), code.lower().replace(".", "").replace("-", "")}
        for name in (station["name_th"], station["name_en"].lower()):
            main = name.split("(")[0].strip().replace(" ", "")
            forms |= {main, main.removeprefix("บ้าน").removeprefix("ban")}
        pairs.extend((form, code) for form in forms if len(form) >= 3)
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def station(text: str, kind: StationKind) -> str | None:
    """The code of the air or river station named in `text` (by code or name)."""
    unspaced = clean(text).replace(" ", "")
    return next((code for form, code in _station_names(kind) if form in unspaced), None)


# ----------------------------------------------------------------- periods

_FISCAL = re.compile(r"(?:ปีงบประมาณ|ปีงบ|fy|fiscalyear|financialyear)(?:พ\.?ศ\.?)?(\d{4}|\d{2})(?!\d)")
_FISCAL_THIS = re.compile(r"ปีงบประมาณนี้|ปีงบนี้|thisfiscalyear|thisfy")
_YEAR = re.compile(r"(?:ปี|พ\.ศ\.|year|in)(?:พ\.ศ\.)?(\d{4})(?!\d)")
_RELATIVE: tuple[tuple[str, str], ...] = (
    ("เมื่อวานซืน", "day_before_yesterday"), ("เมื่อวาน", "yesterday"), ("yesterday", "yesterday"),
    ("วันนี้", "today"), ("ตอนนี้", "today"), ("ขณะนี้", "today"), ("today", "today"), ("now", "today"),
    ("สัปดาห์นี้", "this_week"), ("อาทิตย์นี้", "this_week"), ("thisweek", "this_week"),
    ("เดือนที่แล้ว", "last_month"), ("เดือนก่อน", "last_month"), ("lastmonth", "last_month"),
    ("เดือนนี้", "this_month"), ("thismonth", "this_month"),
    ("ปีที่แล้ว", "last_year"), ("ปีก่อน", "last_year"), ("ปีกลาย", "last_year"), ("lastyear", "last_year"),
    ("ปีนี้", "this_year"), ("thisyear", "this_year"),
)  # fmt: skip


def be_year(year: int) -> int:
    """A year as the Buddhist era: 68 -> 2568, 2025 -> 2568, 2568 -> 2568."""
    if year < 100:
        return 2500 + year
    return thai_calendar.be_year(year) if year < 2400 else year


def period(text: str) -> dict[str, Any] | None:
    """{"kind": ..., "year": BE or None}: today, yesterday, this_week, this/last month and year, fiscal_year, year."""
    unspaced = clean(text).replace(" ", "")
    if match := _FISCAL.search(unspaced):
        return {"kind": "fiscal_year", "year": be_year(int(match.group(1)))}
    if _FISCAL_THIS.search(unspaced):
        return {"kind": "fiscal_year", "year": None}
    if match := _YEAR.search(unspaced):
        return {"kind": "year", "year": be_year(int(match.group(1)))}
    for word, kind in _RELATIVE:
        if word in unspaced:
            return {"kind": kind, "year": None}
    return None


# ----------------------------------------------------------------- complaint categories

# Words citizens use beyond the adapter's synonyms; the longest match wins ("ไฟถนน" over "ถนน").
_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "road": ("หลุม", "ถนนพัง", "ถนนยุบ", "ถนนชำรุด", "ทางเท้า", "ฟุตบาท", "ฝาท่อ", "pothole", "road", "footpath", "sidewalk"),
    "streetlight": (
        "ไฟถนน",
        "ไฟทาง",
        "ไฟกิ่ง",
        "เสาไฟ",
        "ไฟส่องสว่าง",
        "streetlight",
        "streetlamp",
        "lamp",
        "brokenlight",
        "lightisout",
        "lightsareout",
        "lightisoff",
        "lightsareoff",
        "lightpost",
    ),
    "drainage": ("ท่อระบาย", "ท่อตัน", "ท่อน้ำทิ้ง", "น้ำขัง", "น้ำท่วมขัง", "รางระบาย", "drain", "sewer", "sewage"),
    "waste": ("ขยะ", "ถังขยะ", "garbage", "trash", "rubbish", "litter", "dumping"),
    "water_supply": ("ประปา", "น้ำไม่ไหล", "น้ำไหลอ่อน", "ท่อแตก", "tapwater", "waterpipe", "waterpressure"),
    "noise": ("เสียงดัง", "เสียงรบกวน", "กลิ่นเหม็น", "เหม็น", "ควัน", "เผาขยะ", "noise", "loud", "smell", "smoke"),
    "animals": ("หมา", "สุนัข", "แมว", "dog", "cat"),
    "trees": ("ต้นไม้", "กิ่งไม้", "หญ้ารก", "tree", "branch", "grass"),
    "public_health": ("ยุง", "ลูกน้ำ", "ไข้เลือดออก", "mosquito", "dengue"),
    "traffic": ("จอดรถ", "รถจอด", "จอดขวาง", "จอดซ้อนคัน", "ขวางทางเข้า", "จราจร", "รถติด", "parking", "parked", "traffic"),
    "market": (
        "แผงลอย",
        "หาบเร่",
        "แม่ค้า",
        "ตั้งโต๊ะ",
        "วางของขาย",
        "แผงขาย",
        "ตั้งร้าน",
        "กางร่ม",
        "vendor",
        "stall",
        "hawker",
    ),
    "other": ("อื่นๆ", "อื่น", "other"),
}


@cache
def _category_words() -> tuple[tuple[str, str], ...]:
    pairs = []
    for option in CATEGORIES.options:
        words = (option.key, option.label_th, option.label_en, *option.synonyms, *_CATEGORY_WORDS.get(option.key, ()))
        pairs.extend((clean(word).replace(" ", ""), option.key) for word in words)
    return tuple(sorted(set(pairs), key=lambda pair: -len(pair[0])))


def category(text: str) -> str | None:
    """The complaint category key the message speaks of, or None: the category whose words cover
    most of the message (each word counted once, longest first, so "ไฟถนน" is not also "ถนน").
    Community names are taken out first: "ตลาดเก่าซอย 8" is a place, not a market.

    >>> category("แผงลอยตั้งโต๊ะบนฟุตบาทเดินไม่ได้"), category("ชุมชนตลาดเก่าซอย 8"), category("ไฟถนนดับ")
    ('market', None, 'streetlight')
    """
    unspaced = clean(text).replace(" ", "")
    for form, _ in _community_names():
        unspaced = unspaced.replace(form, " ")
    covered: dict[str, int] = {}
    first: dict[str, int] = {}  # a tie goes to the kind named first ("แผงลอยบนฟุตบาท" is about the stalls)
    original = unspaced
    for word, key in _category_words():
        if word and word in unspaced:
            covered[key] = covered.get(key, 0) + len(word) * unspaced.count(word)
            first[key] = min(first.get(key, len(original)), original.find(word))
            unspaced = unspaced.replace(word, " ")
    return max(covered, key=lambda key: (covered[key], -first[key])) if covered else None


def extract(text: str, intent: str) -> dict[str, Any]:
    """The slots worth reporting for `intent`; only those found."""
    found: dict[str, Any] = {
        "ticket": ticket(text),
        "community": community(text, fuzzy=intent in {"city_statistics", "water_level", "complaint_new"}),
        "station": station(text, "river" if intent == "water_level" else "air")
        if intent in {"air_quality", "water_level"}
        else None,
        "period": period(text),
        "category": category(text) if intent in {"complaint_new", "complaint_status"} else None,
    }
    return {name: value for name, value in found.items() if value is not None}
