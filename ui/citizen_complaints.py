"""Complaints for the public: the period picker, totals, by category and community, the monthly
trend, and the ticket status lookup (status and dates only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

import pandas as pd
import streamlit as st

from metrics.citizen_complaints import ComplaintSummary, TicketStatus
from metrics.periods import Period, fiscal, fiscal_year, rolling
from ui import citizen_charts, shared_charts
from ui.citizen_today import BadgeColour
from ui.format import NO_VALUE, format_date, format_number, format_percent
from ui.i18n import lang, t
from ui.plain import plain

PeriodChoice = Literal["last30", "last90", "fiscal_year"]
PERIOD_CHOICES: tuple[PeriodChoice, ...] = ("last30", "last90", "fiscal_year")
STATUS_BADGE: dict[str, BadgeColour] = {
    "received": "blue", "in_progress": "orange", "resolved": "green", "cancelled": "gray",
}  # fmt: skip


def period_of(choice: PeriodChoice, today: date) -> Period:
    """The period a choice names, ending today (the fiscal year runs from 1 October)."""
    if choice == "fiscal_year":
        return fiscal(fiscal_year(today))
    return rolling(30 if choice == "last30" else 90, today=today)


def period_picker(today: date) -> Period:
    choice = st.segmented_control(
        t("citizen.complaints.period"),
        options=list(PERIOD_CHOICES),
        default="last30",
        required=True,
        format_func=lambda c: t(f"citizen.complaints.period.{c}"),
        key="citizen_complaints_period",
    )
    return period_of(choice or "last30", today)


def summary_cards(summary: ComplaintSummary) -> None:
    with st.container(horizontal=True, key="citizen_complaint_totals"):
        st.metric(t("citizen.complaints.received"), format_number(summary.received), border=True)
        st.metric(t("citizen.complaints.resolved"), format_number(summary.resolved), border=True,
                  help=t("citizen.complaints.resolved_help"))  # fmt: skip
        st.metric(t("citizen.complaints.rate"), format_percent(summary.resolution_rate), border=True)
        median = summary.median_days
        st.metric(t("citizen.complaints.median_days"),
                  "—" if median is None else t("citizen.complaints.days", days=format_number(median, decimals=1)),
                  border=True, help=t("citizen.complaints.median_help"))  # fmt: skip


def _community_table(table: pd.DataFrame) -> None:
    language = lang()
    shown = pd.DataFrame(
        {
            t("citizen.complaints.community"): table["community" if language == "th" else "community_en"],
            t("citizen.complaints.received"): table["received"],
            t("citizen.complaints.rate"): table["resolution_rate"] * 100,
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        height=320,
        column_config={
            t("citizen.complaints.rate"): st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)
        },
        placeholder=NO_VALUE,
    )


def breakdowns(summary: ComplaintSummary) -> None:
    language = lang()
    if summary.received == 0:
        st.info(t("citizen.complaints.none"), icon=":material/inbox:")
        return
    left, right = st.columns(2)
    with left, st.container(border=True, key="citizen_complaints_by_category"):
        st.markdown(f"**{t('citizen.complaints.by_category')}**")
        shown = summary.by_category.assign(label=summary.by_category[f"label_{language}"])
        shared_charts.show(citizen_charts.ranked_bars, shown, "label", "received", t("citizen.complaints.received"),
                           alt_text=t("citizen.complaints.by_category"))  # fmt: skip
    with right, st.container(border=True, key="citizen_complaints_by_community"):
        st.markdown(f"**{t('citizen.complaints.by_community')}**")
        _community_table(summary.by_community)


def trend(summary: ComplaintSummary) -> None:
    with st.container(border=True, key="citizen_complaints_trend"):
        st.markdown(f"**{t('citizen.complaints.trend')}**")
        names = {"received": t("citizen.complaints.received"), "resolved": t("citizen.complaints.resolved_in_month")}
        shared_charts.show(citizen_charts.monthly_pair, summary.trend, names, lang(), t("citizen.complaints.tickets"),
                           alt_text=t("citizen.complaints.trend"))  # fmt: skip


def lookup_form(linked: str) -> str | None:
    """The ticket-number form (filled with a `linked` number); the number typed, once submitted."""
    with st.form("complaint_status_form", border=True):
        number = st.text_input(t("status_lookup.ticket"), value=linked, placeholder=t("status_lookup.placeholder"),
                               key="complaint_status_ticket", max_chars=40)  # fmt: skip
        submitted = st.form_submit_button(t("status_lookup.search"), icon=":material/search:", type="primary")
    return number if submitted and number and number.strip() else None


def ticket_result(typed: str, found: TicketStatus | None) -> None:
    """Status and dates of a ticket, or a plain 'not found' with what to do next."""
    language = lang()
    if found is None:
        st.warning(t("status_lookup.not_found", ticket=plain(typed.strip())), icon=":material/search_off:")
        return
    with st.container(border=True, key="complaint_status_result"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{t('status_lookup.ticket_number', ticket=plain(found.ticket_id))}**")
            st.badge(t(f"status_lookup.status.{found.status}"), color=STATUS_BADGE.get(found.status, "gray"))
        st.write(t("status_lookup.received_on", day=format_date(found.received_on, language)))
        if found.resolved_on is not None:
            st.write(t("status_lookup.resolved_on", day=format_date(found.resolved_on, language)))
        st.caption(t(f"status_lookup.meaning.{found.status}"))


def status_lookup(find: Callable[[str], TicketStatus | None]) -> None:
    """The lookup form and, once a number is submitted (or arrives in the link, ?ticket=, as the
    chatbot sends it), what `find` says about it."""
    linked = st.query_params.get("ticket", "")
    number = lookup_form(linked) or linked
    if number.strip():
        ticket_result(number, find(number))
