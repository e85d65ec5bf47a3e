"""The Mayor Dashboard's alerts panel: what to act on, most urgent first. River and air alerts
stand in coloured boxes (red when critical); then the indicators off target, furthest off
first; then overdue data, folded. Each alert names where, since when and the owning division,
and links to the page that shows its detail."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from data_sources.divisions import DIVISIONS
from metrics.alerts import Alert
from ui import view_url
from ui.filters import community_label
from ui.format import format_date
from ui.i18n import lang, t
from ui.plain import plain

_ICONS = {"river": ":material/water:", "pm25": ":material/airwave:"}
SHOWN_FIRST = 5  # indicators off target shown before "more"; the rest fold away on a phone


def where_and_when(alert: Alert, language: str) -> str:
    """ "พื้นที่: เสรี · ตั้งแต่ 1 ก.ย. 2569 · งานป้องกันและบรรเทาสาธารณภัย" (parts it has)."""
    parts = []
    if alert.communities:
        places = ", ".join(community_label(name, language) for name in alert.communities)
        parts.append(t("dash.alerts.where", places=places))
    if alert.since is not None:
        hourly = alert.kind in ("river", "pm25")
        parts.append(t("dash.alerts.since", when=format_date(alert.since, language, with_time=hourly)))
    owner = DIVISIONS.get(alert.division or "")
    if owner is not None:
        parts.append(owner.title(language))
    return " · ".join(parts)


def _alert_item(alert: Alert, index: int) -> None:
    language = lang()
    with st.container(border=True, key=f"mayor_alert_{index}"):
        st.markdown(plain(alert.message(language)))
        meta = where_and_when(alert, language)
        if meta:
            st.caption(plain(meta))
        if alert.link is not None:
            st.page_link(alert.link.page, label=t("dash.alerts.open"), icon=":material/arrow_forward:",
                         query_params={**view_url.view_params(), **alert.link.params})  # fmt: skip


def _urgent(alert: Alert, index: int) -> None:
    language = lang()
    box = st.error if alert.severity == "critical" else st.warning
    meta = where_and_when(alert, language)
    box(plain(alert.message(language)) + (f"  \n{plain(meta)}" if meta else ""), icon=_ICONS[alert.kind])
    if alert.link is not None:
        st.page_link(alert.link.page, label=t("dash.alerts.open"), icon=":material/arrow_forward:",
                     query_params={**view_url.view_params(), **alert.link.params})  # fmt: skip


def alerts_panel(alerts: Sequence[Alert]) -> None:
    """Every alert, most urgent first; a calm line when there is nothing to follow up."""
    st.subheader(t("dash.alerts.title"), anchor="alerts")
    if not alerts:
        st.success(t("dash.alerts.all_clear"), icon=":material/check_circle:")
        return
    st.caption(t("dash.alerts.count", count=len(alerts)))
    for index, alert in enumerate(a for a in alerts if a.kind in _ICONS):
        _urgent(alert, index)
    red = [a for a in alerts if a.kind == "kpi_red"]
    if red:
        st.markdown(f"**{t('dash.alerts.kpis_below_target')}** ({len(red)})")
        for index, alert in enumerate(red[:SHOWN_FIRST]):
            _alert_item(alert, 100 + index)
        if len(red) > SHOWN_FIRST:
            with st.expander(t("dash.alerts.more", count=len(red) - SHOWN_FIRST)):
                for index, alert in enumerate(red[SHOWN_FIRST:]):
                    _alert_item(alert, 200 + index)
    stale = [a for a in alerts if a.kind == "stale_dataset"]
    if stale:
        with st.expander(f"{t('dash.alerts.stale_data')} ({len(stale)})"):
            for index, alert in enumerate(stale):
                _alert_item(alert, 300 + index)
