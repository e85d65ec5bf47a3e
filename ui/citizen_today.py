"""The "today in the city" cards of the Citizen Dashboard: air, river, incidents, waste, events."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from metrics.citizen import AirToday, CitizenToday, CityEvent, RiverReading, WasteSummary, months_until
from ui import citizen_charts
from ui.format import format_date, format_number, format_percent
from ui.i18n import lang, t
from ui.plain import plain

BadgeColour = Literal["red", "orange", "yellow", "blue", "green", "violet", "gray", "primary"]
BAND_BADGE: dict[str, BadgeColour] = {
    "very_good": "blue", "good": "green", "moderate": "yellow", "starting_to_affect": "orange", "affects_health": "red",
}  # fmt: skip
RIVER_BADGE: dict[str, BadgeColour] = {
    "normal": "green", "watch": "yellow", "warning": "orange", "critical": "red", "no_data": "gray",
}  # fmt: skip
_RIVER_ORDER = ("no_data", "normal", "watch", "warning", "critical")


def air_card(air: AirToday) -> None:
    language = lang()
    with st.container(border=True, key="citizen_air"):
        st.subheader(t("citizen.air.title"), anchor=False)
        if air.pm25 is None or air.band is None:
            st.info(t("citizen.air.no_reading_today"), icon=":material/cloud_off:")
        else:
            st.metric(t("citizen.air.today"), f"{format_number(air.pm25, decimals=1)} {t('citizen.air.unit')}",
                      help=t("citizen.air.help"))  # fmt: skip
            st.badge(t(f"citizen.air.band.{air.band.key}"), color=BAND_BADGE[air.band.key])
            st.write(t(f"citizen.air.advice.{air.band.key}"))
        st.caption(t("citizen.air.standard", standard=format_number(air.standard, decimals=1),
                     as_of=format_date(air.as_of, language, with_time=True)))  # fmt: skip
        if not air.days.empty:
            st.altair_chart(citizen_charts.air_week(air.days, air.standard, language), alt=t("citizen.air.chart_alt"))


def _river_line(reading: RiverReading) -> str:
    if reading.status == "no_data" or reading.level_m is None:
        return t("citizen.river.no_recent")
    margin = reading.below_warning_m or 0.0
    where = (
        t("citizen.river.below_warning", metres=format_number(margin, decimals=2))
        if margin > 0
        else t("citizen.river.above_warning", metres=format_number(-margin, decimals=2))
    )
    return t("citizen.river.line", level=format_number(reading.level_m, decimals=2), where=where,
             trend=t(f"citizen.river.trend.{reading.trend}"))  # fmt: skip


def river_card(rivers: list[RiverReading]) -> None:
    language = lang()
    worst = max((r.status for r in rivers), key=_RIVER_ORDER.index, default="no_data")
    with st.container(border=True, key="citizen_river"):
        st.subheader(t("citizen.river.title"), anchor=False)
        st.write(t(f"citizen.river.summary.{worst}"))
        for reading in rivers:
            name = reading.name_th if language == "th" else reading.name_en
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                st.markdown(f"**{plain(name)}**")
                st.badge(t(f"citizen.river.status.{reading.status}"), color=RIVER_BADGE[reading.status])
            st.caption(_river_line(reading))
        measured = [r.measured_at for r in rivers if r.measured_at is not None]
        st.caption(t("citizen.as_of", when=format_date(max(measured, default=None), language, with_time=True)))


def incidents_card(today: CitizenToday) -> None:
    language = lang()
    table = today.incidents
    with st.container(border=True, key="citizen_incidents"):
        st.subheader(t("citizen.incidents.title", days=today.incident_days), anchor=False)
        total = int(table["incidents"].sum()) if not table.empty else 0
        st.metric(t("citizen.incidents.total"), format_number(total))
        if table.empty:
            st.caption(t("citizen.incidents.none"))
            return
        shown = table.assign(label=table[f"label_{language}"])
        st.altair_chart(citizen_charts.ranked_bars(shown, "label", "incidents", t("citizen.incidents.count")),
                        alt=t("citizen.incidents.chart_alt"))  # fmt: skip
        households = int(table["households_affected"].sum())
        st.caption(t("citizen.incidents.households", households=format_number(households)))


def waste_card(waste: WasteSummary) -> None:
    language = lang()
    with st.container(border=True, key="citizen_waste"):
        st.subheader(t("citizen.waste.title"), anchor=False)
        if waste.tons_collected is None:
            st.caption(t("common.no_data"))
            return
        share = waste.tons_recycled / waste.tons_collected if waste.tons_collected and waste.tons_recycled else None
        left, right = st.columns(2)
        left.metric(t("citizen.waste.collected", days=waste.days),
                    f"{format_number(waste.tons_collected, decimals=0)} {t('citizen.waste.tons')}")  # fmt: skip
        right.metric(t("citizen.waste.recycled_share"), format_percent(share))
        if not waste.monthly.empty:
            names = {"tons_collected": t("citizen.waste.series_collected"),
                     "tons_recycled": t("citizen.waste.series_recycled")}  # fmt: skip
            chart = citizen_charts.monthly_pair(waste.monthly, names, language, t("citizen.waste.tons"), kind="bars")
            st.altair_chart(chart, alt=t("citizen.waste.chart_alt"))


def _event_line(event: CityEvent, today_month_gap: int) -> None:
    language = lang()
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown(f"**{event.name_th if language == 'th' else event.name_en}**")
        if today_month_gap == 0:
            st.badge(t("citizen.events.this_month"), color="green")
    st.caption(
        f"{event.when_th if language == 'th' else event.when_en} · {event.place_th if language == 'th' else event.place_en}"
    )


def events_card(today: CitizenToday) -> None:
    with st.container(border=True, key="citizen_events"):
        st.subheader(t("citizen.events.title"), anchor=False)
        for event in today.events:
            _event_line(event, months_until(event, today.now.date()))
        st.caption(t("citizen.events.note"))
