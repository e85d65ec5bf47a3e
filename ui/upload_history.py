"""Step 6: each dataset's history — who uploaded what and when, the report, the original file,
the versions, and (admins) rolling a version back after a confirmation that says what it undoes."""

from __future__ import annotations

import json

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import originals, store
from data_sources.accounts import Account
from data_sources.adapters import DATASETS
from data_sources.report import ValidationReport
from ui import auth, auth_routes
from ui.format import NO_VALUE, format_date, format_number
from ui.i18n import lang, t
from ui.upload_pick import dataset_title, language_key
from ui.upload_report import issues_table


def pick_dataset(account: Account) -> str:
    """Staff see their division's datasets; executives and admins see every one."""
    keys = account.datasets if account.role == "staff" else tuple(DATASETS)
    key, index = language_key("history_dataset", keys)
    return st.selectbox(t("upload.dataset"), keys, index=index, format_func=dataset_title, key=key)


def _status(row: dict) -> str:
    """Saved, rejected, or held: refused only until someone confirms the removal (the report says so)."""
    status = str(row["status"])
    if status == "rejected" and "upload-held" in ValidationReport.codes_in(row.get("report")):
        status = "held"
    return t(f"history.status_{status}")


def _when(value: object) -> str:
    return format_date(value, lang(), with_time=True)


def uploads(engine: sa.Engine, key: str) -> pd.DataFrame:
    history = store.upload_history(engine, key)
    st.subheader(t("history.uploads"))
    if history.empty:
        st.info(t("history.no_uploads"))
        return history
    table = pd.DataFrame(
        {
            t("history.when"): [_when(v) for v in history["uploaded_at"]],
            t("history.by"): history["uploaded_by"].fillna("—").tolist(),
            t("history.file"): history["file_name"].tolist(),
            t("history.rows"): history["rows"].tolist(),
            t("history.status"): [_status(row) for row in history.to_dict("records")],
            t("history.version"): pd.array(history["version"], dtype="Int64"),
        }
    )
    st.dataframe(
        table, hide_index=True, width="stretch", column_config=_counts(t("history.rows")), placeholder=NO_VALUE
    )
    return history


def _counts(*columns: str) -> dict[str, object]:
    """Row counts with thousands separators."""
    return {name: st.column_config.NumberColumn(format="localized") for name in columns}


def original_link(account: Account, dataset_key: str | None, upload_id: int) -> None:
    """A link to the original file, served by app.py's route only to a browser whose session may
    have it (each download audited); files with personal data go to admins and the owning division."""
    if not originals.may_download(account, dataset_key):
        st.caption(t("history.original_restricted"))
        return
    st.link_button(t("history.original"), f"{auth_routes.ORIGINAL_PATH}/{upload_id}", icon=":material/download:")


def upload_detail(engine: sa.Engine, account: Account, history: pd.DataFrame) -> None:
    """One upload's report, and its original file to download."""
    if history.empty:
        return
    rows = {int(r["id"]): r for r in history.to_dict("records")}
    options = list(rows)
    key, index = language_key("history_upload", options)
    chosen = st.selectbox(
        t("history.pick_upload"),
        options,
        index=index,
        key=key,
        format_func=lambda i: f"{rows[i]['file_name']} · {_when(rows[i]['uploaded_at'])} · {_status(rows[i])}",
    )
    row = rows[chosen]
    original_link(account, row["dataset"], chosen)
    report = json.loads(row["report"] or "{}")
    chosen_columns(report)
    if report.get("issues"):
        issues_table(ValidationReport.from_dict(report), key=f"history_issues_{chosen}")
    else:
        st.caption(t("history.no_issues"))


def chosen_columns(report: dict) -> None:  # type: ignore[type-arg]
    """The columns of an upload chosen by staff or remembered from the division's earlier file."""
    how = (report.get("stats") or {}).get("mapped_by") or {}
    mapping = report.get("mapping") or {}
    if not how or report.get("dataset") not in DATASETS:
        return
    declared = DATASETS[report["dataset"]]
    label = (lambda c: c.label_th) if lang() == "th" else (lambda c: c.label_en)
    rows = [
        {
            t("upload.file_column"): mapping.get(key, "—"),
            t("upload.dataset_column"): label(declared.column(key)),
            t("headers.how"): t(f"headers.by_{by}"),
        }
        for key, by in how.items()
        if key in {c.key for c in declared.columns}
    ]
    st.caption(t("headers.history"))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder=NO_VALUE)


def versions(engine: sa.Engine, key: str) -> pd.DataFrame:
    history = store.version_history(engine, key)
    st.subheader(t("history.versions"))
    if history.empty:
        st.info(t("history.no_versions"))
        return history
    table = pd.DataFrame(
        {
            t("history.version"): history["version"].tolist(),
            t("history.when"): [_when(v) for v in history["created_at"]],
            t("history.kind"): [t(f"history.kind_{k}") for k in history["kind"]],
            t("history.by"): history["created_by"].fillna("—").tolist(),
            # As the clerk was told on confirm: an updated row is stored as one closed and one
            # inserted, so rows_added and rows_removed both count it.
            t("upload.added"): (history["rows_added"] - history["rows_updated"]).tolist(),
            t("upload.updated"): history["rows_updated"].tolist(),
            t("upload.removed"): (history["rows_removed"] - history["rows_updated"]).tolist(),
            t("history.rows"): history["row_count"].tolist(),
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config=_counts(t("upload.added"), t("upload.updated"), t("upload.removed"), t("history.rows")),
        placeholder=NO_VALUE,
    )
    return history


def rollback(engine: sa.Engine, account: Account, key: str, history: pd.DataFrame) -> None:
    """Admins only: undo a version (and every later one) after reading what it will undo."""
    if not account.may_manage or history.empty:
        return
    st.subheader(t("history.rollback"))
    version = st.selectbox(t("history.rollback_pick"), history["version"].tolist(), key=f"history_rollback_{key}")
    preview = store.rollback_preview(engine, key, int(version))
    st.warning(
        t(
            "history.rollback_preview",
            version=version,
            remove=format_number(preview["remove"]),
            restore=format_number(preview["restore"]),
            rows=format_number(preview["rows_after"]),
        ),
        icon=":material/undo:",
    )
    sure = st.checkbox(t("history.rollback_sure"), key=f"history_rollback_sure_{key}")
    if st.button(t("history.rollback_button"), disabled=not sure, key=f"history_rollback_go_{key}", type="primary"):
        try:
            admin = auth.require_admin(engine)  # re-checked on the server at the moment of writing
        except auth.PermissionDenied:
            st.error(t("upload.denied"))
            return
        result = store.rollback(engine, key, int(version), user=admin.username)
        st.session_state["history_rolled_back"] = (key, int(version), result.version)
        st.rerun()


def rolled_back_notice() -> None:
    done = st.session_state.pop("history_rolled_back", None)
    if done is not None:
        key, undone, version = done
        st.success(
            t("history.rolled_back", dataset=dataset_title(key), undone=undone, version=version),
            icon=":material/check_circle:",
        )
