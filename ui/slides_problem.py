"""The opening, criterion 1 (the problem) and the closing slide."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from data_sources.adapters import DATASETS
from data_sources.city import profile
from metrics.period_menu import choices
from metrics.phrases import format_number
from metrics.story.problem import DatasetAge, datasets_by_owner, fresh_shares, owning_divisions
from ui import present_data, slide_parts
from ui.format import format_date
from ui.i18n import lang, t
from ui.present_data import PERIOD_PARAM, Deck
from ui.slide_parts import Card, Figure
from ui.upload_pick import dataset_title

CRITERIA = ("problem", "plan", "process", "results")


def days_text(value: float | None, words: Callable[..., str] = t) -> str:
    """ "24 วัน" / "24 days"; "—" for none. `words` translates in the language wanted."""
    return "—" if value is None else words("present.days", days=format_number(value, 0))


def share_text(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value * 100, 0)}%"


def age_before_text(age: DatasetAge, words: Callable[..., str] = t) -> str:
    """How old a dataset's data was, on average, before the platform; "never sent" if it never was."""
    return days_text(age.before_days, words) if age.before_days is not None else words("present.problem.never")


def opening(deck: Deck) -> None:
    language = lang()
    city = profile()["name_th" if language == "th" else "name_en"]
    slide_parts.heading(city, t("present.opening.title"), t("present.opening.lead"))
    slide_parts.cards(
        [
            Card(t(f"present.criterion.{i + 1}"), lines=(t(f"present.opening.{name}"),))
            for i, name in enumerate(CRITERIA)
        ]
    )
    slide_parts.note(t("present.opening.as_of", when=format_date(deck.now, language, with_time=True)))
    _period_picker(deck)


def _period_picker(deck: Deck) -> None:
    """The period of the plan slides; the Mayor Dashboard's periods, its default first."""
    language, today = lang(), deck.now.date()
    offered = {p.code: p for kind in ("month", "fiscal_quarter", "fiscal_year") for p in choices(kind, today)[:3]}
    codes = list(offered)
    chosen = deck.period.code if deck.period.code in offered else codes[0]
    key = f"present_period_{language}"

    def remember() -> None:
        st.query_params[PERIOD_PARAM] = st.session_state[key]

    st.selectbox(
        t("present.opening.period"), codes, index=codes.index(chosen), key=key,
        format_func=lambda code: offered[code].label(language), on_change=remember, width=320,
    )  # fmt: skip


def divisions(deck: Deck) -> None:
    """Who keeps which dataset: the spreadsheets the platform brings together."""
    owners = datasets_by_owner(lang())
    slide_parts.heading(
        t("present.criterion.1"),
        t("present.problem.divisions_title", datasets=len(DATASETS), divisions=owning_divisions()),
        t("present.problem.divisions_lead"),
    )
    slide_parts.cards([Card(owner, lines=tuple(titles), bullets=True) for owner, titles in owners.items()])


def freshness(deck: Deck) -> None:
    """How old each division's data was before the platform, and how old it is now."""
    found = present_data.ages(deck)
    before, now = fresh_shares(found)
    slide_parts.heading(
        t("present.criterion.1"), t("present.problem.freshness_title"), t("present.problem.freshness_lead")
    )
    if deck.launch is None:
        slide_parts.note(t("present.no_launch"))
        return
    shares, ages = st.columns([2, 3], gap="large")
    with shares:
        slide_parts.figures([Figure(share_text(before), t("present.problem.fresh_before"), "red")])
        slide_parts.figures([Figure(share_text(now), t("present.problem.fresh_now"), "green")])
    with ages:
        slide_parts.table(
            [t("present.problem.dataset"), t("present.problem.age_before"), t("present.problem.age_now")],
            [_age_row(a) for a in found],
            numbers=(1, 2),
            compact=True,
        )
    slide_parts.note(t("present.problem.freshness_note", launch=format_date(deck.launch, lang())))


def _age_row(age: DatasetAge) -> list[str | tuple[str, slide_parts.Tone]]:
    now = (days_text(age.now_days), "green" if age.now_fresh else "red")
    before = age_before_text(age)
    return [dataset_title(age.key), before, now]


def closing(deck: Deck) -> None:
    language = lang()
    slide_parts.heading(profile()["name_th" if language == "th" else "name_en"], t("present.closing.title"),
                        t("present.closing.lead"))  # fmt: skip
    slide_parts.note(t("present.opening.as_of", when=format_date(deck.now, language, with_time=True)))
