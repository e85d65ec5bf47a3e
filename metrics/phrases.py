"""Words the metrics layer writes (summaries, alerts, units), from assets/kpis/phrases.json."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

PHRASES_FILE = Path(__file__).resolve().parent.parent / "assets" / "kpis" / "phrases.json"
# Decimals shown per unit: whole numbers for counts, one decimal for most measures.
_DECIMALS = {"count": 0, "people": 0, "baht": 0, "tons": 1, "kg": 2, "ratio": 2, "percent": 1}


@cache
def _phrases() -> dict[str, Any]:
    return json.loads(PHRASES_FILE.read_text(encoding="utf-8"))


def phrase(section: str, key: str, lang: str, **slots: object) -> str:
    """The `section.key` phrase in `lang` ("th" or "en"), with its {slots} filled in."""
    template = _phrases()[section][key]["th" if lang == "th" else "en"]
    return template.format(**slots) if slots else template


def format_number(value: float, decimals: int = 0) -> str:
    """Thousands separators in both languages: 12,345.6."""
    return f"{value:,.{decimals}f}"


def format_score(score: float | None) -> str:
    """A CityScore-style score as every page and briefing writes it: 1.00 is on target; "—" for none.

    Rounded down, so a score just under target (0.996, amber) never reads "1.00" beside its badge.

    >>> format_score(0.996), format_score(1.2), format_score(None)
    ('0.99', '1.20', '—')
    """
    if score is None:
        return "—"
    return f"{math.floor(round(score * 100, 6)) / 100:.2f}"


def format_value(value: float | None, unit: str, lang: str = "th") -> str:
    """A KPI value as people read it: "87.5%", "1,234", "1.05 กก.", "no data".

    >>> format_value(0.875, "percent", "en"), format_value(1234, "count", "en"), format_value(None, "days", "en")
    ('87.5%', '1,234', 'no data')
    >>> format_value(1, "days", "en"), format_value(2, "days", "en"), format_value(1, "days", "th")
    ('1 day', '2 days', '1 วัน')
    """
    if value is None:
        return phrase("status", "none", lang)
    if unit == "percent":
        return f"{format_number(value * 100, 1)}%"
    # A whole number (a count of days, a median of exactly 2 days) reads better without ".0".
    text = format_number(value, 0 if float(value).is_integer() else _DECIMALS.get(unit, 1))
    singular = value == 1 and unit in _phrases()["units_one"]  # "1 day", not "1 days"
    word = phrase("units_one" if singular else "units", unit, lang)
    return f"{text} {word}" if word else text
