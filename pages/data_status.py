"""Data status: which datasets the city holds, how large and how fresh."""

from __future__ import annotations

import streamlit as st

from data_sources import catalogue, city_time, store
from ui.format import format_number
from ui.i18n import t
from ui.session import database
from ui.tables import dataset_status

entries = catalogue.entries(store.status(database()), city_time.now())

st.title(t("status.title"))
st.caption(t("status.intro"))
left, middle, right = st.columns(3)
left.metric(t("status.datasets"), len(entries))
middle.metric(t("status.total_rows"), format_number(sum(e["rows"] for e in entries)))
right.metric(t("status.fresh"), f"{sum(e['fresh'] for e in entries)} / {len(entries)}")
dataset_status(entries)
