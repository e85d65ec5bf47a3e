"""The words a briefing writes (assets/briefing/phrases.json) and how it writes a figure."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

from data_sources.city import community_in, profile
from data_sources.divisions import DIVISIONS
from data_sources.thai_calendar import date_label
from metrics.phrases import format_score, format_value, phrase
from metrics.results import CityResult
from metrics.scoring import Status
from metrics.spans import Span

PHRASES_FILE = Path(__file__).resolve().parents[2] / "assets" / "briefing" / "phrases.json"
NO_FIGURE = "—"


@cache
def _phrases() -> dict[str, dict[str, str]]:
    return json.loads(PHRASES_FILE.read_text(encoding="utf-8"))


def word(key: str, lang: str, **slots: object) -> str:
    """The briefing's `key` phrase in `lang`, with its {slots} filled."""
    template = _phrases()[key]["th" if lang == "th" else "en"]
    return template.format(**slots) if slots else template


def city_name(lang: str) -> str:
    return profile()["name_th" if lang == "th" else "name_en"]


def place(community: str | None, lang: str) -> str:
    """The community's name in `lang`, or "ทั้งเมือง" / "Whole city"."""
    if community is None:
        return word("whole_city", lang)
    return community_in(community, lang)


def score_label(scope_kind: str, lang: str) -> str:
    """ "คะแนนเมือง", or the community's or the division's score: a part's is never the city's."""
    return word(f"score_{scope_kind}", lang)


def division_name(key: str | None, lang: str) -> str | None:
    return DIVISIONS[key].title(lang) if key in DIVISIONS else None


def period_text(result: CityResult, lang: str) -> str:
    """The period as briefed: "ปีงบประมาณ 2570 ถึงปัจจุบัน (2 จาก 12 เดือน)" while it runs."""
    period, today = result.period, result.today
    label = period.label(lang)
    if today is None or not result.to_date or period.start > today:
        return label
    span = Span(period, period.start, today)
    if period.kind in ("month", "rolling"):
        return word("to_date_days", lang, period=label, elapsed=span.days, total=period.days)
    return word("to_date_months", lang, period=label, elapsed=span.months_touched, total=period.months)


def moment(value: datetime | None, lang: str) -> str:
    """ "3 ธ.ค. 2569 09:30 น." / "3 Dec 2026 09:30"; "—" for none."""
    return NO_FIGURE if value is None else date_label(value, lang, with_time=True)


def since(value: datetime | None, lang: str) -> str:
    """When something began: a date, with the time only when it is not midnight; "—" for unknown."""
    if value is None:
        return NO_FIGURE
    return date_label(value, lang, with_time=(value.hour, value.minute) != (0, 0))


def score(value: float | None) -> str:
    """A score as the Mayor Dashboard writes it (rounded down: 0.996 reads "0.99")."""
    return format_score(value)


def status_word(status: Status | None, lang: str) -> str:
    return phrase("status", status or "none", lang)


def figure(value: float | None, unit: str, lang: str) -> str:
    """A KPI figure as the dashboard writes it ("87.5%", "1,234 บาท"); "—" when there is none."""
    return NO_FIGURE if value is None else format_value(value, unit, lang)


def pillar_name(pillar: str, lang: str) -> str:
    return phrase("pillars", pillar, lang)
