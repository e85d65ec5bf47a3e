"""Complaints inbox (staff): a division's tickets by stage; open one to assign it, move it on,
write a note (internal, or for the citizen) and attach a photo of the fix. Each change is a new
version of the complaints dataset, audited under the staff member's name."""

from __future__ import annotations

import streamlit as st

from data_sources import tickets
from ui import auth, complaint_inbox
from ui.i18n import t
from ui.session import database

engine = database()
account = auth.account_or_stop(engine, "pages/complaint_inbox.py")

st.title(t("inbox.title"))
st.caption(t("inbox.intro"))
complaint_inbox.saved_notice()
division, stages = complaint_inbox.pick_scope(account)
picked = complaint_inbox.ticket_list(engine, division, stages)
if picked:
    view = tickets.staff_view(engine, picked)
    if view is not None:
        complaint_inbox.detail(engine, view)
        complaint_inbox.actions(engine, account, view)
