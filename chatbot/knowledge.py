"""The service answers staff edit (assets/chatbot/knowledge.json) and the topic menu (topics.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from chatbot.answers import Answer, say
from chatbot.text import Lang, clean
from data_sources.city import ASSETS, profile
from metrics.periods import day_label

KNOWLEDGE_FILE = ASSETS / "chatbot" / "knowledge.json"
TOPICS_FILE = ASSETS / "chatbot" / "topics.json"


@dataclass(frozen=True)
class ServiceAnswer:
    id: str
    intent: str
    keywords: tuple[str, ...]
    th: str
    en: str
    source_th: str
    source_en: str
    checked: str

    def matches(self, text: str) -> bool:
        """True for an answer without keywords, or when one of its keywords is in the question."""
        if not self.keywords:
            return True
        unspaced = clean(text).replace(" ", "")
        return any(clean(word).replace(" ", "") in unspaced for word in self.keywords)


@dataclass(frozen=True)
class Topic:
    intent: str
    label_th: str
    label_en: str
    ask_th: str
    ask_en: str

    def label(self, lang: Lang) -> str:
        return self.label_th if lang == "th" else self.label_en

    def ask(self, lang: Lang) -> str:
        return self.ask_th if lang == "th" else self.ask_en


class _Blank(dict[str, str]):
    # An unknown {placeholder} stays as written, so a typo shows up instead of crashing a reply.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(document: dict[str, Any]) -> dict[str, str]:
    """Values for {placeholders}: the city profile's names, address, office hours and emergency numbers."""
    city = profile()
    values = {
        "city_th": city["name_th"], "city_en": city["name_en"], "address_th": city["address_th"],
        "address_en": city["address_en"], "area_code": city.get("phone_area_code", ""),
        "office_hours_th": city["office_hours"]["th"], "office_hours_en": city["office_hours"]["en"],
        **city["emergency_numbers"], **document.get("placeholders", {}),
    }  # fmt: skip
    return {key: str(value) for key, value in values.items()}


class KnowledgeBase:
    def __init__(self, answers: tuple[ServiceAnswer, ...], values: dict[str, str]) -> None:
        self.answers = answers
        self._values = _Blank(values)

    @classmethod
    def load(cls, path: Path = KNOWLEDGE_FILE) -> KnowledgeBase:
        document = json.loads(path.read_text(encoding="utf-8"))
        answers = tuple(
            ServiceAnswer(**{**item, "keywords": tuple(item.get("keywords", ()))}) for item in document["answers"]
        )
        return cls(answers, placeholders(document))

    def entry(self, intent: str, question: str = "") -> ServiceAnswer | None:
        """The first answer of `intent` that fits the question (keywords), else None."""
        return next((a for a in self.answers if a.intent == intent and a.matches(question)), None)

    def answer(self, intent: str, question: str, lang: Lang) -> Answer | None:
        """The filled-in service answer with its source line, or None when the intent has none."""
        found = self.entry(intent, question)
        if found is None:
            return None
        body = (found.th if lang == "th" else found.en).format_map(self._values)
        checked = checked_label(found.checked, lang)
        source = say(
            lang,
            f"ที่มา: {found.source_th} (ตรวจสอบเมื่อ {checked})",
            f"Source: {found.source_en} (checked {checked})",
        )
        return Answer(f"{body}\n\n{source}", (f"knowledge:{found.id}",), found.checked)


def checked_label(checked: str, lang: Lang) -> str:
    """The date an answer was checked, as people read dates: "23 พ.ย. 2568" / "23 Nov 2025".

    >>> checked_label("2025-11-23", "th"), checked_label("2025-11-23", "en"), checked_label("soon", "th")
    ('23 พ.ย. 2568', '23 Nov 2025', 'soon')
    """
    try:
        return day_label(date.fromisoformat(checked), lang)
    except ValueError:
        return checked


@cache
def default_knowledge() -> KnowledgeBase:
    return KnowledgeBase.load()


@cache
def topics(path: Path = TOPICS_FILE) -> tuple[Topic, ...]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Topic(**item) for item in document["topics"])


def menu_text(lang: Lang) -> str:
    """The numbered topic menu: reply with a number or type a question."""
    lines = [f"{number}. {topic.label(lang)}" for number, topic in enumerate(topics(), start=1)]
    hint = say(lang, "พิมพ์หมายเลขหัวข้อ หรือพิมพ์คำถามได้เลย", "Type a topic's number, or ask your question.")
    return "\n".join([*lines, hint])


def suggestions_for(intent: str, lang: Lang, count: int = 3) -> tuple[str, ...]:
    """Follow-up questions to offer after answering `intent`: the menu's next topics."""
    others = [t for t in topics() if t.intent not in {intent, "emergency"}]
    return tuple(t.ask(lang) for t in others[:count])
