"""The presentation's live step: drop the sample file, watch this month's figure change on the next
slide, then roll the change back; through the real ingest and rollback, by a signed-in executive
or admin, on the demo city only.

Only the samples this server made today are saved from the presentation (checked by their
sha256), so the page is no back door for other files: any other file is read and validated, its
report shown, and nothing is written. Each step re-checks the account in the database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import streamlit as st

from data_sources import city_time, ingest, store
from data_sources.demo.live_sample import live_sample
from data_sources.errors import DataSourceError
from ui import auth, present_data, slide_parts
from ui.i18n import lang, t
from ui.present_data import Deck
from ui.slide_parts import Figure
from ui.upload_pick import XLSX_MIME
from ui.upload_report import issues_table

DATASET = "complaints"
FIGURE = "complaints_received"
SampleKind = Literal["clean", "faulty"]
_STATE = "present_live"  # the live step's outcome for this session
_SEEN = "present_live_seen"  # the uploader's file already handled


@dataclass
class LiveUpload:
    version: int | None  # the version the sample made (None: turned back)
    before: float | None  # this month's figure before the drop
    rows: int
    rolled_back_to: int | None = None


@st.cache_resource(max_entries=2, show_spinner=False)
def samples(day: date, _made_at: datetime) -> dict[SampleKind, bytes]:
    """Today's two samples, made once per server and day, so the file dropped is known by its hash."""
    return {"clean": live_sample(_made_at), "faulty": live_sample(_made_at, with_mistakes=True)}


def todays_samples() -> dict[SampleKind, bytes]:
    return samples(city_time.today(), city_time.now())


def _sample_kind(content: bytes) -> SampleKind | None:
    digest = hashlib.sha256(content).hexdigest()
    return next((kind for kind, data in todays_samples().items() if hashlib.sha256(data).hexdigest() == digest), None)


def allowed(deck: Deck) -> bool:
    account = deck.account
    return deck.demo and account is not None and account.active and account.role in ("executive", "admin")


def drop(deck: Deck) -> None:
    """Slide: download the sample, drop it, see what the platform did with it."""
    slide_parts.heading(t("present.criterion.3"), t("present.live.title"), t("present.live.lead"))
    if not allowed(deck):
        slide_parts.note(t("present.live.demo_only") if not deck.demo else t("present.live.sign_in"))
        return
    made = todays_samples()
    with st.container(horizontal=True, key="present_live_samples"):
        for kind in ("clean", "faulty"):
            st.download_button(t(f"present.live.download_{kind}"), data=made[kind], file_name=f"sample-{kind}.xlsx",
                               mime=XLSX_MIME, key=f"present_sample_{kind}", icon=":material/download:",
                               on_click="ignore")  # fmt: skip
    dropped = st.file_uploader(t("present.live.drop"), type=["xlsx", "xls", "csv"], key="present_live_file")
    if dropped is not None and st.session_state.get(_SEEN) != dropped.file_id:
        st.session_state[_SEEN] = dropped.file_id
        _take(deck, dropped.name, dropped.getvalue())
    _show_outcome()


def _take(deck: Deck, name: str, content: bytes) -> None:
    try:
        account = auth.require_live_step(deck.engine)
    except auth.PermissionDenied:
        st.session_state[_STATE] = ("denied", None)
        return
    if _sample_kind(content) is None:  # read and validated only: nothing is written
        st.session_state[_STATE] = ("not_sample", ingest.read_and_validate(content, name, DATASET).report)
        return
    before = present_data.month_to_date_figure(deck, FIGURE)
    result = ingest.ingest(deck.engine, content, name, DATASET, user=account.username, kind="live_sample")
    if result.accepted:
        rows = 0 if result.prepared.frame is None else len(result.prepared.frame)
        st.session_state[_STATE] = ("accepted", LiveUpload(result.version, before, rows))
    else:
        st.session_state[_STATE] = ("rejected", result.prepared.report)


def _show_outcome() -> None:
    outcome, detail = st.session_state.get(_STATE, (None, None))
    if outcome == "accepted":
        st.success(t("present.live.accepted", rows=detail.rows, version=detail.version), icon=":material/check_circle:")
    elif outcome in ("rejected", "not_sample"):
        st.error(t(f"present.live.{outcome}"), icon=":material/error:")
        issues_table(detail, key="present_live_issues")
    elif outcome == "denied":
        st.error(t("present.live.sign_in"), icon=":material/lock:")


def figure(deck: Deck) -> None:
    """Slide: this month's complaints, before and after the drop; roll the sample back."""
    language = lang()
    now_value = present_data.month_to_date_figure(deck, FIGURE)
    period = present_data.this_month(deck).label(language)
    slide_parts.heading(t("present.criterion.3"), t("present.figure.title", period=period), t("present.figure.lead"))
    outcome, detail = st.session_state.get(_STATE, (None, None))
    counts = present_data.counts(deck)
    shown = _count(now_value)
    if outcome == "accepted" and detail.rolled_back_to is None:
        slide_parts.figures([Figure(_count(detail.before), t("present.figure.before")),
                             Figure(shown, t("present.figure.after"), "green")], arrows=True)  # fmt: skip
    else:
        slide_parts.figures([Figure(shown, t("present.figure.now"))])
    slide_parts.note(t("present.figure.counts", accepted=_count(counts.accepted), versions=_count(counts.versions)))
    if outcome == "accepted" and allowed(deck):
        _rollback(deck, detail)


def _count(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _rollback(deck: Deck, upload: LiveUpload) -> None:
    if upload.rolled_back_to is not None:
        st.info(
            t("present.figure.rolled_back", version=upload.version, new=upload.rolled_back_to), icon=":material/undo:"
        )
        return
    if st.button(t("present.figure.rollback", version=upload.version), key="present_rollback", icon=":material/undo:"):
        try:
            account = auth.require_live_step(deck.engine)
            if store.versions(deck.engine).get(DATASET) != upload.version:
                st.warning(t("present.figure.moved_on"), icon=":material/warning:")
                return
            upload.rolled_back_to = store.rollback(deck.engine, DATASET, upload.version, user=account.username).version
        except (auth.PermissionDenied, DataSourceError):
            st.error(t("present.live.sign_in"), icon=":material/lock:")
            return
        st.rerun()
