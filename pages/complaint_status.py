"""Complaint status lookup: a ticket number in, its status and dates out (nothing else about it)."""

from __future__ import annotations

import streamlit as st

from ui import citizen_complaints
from ui.citizen_data import ticket_status
from ui.i18n import t

st.title(t("status_lookup.title"))
st.caption(t("status_lookup.intro"))
citizen_complaints.status_lookup(ticket_status)
st.caption(t("status_lookup.privacy"))
