"""About: what the platform is, the city's facts, and the emergency numbers."""

from __future__ import annotations

import streamlit as st

from ui import citizen_about
from ui.i18n import t

st.title(t("about.title"))
st.write(t("about.what"))
st.markdown(t("about.offers"))
st.info(t("about.privacy"), icon=":material/shield_person:")
citizen_about.emergency_numbers()
st.header(t("about.city.title"), anchor=False)
citizen_about.city_figures()
st.markdown(t("about.city.facts"))
st.caption(t("about.facts_source"))
st.subheader(t("about.contact"), anchor=False)
citizen_about.office()
