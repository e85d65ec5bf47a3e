"""The public status page's pieces: what anyone with the ticket number sees (category, division,
stage, timeline, expected date) and, with the key from the filing link, what the citizen can do:
add information or a photo, rate 1-5 once resolved, reopen within the window. Nothing personal."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from data_sources import city_time, tickets
from data_sources.tickets import Citizen, TicketError, TicketView
from data_sources.tickets.labels import category_label, division_label, stage_label
from ui.format import format_date
from ui.i18n import lang, t
from ui.plain import plain
from ui.session import database

STAGE_BADGE = {"new": "blue", "assigned": "violet", "in_progress": "orange", "resolved": "green", "closed": "gray",
               "cancelled": "gray"}  # fmt: skip
KEY_PARAM = "key"


def _when(moment: datetime | None) -> str:
    return format_date(moment, lang(), with_time=True)


def view_card(view: TicketView, now: datetime) -> None:
    """The ticket as the public sees it."""
    language = lang()
    with st.container(border=True, key="complaint_status_result"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{plain(t('status_lookup.ticket_number', ticket=view.ticket_id))}**")
            st.badge(stage_label(view.stage, language), color=STAGE_BADGE.get(view.stage, "gray"))  # type: ignore[arg-type]
        st.write(t("status_desk.category", category=category_label(view.category, language)))
        st.write(t("status_desk.division", division=division_label(view.division, language)))
        st.write(t("status_lookup.received_on", day=_when(view.received_at)))
        if view.resolved_at and view.stage in ("resolved", "closed"):
            st.write(t("status_lookup.resolved_on", day=_when(view.resolved_at)))
        elif view.due_at and view.stage != "cancelled":
            key = "status_desk.overdue" if view.overdue(now) else "status_desk.due"
            st.write(t(key, day=format_date(view.due_at, language)))
        if view.satisfaction:
            st.write(t("status_desk.rated", score=view.satisfaction))
        timeline(view)


def timeline(view: TicketView) -> None:
    st.markdown(f"**{t('status_desk.timeline')}**")
    language = lang()
    for entry in view.timeline:
        what = t(f"status_desk.event.{entry.kind}")
        if entry.stage_to:
            what += f": {stage_label(entry.stage_to, language)}"
        if entry.kind == "assigned" and entry.division:
            what += f" ({division_label(entry.division, language)})"
        line = f"{_when(entry.at)} · {what}"
        if entry.text and entry.kind == "note":
            line += f" — {entry.text}"
        st.markdown(plain(line))


def _citizen() -> Citizen | None:
    key = st.query_params.get(KEY_PARAM, "")
    return Citizen(key=key) if key else None


def _done(message_key: str) -> None:
    st.session_state["status_desk_message"] = message_key
    st.rerun()


def citizen_actions(view: TicketView) -> None:
    """Add information, rate, reopen: for the citizen holding the ticket's key."""
    citizen = _citizen()
    message = st.session_state.pop("status_desk_message", None)
    if message:
        st.success(t(message), icon=":material/check_circle:")
    if citizen is None or not tickets.may_act(database(), view.ticket_id, citizen):
        st.caption(t("status_desk.key_needed"))
        return
    engine = database()
    try:
        if view.may_rate:
            _rate(engine, view, citizen)
        if view.may_reopen:
            _reopen(engine, view, citizen)
        if view.stage not in ("closed", "cancelled"):
            _add_information(engine, view, citizen)
    except TicketError as refused:
        st.error(plain(refused.message_th if lang() == "th" else refused.message_en), icon=":material/block:")


def _rate(engine: object, view: TicketView, citizen: Citizen) -> None:
    with st.form("status_desk_rate", border=True):
        st.markdown(f"**{t('status_desk.rate_title')}**")
        score = st.feedback("stars", key="status_desk_score")
        comment = st.text_input(t("status_desk.rate_comment"), max_chars=500, key="status_desk_rate_comment")
        if st.form_submit_button(t("status_desk.rate_send"), type="primary"):
            if score is None:
                st.warning(t("status_desk.rate_pick"))
                return
            tickets.rate(engine, view.ticket_id, citizen, int(score) + 1, comment=comment or None)  # type: ignore[arg-type]
            _done("status_desk.rated_thanks")


def _reopen(engine: object, view: TicketView, citizen: Citizen) -> None:
    with st.form("status_desk_reopen", border=True):
        st.markdown(f"**{t('status_desk.reopen_title')}**")
        reason = st.text_area(t("status_desk.reopen_reason"), max_chars=2000, key="status_desk_reopen_reason")
        if st.form_submit_button(t("status_desk.reopen_send")):
            tickets.reopen(engine, view.ticket_id, citizen, reason or "-")  # type: ignore[arg-type]
            _done("status_desk.reopened")


def _add_information(engine: object, view: TicketView, citizen: Citizen) -> None:
    with st.form("status_desk_info", border=True, clear_on_submit=True):
        st.markdown(f"**{t('status_desk.info_title')}**")
        text = st.text_area(t("status_desk.info_text"), max_chars=4000, key="status_desk_info_text")
        photo = st.file_uploader(t("status_desk.info_photo"), type=["jpg", "jpeg", "png", "webp", "heic"],
                                 key="status_desk_info_photo", max_upload_size=8)  # fmt: skip
        if st.form_submit_button(t("status_desk.info_send")):
            if not (text and text.strip()) and photo is None:
                st.warning(t("status_desk.info_empty"))
                return
            tickets.add_information(engine, view.ticket_id, citizen, text=text or None,  # type: ignore[arg-type]
                                    photo=photo.getvalue() if photo else None)  # fmt: skip
            _done("status_desk.info_added")


def lookup(typed: str) -> TicketView | None:
    """The public view of the ticket a citizen typed (matched as the chatbot matches numbers)."""
    from ui.citizen_data import ticket_status

    found = ticket_status(typed)
    if found is None:
        return None
    return tickets.public_view(database(), found.ticket_id, now=city_time.now())
