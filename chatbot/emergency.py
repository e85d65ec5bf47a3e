"""Rules for what must never be missed: an emergency, and which kind, wins over everything else.

`classify` names the kind (fire, flood in the house, power line down, dog bite, ...) so the answer
can put the right number first; a hazard to fix (a pothole where motorbikes keep falling, a
sagging power line, dogs that chase people) is `near`: its number is given and a complaint is
offered. The classifier also learns emergencies from phrases; these rules catch what a model
might score low, so they lean towards answering: a false alarm costs one message, a miss costs more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chatbot.emergency_words import (
    ANIMAL_VICTIMS,
    ENGLISH,
    FLOOD_MAYBE_ENGLISH,
    FLOOD_MAYBE_THAI,
    FLOOD_NOW_THAI,
    HAZARD_OUTRANKS,
    HAZARDS,
    KIND_ORDER,
    NOT_ANIMAL_DANGER,
    NOW_ENGLISH,
    NOW_THAI,
    REWRITES,
    STREET_LIGHT_WORDS,
    THAI,
    THAI_PATTERNS,
)
from chatbot.text import clean

# Complaints that go with an emergency once the danger is dealt with (a stray dog that bit someone).
KIND_CATEGORY: dict[str, str] = {"animal_bite": "animals"}

# "help" is an emergency when it stands (almost) alone, not in "can you help me with tax".
_BARE_HELP = re.compile(
    r"^(?:please\s+|pls\s+)?(?:he+l+p+|helps|help\s+me|help\s+us|someone\s+help(?:\s+me|\s+us)?|need\s+help\s+(?:now|urgently)"
    r"|tolong(?:\s+saya|\s+kami)?)(?:\s+please|\s+pls|\s+help|\s+now|\s+tolong)*[\s!.]*$"
)
# "ด่วน" (urgent) alone is a cry for help; inside a longer message it is not ("กู้เงินด่วน").
_BARE_URGENT = re.compile(r"^(?:ด่วน(?:มาก|ที่สุด)?ๆ*)+[!.]*$")


@dataclass(frozen=True)
class Danger:
    kind: str  # a key of emergency_words.KIND_ORDER, or a hazard's key when `near`
    near: bool = False  # a hazard to fix: the number and a complaint offer, not "call now" alone
    category: str | None = None  # the complaint category to offer, if any


@cache
def _english(kind: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{ENGLISH[kind]})\b")


@cache
def _hazard_english(kind: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{HAZARDS[kind][2]})\b")


def _has(kind: str, cleaned: str, unspaced: str) -> bool:
    pattern = THAI_PATTERNS.get(kind)
    return (
        any(term in unspaced for term in THAI[kind])
        or bool(_english(kind).search(cleaned))
        or (pattern is not None and re.search(pattern, unspaced) is not None)
    )


def _happening(cleaned: str, unspaced: str) -> bool:
    return any(word in unspaced for word in NOW_THAI) or bool(NOW_ENGLISH.search(cleaned))


def _flood_question(cleaned: str, unspaced: str) -> bool:
    """ "น้ำจะท่วมบ้านไหม" asks about tomorrow; "น้ำท่วมบ้านแล้ว ทำไงดี" is happening now."""
    if any(word in unspaced for word in FLOOD_NOW_THAI) or _happening(cleaned, unspaced):
        return False
    malay_question = re.search(r"\b(?:ke\s+tidak|ke\s+tak|ke)\b", cleaned) is not None
    return (
        any(word in unspaced for word in FLOOD_MAYBE_THAI)
        or bool(FLOOD_MAYBE_ENGLISH.search(cleaned))
        or malay_question
    )


def _applies(kind: str, cleaned: str, unspaced: str) -> bool:
    if not _has(kind, cleaned, unspaced):
        return False
    if kind == "flood":
        return not _flood_question(cleaned, unspaced)
    blocked = (*NOT_ANIMAL_DANGER, *ANIMAL_VICTIMS)
    return not (kind == "animal_bite" and any(word.replace(" ", "") in unspaced for word in blocked))


def _hazard(cleaned: str, unspaced: str) -> Danger | None:
    if any(word in unspaced for word in NOT_ANIMAL_DANGER):
        return None
    for kind, (category, words, _) in HAZARDS.items():
        if kind == "power_cut" and any(w.replace(" ", "") in unspaced for w in STREET_LIGHT_WORDS):
            continue
        if any(word in unspaced for word in words) or _hazard_english(kind).search(cleaned):
            return Danger(kind, near=True, category=category)
    return None


def classify(text: str) -> Danger | None:
    """The emergency (or the hazard to fix) a message reports, in Thai, English or Malay; else None.

    >>> classify("หมาบ้ากัดลูกค่ะ").kind, classify("ถนนตรงนี้รถล้มบ่อยมาก").near, classify("ภาษีป้าย") is None
    ('animal_bite', True, True)
    """
    cleaned = clean(text)
    unspaced = cleaned.replace(" ", "")
    for wrong, right in REWRITES:
        unspaced = unspaced.replace(wrong, right)
    hazard = _hazard(cleaned, unspaced)
    kind = next((k for k in KIND_ORDER if _applies(k, cleaned, unspaced)), None)
    if hazard is not None and not _happening(cleaned, unspaced) and (kind is None or kind in HAZARD_OUTRANKS):
        return hazard
    if kind is not None:
        category = hazard.category if hazard is not None else KIND_CATEGORY.get(kind)
        return Danger(kind, category=category)
    if _BARE_URGENT.match(unspaced) or _BARE_HELP.match(cleaned):
        return Danger("general")
    return None


def is_emergency(text: str) -> bool:
    """True when the message reports or asks about an emergency (danger now), in Thai or English."""
    found = classify(text)
    return found is not None and not found.near
