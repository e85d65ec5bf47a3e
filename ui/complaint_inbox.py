"""The staff inbox: each division's complaints by stage, one ticket opened with everything staff
need (description, contact, photos, exact location, timeline), and the actions that move it on.

Who may act (checked on the server, at every action): staff of the ticket's division, staff of the
service centre (the clerk's office sorts and assigns every ticket), and admins. Executives read.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import city_time, tickets
from data_sources.accounts import Account
from data_sources.tickets import TicketError, TicketView, rules
from data_sources.tickets.labels import category_label, division_keys, division_label, stage_label
from ui.format import NO_VALUE, format_date
from ui.i18n import lang, t
from ui.plain import plain

SORTING_DIVISION = "clerk"  # the service centre: sees and assigns every division's tickets
STAGE_TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("open", rules.OPEN_STAGES), ("new", ("new",)), ("assigned", ("assigned",)), ("in_progress", ("in_progress",)),
    ("resolved", ("resolved",)), ("closed", ("closed", "cancelled")),
)  # fmt: skip


def sees_all(account: Account) -> bool:
    return account.role in ("admin", "executive") or account.division == SORTING_DIVISION


def may_act(account: Account, view: TicketView) -> bool:
    if not account.active or account.role == "executive":
        return False
    return account.role == "admin" or account.division in (SORTING_DIVISION, view.division)


def pick_scope(account: Account) -> tuple[str | None, tuple[str, ...]]:
    """The division shown (None: all) and the stages, from the filters."""
    if sees_all(account):
        options = [None, *division_keys()]
        division = st.selectbox(t("inbox.division"), options, key="inbox_division",
                                format_func=lambda d: t("inbox.all_divisions") if d is None else division_label(d, lang()))  # fmt: skip
    else:
        division = account.division
        st.caption(t("inbox.own_division", division=division_label(division, lang())))
    tab = st.segmented_control(t("inbox.stage"), [key for key, _ in STAGE_TABS], default="open", required=True,
                               format_func=lambda k: t(f"inbox.tab.{k}"), key="inbox_stage")  # fmt: skip
    return division, dict(STAGE_TABS)[tab or "open"]


def ticket_list(engine: sa.Engine, division: str | None, stages: tuple[str, ...]) -> str | None:
    """The tickets in scope (oldest open first, newest done first) and the one picked."""
    now = city_time.now()
    found = tickets.inbox(engine, division=division, stages=stages, now=now)
    if stages[0] in ("resolved", "closed"):
        found = found.sort_values("received_at", ascending=False).head(200)
    st.caption(t("inbox.count", count=len(found), overdue=int(found["overdue"].sum()) if len(found) else 0))
    if found.empty:
        st.info(t("inbox.empty"), icon=":material/inbox:")
        return None
    language = lang()
    shown = pd.DataFrame({
        t("inbox.col.ticket"): found["ticket_id"],
        t("inbox.col.received"): [format_date(v, language, with_time=True) for v in found["received_at"]],
        t("inbox.col.category"): [category_label(c, language) for c in found["category"]],
        t("inbox.col.community"): found["community"],
        t("inbox.col.stage"): [stage_label(s, language) + (" ⚠" if late else "") for s, late in zip(found["stage"], found["overdue"], strict=True)],
    })  # fmt: skip
    st.dataframe(shown, hide_index=True, height=min(420, 38 + 35 * len(shown)), key="inbox_table", placeholder=NO_VALUE)
    return st.selectbox(t("inbox.open_ticket"), list(found["ticket_id"]), key="inbox_ticket",
                        format_func=lambda tid: _label(found, tid, language))  # fmt: skip


def _label(found: pd.DataFrame, ticket_id: str, language: str) -> str:
    row = found.loc[found["ticket_id"] == ticket_id].iloc[0]
    return f"{ticket_id} · {category_label(row['category'], language)} · {row['community']}"


def detail(engine: sa.Engine, view: TicketView) -> None:
    """Everything about the ticket, for staff (personal data included: this page is signed-in only)."""
    language = lang()
    private = view.private
    with st.container(border=True, key="inbox_detail"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{plain(view.ticket_id)}**")
            st.badge(stage_label(view.stage, language), color="orange" if view.stage in rules.OPEN_STAGES else "green")
            if view.overdue(city_time.now()):
                st.badge(t("inbox.overdue"), color="red")
        st.write(t("inbox.what", category=category_label(view.category, language), community=plain(view.community),
                   division=division_label(view.division, language)))  # fmt: skip
        st.write(t("inbox.dates", received=format_date(view.received_at, language, with_time=True),
                   due=format_date(view.due_at, language)))  # fmt: skip
        st.markdown(f"**{t('inbox.description')}**")
        st.text(private.get("description") or "—")
        contact = " · ".join(x for x in (private.get("contact_name"), private.get("contact_phone")) if x)
        channels = ", ".join(sorted({c for c, _ in private.get("contacts", [])}))
        st.caption(t("inbox.contact", contact=plain(contact or None), channels=channels or "—"))
        if private.get("latitude") is not None:
            point = f"{private['latitude']:.6f},{private['longitude']:.6f}"
            st.markdown(f"[{t('inbox.map')}](https://www.google.com/maps/search/?api=1&query={point})")
        _photos(engine, private.get("photos", []))
        _timeline(view)


def _photos(engine: sa.Engine, photos: list[tuple[int, str, object]]) -> None:
    if not photos:
        return
    with st.container(horizontal=True, gap="small", key="inbox_photos"):
        for photo_id, kind, _ in photos:
            found = tickets.photo(engine, photo_id)
            if found is not None and found.mime != "image/heic":
                st.image(found.content, caption=t(f"inbox.photo.{kind}"), width=160)
            elif found is not None:
                st.caption(t("inbox.photo_heic"))


def _timeline(view: TicketView) -> None:
    language = lang()
    with st.expander(t("inbox.timeline"), expanded=False):
        for entry in view.timeline:
            what = t(f"status_desk.event.{entry.kind}")
            if entry.stage_to:
                what += f": {stage_label(entry.stage_to, language)}"
            if entry.division and entry.kind == "assigned":
                what += f" ({division_label(entry.division, language)})"
            note = f" — {entry.text}" if entry.text else ""
            st.markdown(
                plain(f"{format_date(entry.at, language, with_time=True)} · {entry.actor or '—'} · {what}{note}")
            )


def actions(engine: sa.Engine, account: Account, view: TicketView) -> None:
    """Assign, move, note and attach a photo of the fix: one form, one change (or more) per submit."""
    if not may_act(account, view):
        st.caption(t("inbox.read_only"))
        return
    language = lang()
    moves = list(rules.MOVES.get(view.stage, ()))
    with st.form("inbox_action", border=True, clear_on_submit=True):
        st.markdown(f"**{t('inbox.act')}**")
        keys = list(division_keys())
        division = st.selectbox(t("inbox.assign_to"), keys, key="inbox_assign",
                                index=keys.index(view.division) if view.division in keys else 0,
                                format_func=lambda d: division_label(d, language))  # fmt: skip
        stage = st.selectbox(t("inbox.move_to"), [None, *moves], key="inbox_move",
                             format_func=lambda s: t("inbox.no_move") if s is None else stage_label(s, language))  # fmt: skip
        note = st.text_area(t("inbox.note"), max_chars=4000, key="inbox_note")
        public_note = st.text_area(t("inbox.public_note"), max_chars=1000, key="inbox_public_note")
        photo = st.file_uploader(t("inbox.fix_photo"), type=["jpg", "jpeg", "png", "webp", "heic"], key="inbox_photo",
                                 max_upload_size=8)  # fmt: skip
        if st.form_submit_button(t("inbox.save"), type="primary"):
            _apply(engine, account, view, division, stage, note, public_note, photo.getvalue() if photo else None)


def _apply(engine: sa.Engine, account: Account, view: TicketView, division: str, stage: str | None, note: str,
           public_note: str, photo: bytes | None) -> None:  # fmt: skip
    from ui import auth

    try:
        fresh = auth.require_staff(engine)
        if not may_act(fresh, view):
            raise auth.PermissionDenied(f"{fresh.username} may not act on {view.ticket_id}")
        actor = fresh.username
        if division != view.division or (view.stage == "new" and stage in (None, "assigned")):
            tickets.assign(engine, view.ticket_id, division, actor=actor)
        if stage and stage != "assigned":
            tickets.move(
                engine,
                view.ticket_id,
                stage,
                actor=actor,
                note=note or None,
                public_note=public_note or None,
                photo=photo,
            )  # type: ignore[arg-type]
        else:
            if note.strip():
                tickets.add_note(engine, view.ticket_id, note, actor=actor)
            if public_note.strip():
                tickets.add_note(engine, view.ticket_id, public_note, actor=actor, public=True)
            if photo:
                tickets.attach_photo(engine, view.ticket_id, photo, actor=actor)
    except TicketError as refused:
        st.error(plain(refused.message_th if lang() == "th" else refused.message_en), icon=":material/block:")
        return
    except auth.PermissionDenied:
        st.error(t("inbox.not_allowed"), icon=":material/block:")
        return
    st.session_state["inbox_message"] = t("inbox.saved", ticket=view.ticket_id)
    st.rerun()


def saved_notice() -> None:
    message = st.session_state.pop("inbox_message", None)
    if message:
        st.success(plain(message), icon=":material/check_circle:")
