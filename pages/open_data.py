"""Open data: every public dataset as CSV and JSON with its data dictionary; personal columns
never leave the store, and exported text cannot start a spreadsheet formula."""

from __future__ import annotations

import streamlit as st

from data_sources import store
from data_sources.adapters import dataset
from ui import citizen_open_data
from ui.i18n import t
from ui.session import database

st.title(t("open_data.title"))
st.caption(t("open_data.intro"))
key = citizen_open_data.dataset_picker()
state = store.status(database())["datasets"].get(key, {})
citizen_open_data.facts(key, state)
citizen_open_data.downloads(key, state.get("version", 0))
st.subheader(t("open_data.dictionary"), anchor=False)
citizen_open_data.dictionary_table(dataset(key))
st.subheader(t("open_data.preview"), anchor=False)
citizen_open_data.preview(key)
