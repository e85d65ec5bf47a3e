"""What to say in an emergency: the numbers for that kind first (as calls), what to do now, and for
a flood the live river and the nearest shelters. Words and number order: assets/chatbot/emergencies.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

import pandas as pd

from chatbot.actions import Call, Place, emergency_call
from chatbot.answers import say
from chatbot.emergency import Danger
from chatbot.flood_answers import nearest_shelters, river_text, shelter_lines
from chatbot.text import Lang
from data_sources.city import ASSETS

EMERGENCIES_FILE = ASSETS / "chatbot" / "emergencies.json"


@dataclass(frozen=True)
class EmergencyAnswer:
    text: str
    calls: tuple[Call, ...]
    places: tuple[Place, ...] = ()
    sources: tuple[str, ...] = ()
    as_of: str | None = None
    offer_category: str | None = None  # a complaint to offer after the numbers
    slots: dict[str, Any] = field(default_factory=dict)


@cache
def _document() -> dict[str, Any]:
    return json.loads(EMERGENCIES_FILE.read_text(encoding="utf-8"))


def calls_for(kind: str) -> tuple[Call, ...]:
    """The numbers to call for `kind`, most useful first (from the city profile)."""
    document = _document()
    spec = document["kinds"].get(kind, document["kinds"]["general"])
    labels = document["numbers"]
    found = (emergency_call(key, *labels[key]) for key in spec["numbers"])
    return tuple(call for call in found if call is not None)


def _numbers_block(kind: str, lang: Lang) -> tuple[str, tuple[Call, ...]]:
    document = _document()
    spec = document["kinds"].get(kind, document["kinds"]["general"])
    calls = calls_for(kind)
    title = spec["title"][0 if lang == "th" else 1]
    lines = [title, *(f"- {say(lang, 'โทร', 'Call')} {call.number} {call.label(lang)}" for call in calls)]
    lines.append(spec["advice"][0 if lang == "th" else 1])
    return "\n".join(lines), calls


def emergency_answer(
    danger: Danger, lang: Lang, now: datetime, *, water: pd.DataFrame | None = None,
    facilities: pd.DataFrame | None = None, origin: tuple[float, float] | None = None,
) -> EmergencyAnswer:  # fmt: skip
    """The reply to an emergency (or a hazard) of kind `danger.kind`."""
    text, calls = _numbers_block(danger.kind, lang)
    if danger.kind != "flood":
        return EmergencyAnswer(text, calls, offer_category=danger.category, slots={"emergency": danger.kind})
    river = river_text(water, lang, now)
    latitude, longitude = origin if origin else (None, None)
    places = nearest_shelters(facilities, latitude=latitude, longitude=longitude)
    parts = [text, river.text, "\n".join(shelter_lines(places, lang, located=origin is not None))]
    return EmergencyAnswer("\n\n".join(parts), calls, tuple(places), ("water_level", "facilities"), river.as_of,
                           slots={"emergency": danger.kind})  # fmt: skip
