"""User accounts (admins): who may sign in, with which role and division; add, disable, reset."""

from __future__ import annotations

import streamlit as st

from ui import auth
from ui.accounts_admin import add_form, manage, notice, table
from ui.i18n import t
from ui.session import database

engine = database()
auth.account_or_stop(engine, "pages/accounts.py")

st.title(t("accounts.title"))
st.caption(t("accounts.intro"))
notice()
every = table(engine)
manage(engine, every)
add_form(engine)
