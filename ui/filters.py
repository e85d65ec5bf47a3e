"""The executive pages' filters: a period picker (month, fiscal year, fiscal quarter, last 7 or 30
days, labelled in the Buddhist era in Thai) and a community filter.

The filters are shared by every executive page (keys `exec_*`) and kept for the session, so a
period picked on the Mayor Dashboard is still picked on a pillar page or the map; ui.view_url
keeps them in the URL too (?period=FY2570&community=Mueang+Thong), so the view travels.

Each select box has one widget key per language: a Streamlit select box keeps showing the label
it was picked with, so after ไทย → English it would still read "รายเดือน". The choice itself
lives in a plain session (or URL) value that every language's widget starts from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import streamlit as st
from pythainlp.util import collate

from data_sources import city_time
from data_sources.city import community_in, profile
from data_sources.divisions import DIVISIONS
from metrics.catalogue import catalogue
from metrics.period_menu import MENU_KINDS, ROLLING_DAYS, MenuKind, choices, default_choice
from metrics.periods import Period
from ui import view_url
from ui.i18n import lang, t
from ui.print_layout import print_layout

ALL_COMMUNITIES = ""  # the community filter's "whole city" option
ALL_DIVISIONS = ""  # the division filter's "every division" option


@dataclass(frozen=True)
class Selection:
    """What the executive asked to see: one period, the whole city or one community (Thai name),
    and every KPI or those one division owns (its key)."""

    period: Period
    community: str | None
    division: str | None = None

    def label(self, language: str) -> str:
        """ "ต.ค. 2569 · ทั้งเมือง" / "Oct 2026 · Mueang Thong · Finance Division"."""
        place = community_label(self.community or ALL_COMMUNITIES, language)
        owner = f" · {DIVISIONS[self.division].title(language)}" if self.division in DIVISIONS else ""
        return f"{self.period.label(language)} · {place}{owner}"


def remembered_selectbox(
    label: str,
    options: Sequence[Any],
    *,
    name: str,
    format_func: Callable[[Any], str],
    default: Any = None,
    width: int | Literal["stretch"] = "stretch",
    in_url: bool = False,
) -> Any:
    """A select box whose choice survives page and language switches.

    The choice is kept in `st.session_state["exec_<name>"]`, or in the URL (`?<name>=...`) when
    `in_url`, so a link can open the page on a given choice.
    """
    language = lang()
    key = f"{name}_{language}" if in_url else f"exec_{name}_{language}"

    def read() -> Any:
        return st.query_params.get(name) if in_url else st.session_state.get(f"exec_{name}")

    def remember() -> None:
        if in_url:
            st.query_params[name] = str(st.session_state[key])
        else:
            st.session_state[f"exec_{name}"] = st.session_state[key]

    wanted = read()
    if wanted not in options:
        wanted = default if default in options else options[0]
    if key in st.session_state and st.session_state[key] != wanted:
        del st.session_state[key]  # left from another page or language: start again from `wanted`
    # `index` rather than assigning the key: a select box the browser mounts afresh after a page
    # switch reports its `index` option back, which would otherwise overwrite the choice.
    return st.selectbox(label, options, index=list(options).index(wanted), format_func=format_func, key=key,
                        on_change=remember, width=width)  # fmt: skip


def community_label(name_th: str, language: str) -> str:
    if name_th == ALL_COMMUNITIES:
        return t("dash.filter.whole_city")
    return community_in(name_th, language)


def period_picker(*, today: date | None = None) -> Period:
    """Kind of period, then which one (newest first); the rolling windows end today."""
    today = today or city_time.today()
    language = lang()
    kind: MenuKind = remembered_selectbox(
        t("dash.filter.period_kind"),
        MENU_KINDS,
        name="period_kind",
        format_func=lambda k: t(f"dash.filter.kind.{k}"),
        width=200,
    )
    offered = _with_linked_period(choices(kind, today), kind, today)
    if len(offered) == 1:
        return offered[0]
    by_code = {p.code: p for p in offered}
    code = remembered_selectbox(
        t("dash.filter.period"),
        list(by_code),
        name=f"period_{kind}",
        default=default_choice(kind, today).code,
        format_func=lambda c: by_code[c].label(language),
        width=240,
    )
    return by_code.get(code, default_choice(kind, today))


def _with_linked_period(offered: list[Period], kind: MenuKind, today: date) -> list[Period]:
    """The menu's periods, plus an older one a link asked for (a briefing of two years ago)."""
    wanted = st.session_state.get(f"exec_period_{kind}")
    linked = view_url.read_period(wanted, today) if isinstance(wanted, str) else None
    if linked is None or view_url.menu_kind(linked) != kind or linked in offered:
        return offered
    return [*offered, linked]


def _adopt_url(today: date) -> None:
    """Take the period and community a URL names when it changed from outside (link, reload)."""
    period = view_url.read_period(view_url.changed_from_outside(view_url.PERIOD), today)
    if period is not None:
        kind = view_url.menu_kind(period)
        st.session_state["exec_period_kind"] = kind
        if kind not in ROLLING_DAYS:
            st.session_state[f"exec_period_{kind}"] = period.code
    community = view_url.changed_from_outside(view_url.COMMUNITY)
    if community is not None:
        st.session_state["exec_community"] = view_url.read_community(community) or ALL_COMMUNITIES
    division = view_url.changed_from_outside(view_url.DIVISION)
    if division is not None:
        st.session_state["exec_division"] = view_url.read_division(division, tuple(DIVISIONS)) or ALL_DIVISIONS


def community_picker() -> str | None:
    """The whole city, or one community of the city profile."""
    language = lang()
    communities = profile()["communities"]
    if language == "th":  # Thai dictionary order: leading vowels (เ แ โ) sort by the consonant
        ordered = collate([c["name_th"] for c in communities])
    else:
        ordered = [c["name_th"] for c in sorted(communities, key=lambda c: c["name_en"])]
    names = [ALL_COMMUNITIES, *ordered]
    picked = remembered_selectbox(
        t("dash.filter.community"),
        names,
        name="community",
        format_func=lambda name: community_label(name, language),
        width=240,
    )
    return picked or None


def division_picker() -> str | None:
    """Every KPI, or those one division owns (the divisions that own any)."""
    owners = {item.division for item in catalogue().values()}
    keys = [ALL_DIVISIONS, *(key for key in DIVISIONS if key in owners)]
    picked = remembered_selectbox(
        t("dash.filter.division"),
        keys,
        name="division",
        format_func=lambda key: DIVISIONS[key].title(lang()) if key else t("dash.filter.every_division"),
        width=260,
    )
    return picked or None


def dashboard_filters(*, today: date | None = None, with_division: bool = False) -> Selection:
    """The period and community pickers (and, where KPIs are shown, the division's) in one row
    that wraps on a phone, kept in the URL. A page without the division picker keeps its choice."""
    today = today or city_time.today()
    _adopt_url(today)
    print_layout()
    with st.container(horizontal=True, key="exec_filters", vertical_alignment="bottom"):
        period = period_picker(today=today)
        community = community_picker()
        division = division_picker() if with_division else st.session_state.get("exec_division") or None
    view_url.publish({view_url.PERIOD: view_url.period_param(period), view_url.COMMUNITY: view_url.community_param(community),
                      view_url.DIVISION: division})  # fmt: skip
    return Selection(period, community, division if with_division else None)
