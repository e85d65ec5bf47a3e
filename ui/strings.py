"""UI text in Thai and English, looked up by key from assets/i18n/{th,en}.json (no Streamlit)."""

from __future__ import annotations

import json
from functools import cache
from typing import Literal

from data_sources.city import ASSETS

Lang = Literal["th", "en"]
LANGS: tuple[Lang, ...] = ("th", "en")


@cache
def strings(lang: Lang) -> dict[str, str]:
    """Every string of `lang`: the files in assets/i18n/<lang>/, one per area of the app."""
    merged: dict[str, str] = {}
    for path in sorted((ASSETS / "i18n" / lang).glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def translate(key: str, lang: Lang, **slots: object) -> str:
    """The text for `key` in `lang`, with {slots} filled; an unknown key shows itself, loudly."""
    text = strings(lang).get(key)
    if text is None:
        return f"⟦{key}⟧"
    return text.format(**slots) if slots else text
