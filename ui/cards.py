"""KPI cards: the city and pillar scores, and one card per KPI (value, target, change against the
previous period and a year ago, 12-period sparkline, status colour, link to its drill-down).

A KPI where lower is better (`better="lower"`) shows its change with `delta_color="inverse"`, so a
fall is green. A value with no data says so; it is never shown as zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from data_sources.schema import PILLARS
from metrics.compute import CityResult, KpiResult
from metrics.dashboard import changes
from metrics.periods import Period
from metrics.scoring import status
from ui import kpi_text, view_url
from ui.i18n import lang, t
from ui.print_layout import printing

DETAIL_PAGE = "pages/kpi_detail.py"
PILLAR_PAGES = {pillar: f"pages/pillar_{pillar}.py" for pillar in PILLARS}
CARD_MIN_WIDTH_PX = 250
PILLAR_CARD_MIN_WIDTH_PX = 300
SPARKLINE_MIN_POINTS = 2


def _status_line(score_status: str | None, caption: str, badge: str | None = None) -> None:
    language = lang()
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        text = badge or kpi_text.status_text(score_status, language)  # type: ignore[arg-type]
        st.badge(text, color=kpi_text.status_colour(score_status))  # type: ignore[arg-type]
        if caption:
            st.caption(caption)


def _score_card(label: str, score: float | None, previous: float | None, period: Period, help_text: str) -> None:
    delta = kpi_text.score_change_text(score, previous)
    st.metric(
        label,
        kpi_text.score_text(score),
        delta,
        delta_description=kpi_text.versus_previous(period, lang()) if delta else None,
        help=help_text,
    )
    _status_line(status(score), "")


def city_score_card(result: CityResult) -> None:
    """The city (or community) score, with its red and capped counts and coverage beside it."""
    language = lang()
    with st.container(border=True, key="mayor_city_score"):
        _score_card(kpi_text.score_name(result, language), result.city_score, result.previous_city_score,
                    result.period, t("dash.score.help"))  # fmt: skip
        st.caption(kpi_text.honesty_text(result, language))


def score_cards(result: CityResult, *, with_city: bool = True) -> None:
    """The city score (unless shown apart), then one card per pillar linking to its page."""
    language = lang()
    # Wide enough for the longest pillar name and "จากปีงบประมาณก่อน": one column on a phone.
    with st.grid(3, min_column_width=PILLAR_CARD_MIN_WIDTH_PX, gap="small"):
        if with_city:
            city_score_card(result)
        for pillar in PILLARS:
            with st.container(border=True, height="stretch", key=f"mayor_pillar_{pillar}"):
                name = kpi_text.pillar_name(pillar, language)
                _score_card(name, result.pillars[pillar], result.previous_pillars[pillar], result.period,
                            t("dash.score.pillar_help", pillar=name))  # fmt: skip
                st.page_link(PILLAR_PAGES[pillar], label=t("dash.score.open_pillar"), icon=":material/arrow_forward:")


def kpi_card(result: KpiResult, sparkline: Sequence[float], period: Period, *, link: bool = True) -> None:
    """One KPI: value, change against the previous period, sparkline, status, target, year-ago change."""
    language = lang()
    against_previous, against_year_ago = changes(result)
    delta: str | int | None = None
    if against_previous is not None:
        delta = 0 if kpi_text.is_flat(against_previous) else kpi_text.change_text(against_previous, language)
    with st.container(border=True, height="stretch", key=f"kpi_card_{result.id}"):
        st.metric(
            kpi_text.kpi_name(result, language),
            kpi_text.value_text(result, language),
            delta,
            delta_color="inverse" if result.kpi.better == "lower" else "normal",
            delta_description=kpi_text.versus_previous(period, language) if delta is not None else None,
            help=kpi_text.kpi_description(result, language),
            chart_data=list(sparkline) if len(sparkline) >= SPARKLINE_MIN_POINTS else None,
            chart_type="line",
        )
        parts = (kpi_text.target_text(result, language), kpi_text.year_ago_text(against_year_ago, language),
                 kpi_text.span_text(result, language))  # fmt: skip
        _status_line(result.status, " · ".join(part for part in parts if part), kpi_text.verdict_text(result, language))
        if link:
            st.page_link(DETAIL_PAGE, label=t("dash.card.details"), icon=":material/query_stats:",
                         query_params={**view_url.view_params(), "detail_kpi": result.id})  # fmt: skip


def kpi_grid(results: Sequence[KpiResult], sparklines: Mapping[str, Sequence[float]], period: Period) -> None:
    """Cards in a grid that drops columns as the screen narrows (one column on a phone)."""
    with st.grid(4, min_column_width=CARD_MIN_WIDTH_PX, gap="small"):
        for result in results:
            kpi_card(result, sparklines.get(result.id, ()), period)


def kpis_by_pillar(result: CityResult, sparklines: Mapping[str, Sequence[float]]) -> None:
    """Every KPI, one tab per pillar (its score in the tab's name), so a phone scrolls through one
    pillar's cards rather than all of them."""
    language = lang()
    names = [f"{kpi_text.pillar_name(p, language)} · {kpi_text.score_text(result.pillars[p])}" for p in PILLARS]
    if printing():  # paper has no tabs: every pillar a section, a sheet each (ui.print_layout)
        for pillar, name in zip(PILLARS, names, strict=True):
            st.subheader(name, anchor=f"pillar-{pillar}")
            kpi_grid([r for r in result.kpis.values() if r.kpi.pillar == pillar], sparklines, result.period)
        return
    for pillar, tab in zip(PILLARS, st.tabs(names), strict=True):
        with tab:
            members = [r for r in result.kpis.values() if r.kpi.pillar == pillar]
            kpi_grid(members, sparklines, result.period)
