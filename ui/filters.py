"""The executive pages' filters: a period picker (month, fiscal year, fiscal quarter, last 7 or 30
days, labelled in the Buddhist era in Thai) and a community filter.

The filters are shared by every executive page (keys `exec_*`) and kept for the session, so a
period picked on the Mayor Dashboard is still picked on a pillar page or the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st
from pythainlp.util import collate

from data_sources.city import profile
from metrics.period_menu import MENU_KINDS, MenuKind, choices, default_choice
from metrics.periods import Period
from ui.i18n import lang, t

ALL_COMMUNITIES = ""  # the community filter's "whole city" option


@dataclass(frozen=True)
class Selection:
    """What the executive asked to see: one period, and the whole city or one community (Thai name)."""

    period: Period
    community: str | None

    def label(self, language: str) -> str:
        """ "ต.ค. 2569 · ทั้งเมือง" / "Oct 2026 · Mueang Thong"."""
        place = community_label(self.community or ALL_COMMUNITIES, language)
        return f"{self.period.label(language)} · {place}"


def community_label(name_th: str, language: str) -> str:
    if name_th == ALL_COMMUNITIES:
        return t("dash.filter.whole_city")
    if language == "th":
        return name_th
    english = {c["name_th"]: c["name_en"] for c in profile()["communities"]}
    return english.get(name_th, name_th)


def period_picker(*, today: date | None = None) -> Period:
    """Kind of period, then which one (newest first); the rolling windows end today."""
    today = today or date.today()
    language = lang()
    kind: MenuKind = st.selectbox(
        t("dash.filter.period_kind"),
        MENU_KINDS,
        format_func=lambda k: t(f"dash.filter.kind.{k}"),
        key="exec_period_kind",
        persist_state="session",
        width=200,
    )
    offered = choices(kind, today)
    if len(offered) == 1:
        return offered[0]
    by_code = {p.code: p for p in offered}
    code = st.selectbox(
        t("dash.filter.period"),
        list(by_code),
        index=list(by_code).index(default_choice(kind, today).code),
        format_func=lambda c: by_code[c].label(language),
        key=f"exec_period_{kind}",
        persist_state="session",
        width=240,
    )
    return by_code.get(code, default_choice(kind, today))


def community_picker() -> str | None:
    """The whole city, or one community of the city profile."""
    language = lang()
    communities = profile()["communities"]
    if language == "th":  # Thai dictionary order: leading vowels (เ แ โ) sort by the consonant
        ordered = collate([c["name_th"] for c in communities])
    else:
        ordered = [c["name_th"] for c in sorted(communities, key=lambda c: c["name_en"])]
    names = [ALL_COMMUNITIES, *ordered]
    picked = st.selectbox(
        t("dash.filter.community"),
        names,
        format_func=lambda name: community_label(name, language),
        key="exec_community",
        persist_state="session",
        width=240,
    )
    return picked or None


def dashboard_filters(*, today: date | None = None) -> Selection:
    """The period and community pickers in one row that wraps on a phone."""
    with st.container(horizontal=True, key="exec_filters", vertical_alignment="bottom"):
        period = period_picker(today=today)
        community = community_picker()
    return Selection(period, community)
