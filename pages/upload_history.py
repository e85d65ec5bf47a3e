"""Upload history: who sent what and when, the reports, the original files, and (admins) rollback."""

from __future__ import annotations

import streamlit as st

from ui import auth
from ui.i18n import t
from ui.session import database
from ui.upload_history import pick_dataset, rollback, rolled_back_notice, upload_detail, uploads, versions

engine = database()
account = auth.account_or_stop(engine, "pages/upload_history.py")

st.title(t("history.title"))
st.caption(t("history.intro"))
rolled_back_notice()
key = pick_dataset(account)
upload_detail(engine, account, uploads(engine, key))
rollback(engine, account, key, versions(engine, key))
