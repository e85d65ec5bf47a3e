"""The about page's pieces: the city's key figures and the emergency numbers (tap to call)."""

from __future__ import annotations

import streamlit as st

from data_sources.city import profile
from ui.i18n import lang, t

# Most urgent first: what a person in danger looks for.
EMERGENCY_ORDER = ("medical", "fire", "police", "disaster", "road_accident", "tourist_police", "social")


def emergency_numbers() -> None:
    """Every emergency number of the city profile as a big tap-to-call line."""
    numbers = profile()["emergency_numbers"]
    with st.container(border=True, key="about_emergency"):
        st.subheader(t("about.emergency.title"), anchor=False)
        for key in (k for k in EMERGENCY_ORDER if k in numbers):
            st.markdown(f"#### [{numbers[key]}](tel:{numbers[key]}) · {t(f'about.emergency.{key}')}")
        st.caption(t("about.emergency.note"))


def city_figures() -> None:
    """The city's size, people, communities and age, from the city facts (see about.facts_source)."""
    with st.container(horizontal=True, key="about_figures"):
        st.metric(t("about.fact.area"), t("about.fact.area_value"), border=True)
        st.metric(t("about.fact.population"), t("about.fact.population_value"), border=True,
                  help=t("about.fact.population_help"))  # fmt: skip
        st.metric(t("about.fact.communities"), t("about.fact.communities_value"), border=True)
        st.metric(t("about.fact.founded"), t("about.fact.founded_value"), border=True)


def office() -> None:
    city = profile()
    st.markdown(f"**{city['name_th'] if lang() == 'th' else city['name_en']}**  \n"
                f"{city['address_th'] if lang() == 'th' else city['address_en']}")  # fmt: skip
