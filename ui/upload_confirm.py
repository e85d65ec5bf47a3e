"""Step 5 of the upload page: what will change, then one confirm that writes one version.

A file already loaded is said so and offers no confirm. A change that would remove rows the file
does not put back, or double a period (data_sources.safeguards), lists those periods and needs a
second, explicit tick before the confirm works."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from data_sources import changes, ingest, safeguards
from data_sources.accounts import Account
from data_sources.adapters import dataset
from data_sources.db import DATABASE_FAULTS
from data_sources.ingest import Prepared
from ui import auth
from ui.format import NO_VALUE, format_month, format_number
from ui.i18n import lang, t
from ui.upload_report import issues_table

_FAULT_KEY = "upload_database_fault"  # the file whose confirm met a busy or unreachable database


def period_label(label: str) -> str:
    """ "2024-10" → "ต.ค. 2567" / "Oct 2024"; other labels (a year, "—") as they are."""
    try:
        return format_month(pd.Timestamp(f"{label}-01"), lang()) if len(label) == 7 and label[4] == "-" else label
    except ValueError:
        return label


def _mode(account: Account, upload: UploadedFile) -> changes.Mode:
    """Staff add to or update their dataset; only an admin may replace a whole dataset with a file."""
    if account.role != "admin":
        return "append"
    return st.radio(
        t("upload.mode"),
        ["append", "replace"],
        format_func=lambda m: t(f"upload.mode_{m}"),
        horizontal=True,
        key=f"upload_mode_{upload.file_id}_{lang()}",
    )


def _changes_table(summary: dict) -> None:  # type: ignore[type-arg]
    left, middle, right, last = st.columns(4)
    left.metric(t("upload.added"), format_number(summary["added"]))
    middle.metric(t("upload.updated"), format_number(summary["updated"]))
    right.metric(t("upload.removed"), format_number(summary["removed"]))
    last.metric(t("upload.unchanged"), format_number(summary["unchanged"]))
    by_period = summary.get("by_period") or []
    if len(by_period) > 1:
        st.dataframe(
            pd.DataFrame(
                {
                    t("upload.period"): [period_label(p["period"]) for p in by_period],
                    t("upload.added"): [p["added"] for p in by_period],
                    t("upload.updated"): [p["updated"] for p in by_period],
                    t("upload.removed"): [p["removed"] for p in by_period],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )


def _write(
    engine: sa.Engine,
    upload: UploadedFile,
    prepared: Prepared,
    mapping: dict[str, int],
    mode: changes.Mode,
    allow: bool,
) -> None:
    key = prepared.dataset
    assert key is not None
    try:
        account = auth.require_upload(engine, key)  # the server's check; the page's choices are only a convenience
    except auth.PermissionDenied:
        st.error(t("upload.denied"), icon=":material/block:")
        return
    try:
        with st.spinner(t("upload.writing"), show_time=True):
            result = ingest.ingest(
                engine, upload.getvalue(), upload.name, key, mode=mode, user=account.username,
                mapping=mapping or None, allow_removals=allow, allow_overlap=allow,
            )  # fmt: skip
    except DATABASE_FAULTS:  # a held write lock or an outage: the transaction rolled back, nothing saved
        st.session_state[_FAULT_KEY] = upload.file_id
        return
    st.session_state[f"upload_done_{upload.file_id}"] = (
        result.accepted,
        result.version,
        result.changes,
        result.prepared.report,
    )


def _outcome(upload: UploadedFile) -> bool:
    """The result of a confirm already made for this file; True when there was one."""
    done = st.session_state.get(f"upload_done_{upload.file_id}")
    if done is None:
        return False
    accepted, version, summary, report = done
    if accepted:
        st.success(
            t(
                "upload.accepted",
                version=version,
                added=summary["added"],
                updated=summary["updated"],
                removed=summary["removed"],
            ),
            icon=":material/check_circle:",
        )
    else:
        st.error(t("upload.rejected_on_write"), icon=":material/error:")
        issues_table(report, key=f"upload_written_issues_{upload.file_id}")
    return True


def confirm(
    engine: sa.Engine, account: Account, upload: UploadedFile, prepared: Prepared, mapping: dict[str, int]
) -> None:
    """What the file will change, and the button that writes it (once)."""
    if _outcome(upload):
        return
    if st.session_state.pop(_FAULT_KEY, None) == upload.file_id:
        st.warning(t("upload.database_busy"), icon=":material/hourglass_top:")
    earlier = safeguards.already_loaded(engine, prepared.dataset, upload.getvalue(), user=account.username)  # type: ignore[arg-type]
    if earlier is not None:
        st.info(earlier.text(lang()), icon=":material/content_copy:")
        return
    st.markdown(f"**{t('upload.what_changes')}**")
    mode = _mode(account, upload)
    summary, held = safeguards.preview(engine, prepared.dataset, prepared.frame, mode)  # type: ignore[arg-type]
    _changes_table(summary)
    sure = True
    if held:
        sure = _held(upload, prepared, held)
    elif summary["removed"]:
        st.warning(t(f"upload.removes_{mode}", removed=format_number(summary["removed"])), icon=":material/warning:")
    if st.button(
        t("upload.confirm"),
        type="primary",
        key=f"upload_confirm_{upload.file_id}",
        icon=":material/cloud_upload:",
        disabled=not sure,
    ):
        _write(engine, upload, prepared, mapping, mode, allow=bool(held))
        st.rerun()


def _held(upload: UploadedFile, prepared: Prepared, held: safeguards.Held) -> bool:
    """The periods that would lose or double rows, and the tick that says it is meant."""
    lines = held.lines(dataset(prepared.dataset), lang())  # type: ignore[arg-type]
    st.error(
        "\n".join([t("upload.held"), *(f"- {line}" for line in lines)]),
        icon=":material/front_hand:",
    )
    removed = sum(loss.removed for loss in held.losses)
    label = t("upload.held_sure", removed=format_number(removed)) if held.losses else t("upload.held_sure_overlap")
    return st.checkbox(label, key=f"upload_held_sure_{upload.file_id}_{lang()}")
