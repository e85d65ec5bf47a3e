"""Mayor Dashboard: the city's health at a glance. The score first (with its red, capped and
coverage counts), then what to act on (river, air, indicators off target, overdue data), then
the pillars and every KPI. On a phone that order is the reading order."""

from __future__ import annotations

import streamlit as st

from ui import auth, results
from ui.alert_panel import alerts_panel
from ui.briefing_actions import briefing_actions
from ui.cards import city_score_card, kpis_by_pillar, score_cards
from ui.filters import dashboard_filters
from ui.i18n import lang, t
from ui.print_layout import open_print_dialog
from ui.session import database

auth.guard(database(), "pages/mayor_dashboard.py")  # also when Streamlit runs this page without app.py

st.title(t("mayor.title"))
selection = dashboard_filters(with_division=True)
data = results.city_data(database())
result = results.view(data, "result", selection)
st.caption(t("mayor.caption", selection=results.selection_label(selection, data, lang())))
alerts = results.view(data, "alerts", selection)
briefing_actions(data, selection, result, alerts)

city_score_card(result)
alerts_panel(alerts)
score_cards(result, with_city=False)
st.header(t("mayor.kpis"), anchor="kpis")
kpis_by_pillar(result, results.view(data, "sparklines", selection))
open_print_dialog()
