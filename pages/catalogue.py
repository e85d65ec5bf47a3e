"""Data catalogue: every dataset with its owner, cadence, freshness, columns and their meaning."""

from __future__ import annotations

import streamlit as st

from ui import auth
from ui.catalogue_view import columns, overview, pick_dataset
from ui.header_memory_view import remembered
from ui.i18n import t
from ui.session import database

engine = database()
account = auth.account_or_stop(engine, "pages/catalogue.py")

st.title(t("catalogue.title"))
st.caption(t("catalogue.intro"))
overview(engine)
st.subheader(t("catalogue.columns"))
chosen = pick_dataset()
columns(chosen)
remembered(engine, account, chosen)
