"""The award presentation as a deck: the slides in order, the current one (in the URL, `?slide=N`,
so a reload or a shared link opens the same slide), the keyboard, full screen and the handout.

The opening, then the DG Awards' four criteria: the problem, policy and plan, the process, the
results; then the closing. One idea a slide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
import streamlit as st

from data_sources.accounts import Account
from metrics.story.results import FLOOD_WARNING, RESULT_KPIS
from ui import (
    handout,
    live_step,
    present_data,
    slide_parts,
    slides_plan,
    slides_problem,
    slides_process,
    slides_results,
)
from ui.i18n import lang, t
from ui.present_data import Deck
from ui.slide_keys import slide_keys

SLIDE_PARAM = "slide"


@dataclass(frozen=True)
class Slide:
    key: str
    criterion: int  # 0: opening or closing; 1–4: the award's criteria
    show: Callable[[Deck], None]


SLIDES: tuple[Slide, ...] = (
    Slide("opening", 0, slides_problem.opening),
    Slide("divisions", 1, slides_problem.divisions),
    Slide("freshness", 1, slides_problem.freshness),
    Slide("pillars", 2, slides_plan.pillars),
    *(Slide(f"pillar_{p}", 2, slides_plan.pillar_slide(p)) for p in slides_plan.PILLARS),
    Slide("city_score", 2, slides_plan.city_score),
    Slide("flow", 3, slides_process.flow),
    Slide("validation", 3, slides_process.validation),
    Slide("live_drop", 3, live_step.drop),
    Slide("live_figure", 3, live_step.figure),
    *(Slide(f"results_{k}", 4, slides_results.trend_slide(k)) for k in RESULT_KPIS if k != FLOOD_WARNING),
    Slide("floods", 4, slides_results.floods),
    Slide("before_after", 4, slides_results.before_after),
    Slide("closing", 0, slides_problem.closing),
)


def current_index() -> int:
    """The slide in the URL (1-based there), kept within the deck."""
    try:
        number = int(st.query_params.get(SLIDE_PARAM, "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), len(SLIDES)) - 1


def go_to(index: int) -> None:
    st.query_params[SLIDE_PARAM] = str(min(max(index, 0), len(SLIDES) - 1) + 1)


def show(engine: sa.Engine, account: Account | None) -> None:
    """Draw the current slide, the navigation under it and the keyboard listener."""
    slide_parts.style()
    index = current_index()
    deck = present_data.open_deck(engine, account)
    slide = SLIDES[index]
    criteria = [t(f"present.criterion.{number}") for number in range(1, 5)]
    slide_parts.criteria_strip(criteria, slide.criterion - 1 if slide.criterion else None)
    with st.container(key="present_slide"):
        slide.show(deck)
    _tools(deck, index)


def _tools(deck: Deck, index: int) -> None:
    with st.container(horizontal=True, key="present_tools", vertical_alignment="center"):
        st.button(t("present.nav.previous"), key="present_previous", icon=":material/arrow_back:",
                  disabled=index == 0, on_click=go_to, args=(index - 1,))  # fmt: skip
        st.markdown(t("present.nav.position", number=index + 1, count=len(SLIDES)))
        st.button(t("present.nav.next"), key="present_next", icon=":material/arrow_forward:",
                  disabled=index == len(SLIDES) - 1, on_click=go_to, args=(index + 1,))  # fmt: skip
        slide_keys(slide=index, count=len(SLIDES), enter_label=t("present.nav.full_screen"),
                   exit_label=t("present.nav.leave_full_screen"), key=f"present_keys_{lang()}", on_move=go_to)  # fmt: skip
        handout.download(deck)
    st.caption(t("present.nav.keys"))
