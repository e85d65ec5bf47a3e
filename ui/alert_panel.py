"""The Mayor Dashboard's alerts panel: river and air first (each in its own box, red when
critical), then KPIs below target and datasets overdue, as two short lists."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from metrics.alerts import Alert
from ui.i18n import lang, t
from ui.plain import plain

_ICONS = {"river": ":material/water:", "pm25": ":material/airwave:"}


def _listed(title: str, items: Sequence[Alert], key: str) -> None:
    language = lang()
    with st.container(border=True, key=key, height="stretch"):
        st.markdown(f"**{title}** ({len(items)})")
        if not items:
            st.caption(t("dash.alerts.none_here"))
            return
        st.markdown("\n".join(f"- {plain(a.message(language))}" for a in items))


def alerts_panel(alerts: Sequence[Alert]) -> None:
    """Every alert, most urgent first; a calm line when there is nothing to follow up."""
    language = lang()
    st.subheader(t("dash.alerts.title"), anchor="alerts")
    if not alerts:
        st.success(t("dash.alerts.all_clear"), icon=":material/check_circle:")
        return
    for alert in (a for a in alerts if a.kind in _ICONS):
        box = st.error if alert.severity == "critical" else st.warning
        box(plain(alert.message(language)), icon=_ICONS[alert.kind])
    red = [a for a in alerts if a.kind == "kpi_red"]
    stale = [a for a in alerts if a.kind == "stale_dataset"]
    left, right = st.columns(2)
    with left:
        _listed(t("dash.alerts.kpis_below_target"), red, "mayor_alerts_kpis")
    with right:
        _listed(t("dash.alerts.stale_data"), stale, "mayor_alerts_stale")
