"""Matching a cell to one option of a list, however staff spelled it.

A value matches an option when, after light normalisation, it equals the option's key, Thai or
English label, or one of its synonyms. The normalisation forgives what does not change meaning:
case, spaces, dots and dashes, Thai digits, a leading "ชุมชน", and Thai typing variants
(ไม้ยมก spacing "อื่น ๆ"/"อื่นๆ", sara am typed as nikhahit + sara aa, แ typed as เเ).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from data_sources.values.digits import clean_digits

if TYPE_CHECKING:
    from data_sources.kinds.choice import Choice

_NIKHAHIT_AA = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32([\u0e48-\u0e4b]?)")  # ํ (tone) า (tone) -> (tone) ำ
_AA_NIKHAHIT = re.compile("\u0e32\u0e4d")  # า + ํ, typed in the wrong order
_REPEATED_MARK = re.compile("([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1+")  # a vowel or tone mark typed twice
_IGNORED = re.compile(r"[\s.\-_/,()'\"ฯ]+")
_COMMUNITY_WORD = "ชุมชน"


def normalise_choice(text: str) -> str:
    """The form two spellings of one value share.

    >>> normalise_choice("อื่น ๆ") == normalise_choice("อื่นๆ")
    True
    >>> normalise_choice("ชุมชนเมืองทอง"), normalise_choice("Walk-in"), normalise_choice("นํ้าประปา")
    ('เมืองทอง', 'walkin', 'น้ำประปา')
    """
    text = clean_digits(text).casefold().replace("เเ", "แ")
    text = _AA_NIKHAHIT.sub("\u0e33", _NIKHAHIT_AA.sub("\\1\\2\u0e33", text))
    text = _IGNORED.sub("", _REPEATED_MARK.sub("\\1", text))
    if text.startswith(_COMMUNITY_WORD) and len(text) > len(_COMMUNITY_WORD):
        text = text[len(_COMMUNITY_WORD) :]
    return text


@cache
def choice_index(choice: Choice) -> dict[str, str]:
    """Normalised spelling -> option key for every name of every option; earlier options win."""
    index: dict[str, str] = {}
    for option in choice.options:
        for name in (option.key, option.label_th, option.label_en, *option.synonyms):
            index.setdefault(normalise_choice(name), option.key)
    return index


def choice_collisions(choice: Choice) -> dict[str, tuple[str, ...]]:
    """Spellings that name more than one option (a declaration mistake): spelling -> option keys."""
    owners: dict[str, set[str]] = {}
    for option in choice.options:
        for name in (option.key, option.label_th, option.label_en, *option.synonyms):
            owners.setdefault(normalise_choice(name), set()).add(option.key)
    return {name: tuple(sorted(keys)) for name, keys in owners.items() if len(keys) > 1}


def match_choice(text: str, choice: Choice) -> str | None:
    """The key of the option `text` names, or None when it names none.

    >>> from data_sources.schema import Choice, Option
    >>> status = Choice((Option("resolved", "เสร็จสิ้น", "Resolved", ("แล้วเสร็จ", "closed")),), closed=True)
    >>> match_choice("แล้วเสร็จ", status), match_choice(" CLOSED ", status), match_choice("รอ", status)
    ('resolved', 'resolved', None)
    """
    return choice_index(choice).get(normalise_choice(text))


def choice_labels(choice: Choice) -> str:
    """The Thai labels of a list, for the "unknown-choice" message.

    >>> from data_sources.schema import Choice, Option
    >>> choice_labels(Choice((Option("a", "ใหม่", "New"), Option("b", "เสร็จสิ้น", "Done"))))
    'ใหม่, เสร็จสิ้น'
    """
    return ", ".join(option.label_th for option in choice.options)
