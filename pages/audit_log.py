"""Audit log (admins): sign-ins, failed attempts, uploads, rollbacks and account changes."""

from __future__ import annotations

import streamlit as st

from ui import auth
from ui.audit_view import entries, filters
from ui.i18n import t
from ui.session import database

engine = database()
auth.account_or_stop(engine, "pages/audit_log.py")

st.title(t("audit.title"))
st.caption(t("audit.intro"))
entries(engine, *filters(engine))
