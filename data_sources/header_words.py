"""What a header means: the words staff use for the same thing, and how close two headers are.

The names of each column (labels, synonyms) live in its declaration; this module holds the only
other vocabulary header matching uses: words and phrases that mean the same in any header
(รายรับ = รายได้), abbreviations, and filler words. A header is reduced to its meaning words by
Thai word segmentation (pythainlp) after these substitutions, then compared word by word.

Thai compounds put the head word first (สถานีวัดระดับน้ำ is a station, ปริมาณขยะ a quantity),
so a known name at the start of a longer header counts for more than one in the middle.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

# Each group: the word every header is rewritten to, then the words and phrases meaning the same.
SAME_WORDS: tuple[tuple[str, ...], ...] = (
    ("จัดเก็บได้", "รายรับจริง", "รายได้จริง", "รับจริง", "เก็บได้จริง", "จัดเก็บจริง"),
    ("รายได้", "รายรับ", "revenue", "income"),
    ("จำนวน", "ปริมาณ", "quantity", "qty", "count"),
    ("เงิน", "amount"),  # English "amount" is money (amount paid), Thai จำนวน a count as often
    ("ประเภท", "ชนิด", "หมวด", "category", "type", "kind"),
    ("สถานี", "station"),
    ("วันที่", "date"),
    ("ชุมชน", "community"),
    ("ผู้ป่วย", "คนไข้", "patients", "patient", "cases"),
    ("ไข้เลือดออก", "dhf", "dengue"),  # dengue haemorrhagic fever, as the disease-control desk writes it
    ("ผู้รับบริการ", "ผู้มารับบริการ", "ผู้ใช้บริการ"),
    ("ระดับน้ำ", "water level"),
)

# Abbreviations as staff type them (with their dots), and what they stand for.
ABBREVIATIONS: dict[str, str] = {
    "รพ.สต.": "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "รพ.": "โรงพยาบาล",
    "จนท.": "เจ้าหน้าที่",
    "ผปว.": "ผู้ป่วย",
    "ปีงบฯ": "ปีงบประมาณ",
    "งปม.": "งบประมาณ",
    "ว/ด/ป": "วันที่",
    "วัน/เดือน/ปี": "วันที่",
    "วันเดือนปี": "วันที่",
    "วัน เดือน ปี": "วันที่",
    "วดป": "วันที่",
    "อสม.": "อาสาสมัครสาธารณสุข",
    "ศบส.": "ศูนย์บริการสาธารณสุข",
    "no.": "เลขที่",
    "amt": "amount",
}

# Words that add nothing to what a header names.
FILLER = frozenset({"ที่", "ของ", "และ", "ใน", "ค่า", "the", "of", "and", "in", "value"})  # ค่า PM2.5: "the value of"
# "The number of": จำนวนผู้สูงอายุที่ได้รับเบี้ย heads with ผู้สูงอายุ as much as ผู้สูงอายุ does.
COUNT_WORD = "จำนวน"

_BRACKETS = re.compile(r"[\(\[\{（].*?[\)\]\}）]")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NOISE = re.compile(r"[\s\u200b\u00a0.,:;/\\\-_*#'\"`’‘“”()\[\]{}（）]+")
_LATIN = re.compile(r"[a-z]")


def _aliases() -> dict[str, str]:
    aliases = {alias: group[0] for group in SAME_WORDS for alias in group[1:]}
    return dict(sorted(aliases.items(), key=lambda a: -len(a[0])))


def _alias_pattern(alias: str) -> str:
    # An English word stands alone ("type" is not inside "prototype"); Thai has no spaces to rely on.
    return rf"\b{re.escape(alias)}\b" if _LATIN.search(alias) else re.escape(alias)


_ALIASES = _aliases()
_SAME = re.compile("|".join(_alias_pattern(a) for a in _ALIASES))
_SHORT = re.compile("|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)))


def canonical_text(header: str) -> str:
    """A header in the shared vocabulary: units dropped, abbreviations spelled out, synonyms replaced.

    >>> canonical_text("รายรับจริง (บาท)")
    'จัดเก็บได้'
    >>> canonical_text("ปริมาณขยะที่จัดเก็บ (ตัน)")
    'จำนวนขยะที่จัดเก็บ'
    """
    text = unicodedata.normalize("NFC", header).translate(_THAI_DIGITS).lower()
    text = text.replace("ํา", "ำ").replace("เเ", "แ")
    text = _SHORT.sub(lambda m: f" {ABBREVIATIONS[m.group(0)]} ", _BRACKETS.sub(" ", text))
    text = _NOISE.sub(" ", text).strip()
    return _SAME.sub(lambda m: _ALIASES[m.group(0)], text)


@lru_cache(maxsize=20_000)
def meaning_words(header: str) -> tuple[str, ...]:
    """The words of a header that carry its meaning, in order (cached: headers repeat).

    >>> meaning_words("สถานีวัดระดับน้ำ")
    ('สถานี', 'วัด', 'ระดับน้ำ')
    """
    from pythainlp.tokenize import word_tokenize

    words: list[str] = []
    for part in canonical_text(header).split():
        pieces = [part] if _LATIN.search(part) else word_tokenize(part, custom_dict=_dictionary(), engine="newmm")
        words.extend(p for p in pieces if p.strip() and p not in FILLER)
    return tuple(words)


@cache
def _dictionary() -> object:
    """pythainlp's Thai words that occur in a known header, and the shared vocabulary.

    Segmenting against these few hundred words instead of all 62,000 costs a tenth of the time
    to set up (the full trie takes most of a second) and prefers the words headers are made of.
    """
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    from data_sources.adapters import DATASETS

    known = {canonical_text(h) for d in DATASETS.values() for c in d.columns for h in c.headers}
    known |= {canonical_text(words) for words in ABBREVIATIONS.values()}
    every = thai_words()
    found = {
        text[i:j]
        for text in known
        for i in range(len(text))
        for j in range(i + 2, min(len(text), i + 24) + 1)
        if text[i:j] in every
    }
    shared = {group[0] for group in SAME_WORDS if not _LATIN.search(group[0])}
    return Trie(found | shared | FILLER)


def _weight(words: Counter[str]) -> int:
    return sum(len(w) * n for w, n in words.items())


def closeness(header: tuple[str, ...], known: tuple[str, ...]) -> float:
    """How surely a header with words `header` names the column known by `known` (0 to 0.97).

    The same words: 0.97. Every known word inside a longer header: 0.7 to 0.95, more when they
    start it (the head word) and cover more of it. A header that is part of a known name: 0.5 to
    0.75 (worth asking). Only some words shared: at most 0.6.

    >>> closeness(("สถานี", "วัด", "ระดับน้ำ"), ("สถานี",)) > closeness(("สถานี", "วัด", "ระดับน้ำ"), ("ระดับน้ำ",))
    True
    >>> closeness(("จำนวน", "ผู้สูงอายุ", "ได้รับ", "เบี้ย"), ("ผู้สูงอายุ",)) >= 0.8
    True
    """
    if not header or not known:
        return 0.0
    if Counter(header) == Counter(known):
        return 0.97
    have, want = Counter(header), Counter(known)
    common = _weight(have & want)
    if not common:
        return 0.0
    if not want - have:
        start = header[1:] if header[0] == COUNT_WORD and known[0] != COUNT_WORD else header
        head = 0.15 if start[: len(known)] == known else 0.0
        return 0.7 + 0.1 * common / _weight(have) + head
    if not have - want:
        return 0.5 + 0.25 * common / _weight(want)
    return 0.6 * 2 * common / (_weight(have) + _weight(want))
