"""KPI detail: one indicator's trend against its target, by community and by category."""

from __future__ import annotations

import streamlit as st

from ui import auth, results
from ui.filters import dashboard_filters
from ui.i18n import t
from ui.kpi_detail import kpi_picker, render
from ui.session import database

auth.guard(database(), "pages/kpi_detail.py")  # also when Streamlit runs this page without app.py

st.title(t("kpidetail.title"))
kpi_id = kpi_picker()
selection = dashboard_filters()
render(kpi_id, results.city_data(database()), selection)
