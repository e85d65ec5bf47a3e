"""Citizen Dashboard: the city today (air, river, incidents, waste, events) and complaints in aggregate.

Public: every figure comes from frames without personal columns, and complaints only in aggregate.
"""

from __future__ import annotations

import streamlit as st

from data_sources import city_time
from ui import citizen_complaints, citizen_today
from ui.citizen_data import complaints_view, today_view
from ui.format import format_date
from ui.i18n import lang, t

today = today_view()

st.title(t("citizen.title"))
st.caption(t("citizen.intro", when=format_date(today.now, lang(), with_time=True)))

left, right = st.columns(2)
with left:
    citizen_today.air_card(today.air)
with right:
    citizen_today.river_card(today.rivers, today.now)
left, right = st.columns(2)
with left:
    citizen_today.incidents_card(today)
with right:
    citizen_today.waste_card(today.waste, today.now)
citizen_today.events_card(today)

st.header(t("citizen.complaints.title"), anchor=False)
st.caption(t("citizen.complaints.intro"))
period = citizen_complaints.period_picker(city_time.today())
summary = complaints_view(period)
st.caption(t("citizen.complaints.period_label", period=period.label(lang())))
citizen_complaints.summary_cards(summary)
citizen_complaints.breakdowns(summary)
citizen_complaints.trend(summary)
st.page_link("pages/complaint_status.py", label=t("citizen.complaints.lookup_link"), icon=":material/search:")
