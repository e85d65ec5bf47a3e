"""Complaint status: a ticket number in; its category, responsible division, stage, timeline and
expected date out. With the key from the filing link the citizen can add information, rate and
reopen. Nothing personal is shown."""

from __future__ import annotations

import streamlit as st

from data_sources import city_time
from ui import citizen_complaints, complaint_desk
from ui.i18n import t
from ui.plain import plain

st.title(t("status_lookup.title"))
st.caption(t("status_lookup.intro"))
linked = st.query_params.get("ticket", "")
number = citizen_complaints.lookup_form(linked) or linked
if number.strip():
    view = complaint_desk.lookup(number)
    if view is None:
        st.warning(t("status_lookup.not_found", ticket=plain(number.strip())), icon=":material/search_off:")
    else:
        complaint_desk.view_card(view, city_time.now())
        complaint_desk.citizen_actions(view)
st.caption(t("status_lookup.privacy"))
