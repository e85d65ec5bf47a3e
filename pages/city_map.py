"""City map: complaints, incidents, river stations, facilities and communities on one map; during
a river alert it opens on the last 7 days up to now."""

from __future__ import annotations

import streamlit as st

from ui import auth, maps, results
from ui.filters import dashboard_filters
from ui.i18n import lang, t
from ui.session import database

auth.guard(database(), "pages/city_map.py")  # also when Streamlit runs this page without app.py

st.title(t("citymap.title"))
selection = dashboard_filters()
with st.container(horizontal=True, vertical_alignment="bottom", key="map_controls"):
    shown = maps.layer_toggles()
    statuses = maps.status_choice()
data = results.city_data(database())
if results.view(data, "river_now", selection):
    # During a river alert the map shows now, whatever period the dashboards were left on.
    selection = results.right_now(selection, data)
    st.error(t("citymap.river_now"), icon=":material/water:")
st.caption(t("citymap.caption", selection=selection.label(lang())))
maps.city_map(results.view(data, "map", selection, statuses), shown, selection.community)
maps.legend(shown)
