"""Services map: health centres, hospitals, schools, shelters, markets, offices... with opening
hours and their public phone numbers."""

from __future__ import annotations

import streamlit as st

from metrics.citizen_services import service_counts
from ui import citizen_map
from ui.citizen_data import service_places
from ui.i18n import t

st.title(t("services.title"))
st.caption(t("services.intro"))
places = service_places(citizen_map.type_picker())
with st.container(border=True, key="services_map_frame"):
    st.pydeck_chart(citizen_map.services_deck(places), height=460, alt=t("services.map_alt"), key="services_map_deck")
    citizen_map.legend(service_counts(places))
st.subheader(t("services.list"), anchor=False)
citizen_map.place_list(places)
st.caption(t("services.emergency_hint"))
