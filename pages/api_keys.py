"""Open311 API keys (admins): who may post complaints through Open311; make (shown once), revoke."""

from __future__ import annotations

import streamlit as st

from ui import auth
from ui.api_keys_admin import add_form, notice, revoke_form, table
from ui.i18n import t
from ui.session import database

engine = database()
auth.account_or_stop(engine, "pages/api_keys.py")

st.title(t("api_keys.title"))
st.caption(t("api_keys.intro"))
notice()
keys = table(engine)
revoke_form(engine, keys)
add_form(engine)
