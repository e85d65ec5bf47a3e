"""The "today in the city" cards of the Citizen Dashboard: air, river, incidents, waste, events."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import streamlit as st

from data_sources.city import community_names
from metrics.citizen import AirToday, CitizenToday, CityEvent, WasteSummary, months_until
from metrics.citizen_services import collection
from metrics.river_outlook import RiverOutlook
from ui import citizen_charts, shared_charts
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
            shared_charts.show(
                citizen_charts.air_week, air.days, air.standard, language, alt_text=t("citizen.air.chart_alt")
            )


def _river_line(reading: RiverOutlook) -> str:
    if reading.status == "no_data" or reading.level_m is None:
        return t("citizen.river.no_recent")
    margin = reading.below_warning_m or 0.0
    where = (
        t("citizen.river.below_warning", metres=format_number(margin, decimals=2))
        if margin > 0
        else t("citizen.river.above_warning", metres=format_number(-margin, decimals=2))
    )
    return t("citizen.river.line", level=format_number(reading.level_m, decimals=2), where=where,
             trend=_river_trend(reading))  # fmt: skip


def _river_trend(reading: RiverOutlook) -> str:
    """ "กำลังสูงขึ้น 6 ซม./ชม. (0.97 ม. ใน 24 ชม.)": the rate beside the word, as the chatbot says it."""
    word = t(f"citizen.river.trend.{reading.trend}")
    if reading.trend in ("unknown", "steady") or reading.rate_m_per_h is None:
        return word
    rate = format_number(abs(reading.rate_m_per_h) * 100)
    if reading.change_24h_m is None:
        return t("citizen.river.rate_short", trend=word, rate=rate)
    return t("citizen.river.rate", trend=word, rate=rate, change=f"{reading.change_24h_m:+.2f}")


def _river_eta(reading: RiverOutlook) -> str | None:
    """The time to the warning and critical levels at the current rate, while rising below them."""
    to_warning, to_critical = reading.hours_to_warning, reading.hours_to_critical
    if reading.trend != "rising" or not to_critical:
        return None
    slots = {"warning": format_number(reading.warning_m or 0, decimals=2), "critical": format_number(reading.critical_m or 0, decimals=2),
             "hours": format_number(to_warning or 0), "critical_hours": format_number(to_critical)}  # fmt: skip
    return t("citizen.river.eta" if to_warning else "citizen.river.eta_critical_only", **slots)


def river_card(rivers: list[RiverOutlook], now: datetime) -> None:
    language = lang()
    worst = max(rivers, key=lambda r: (_RIVER_ORDER.index(r.status), r.rate_m_per_h or 0.0), default=None)
    summary = "no_data" if worst is None else ("rising" if worst.rising_fast else worst.status)
    with st.container(border=True, key="citizen_river"):
        st.subheader(t("citizen.river.title"), anchor=False)
        st.write(t(f"citizen.river.summary.{summary}"))
        for reading in rivers:
            name = reading.name_th if language == "th" else reading.name_en
            status = "rising" if reading.rising_fast else reading.status
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                st.markdown(f"**{plain(name)}**")
                st.badge(t(f"citizen.river.status.{status}"), color=RIVER_BADGE[reading.status])
            st.caption(_river_line(reading))
            eta = _river_eta(reading)
            if eta:
                st.caption(eta)
            if reading.measured_at is not None:
                minutes = format_number(max(0.0, (now - reading.measured_at).total_seconds() / 60))
                st.caption(
                    t(
                        "citizen.river.age",
                        when=format_date(reading.measured_at, language, with_time=True),
                        minutes=minutes,
                    )
                )


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
        shared_charts.show(citizen_charts.ranked_bars, shown, "label", "incidents", t("citizen.incidents.count"),
                           alt_text=t("citizen.incidents.chart_alt"))  # fmt: skip
        households = int(table["households_affected"].sum())
        st.caption(t("citizen.incidents.households", households=format_number(households)))


def _collection_days(now: datetime) -> None:
    """Pick your community, read when the truck comes (the city profile's schedule)."""
    names = community_names()
    chosen = st.selectbox(t("citizen.waste.your_community"), names, index=None, key="citizen_waste_community",
                          placeholder=t("citizen.waste.pick_community"))  # fmt: skip
    found = collection(chosen) if chosen else None
    if found is None:
        return
    days = ", ".join(t(f"citizen.weekday.{d}") for d in found.days)
    word, visit = found.visit_word(now)
    next_day = t(f"citizen.waste.{word}") if word != "weekday" else t(f"citizen.weekday.{visit.isoweekday()}")
    st.info(t("citizen.waste.schedule", days=days, time=found.time, next=next_day), icon=":material/delete:")


def waste_card(waste: WasteSummary, now: datetime) -> None:
    language = lang()
    with st.container(border=True, key="citizen_waste"):
        st.subheader(t("citizen.waste.title"), anchor=False)
        _collection_days(now)
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
            shared_charts.show(citizen_charts.monthly_pair, waste.monthly, names, language, t("citizen.waste.tons"),
                               kind="bars", alt_text=t("citizen.waste.chart_alt"))  # fmt: skip


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
