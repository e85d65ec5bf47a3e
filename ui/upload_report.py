"""The validation report on screen: the problems table, the file's rows with bad cells coloured,
and the staff member's own file back as Excel with each problem marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from data_sources import upload_review
from data_sources.errors import DataSourceError
from data_sources.excel_feedback import annotated_workbook, feedback_name
from data_sources.ingest import Prepared
from data_sources.report import Issue, ValidationReport
from ui.format import NO_VALUE
from ui.i18n import lang, t
from ui.plain import plain
from ui.upload_pick import XLSX_MIME

ERROR_STYLE = "background-color: #F4B6B6"
WARNING_STYLE = "background-color: #FBE3A1"


def issues_frame(issues: list[Issue]) -> pd.DataFrame:
    """One row per problem, in the session's language: where, what, and what the cell held.

    Where and what come first, so a phone shows them without scrolling sideways.
    """
    language = lang()
    return pd.DataFrame(
        {
            t("report.row"): pd.array([i.row for i in issues], dtype="Int64"),
            t("report.column"): [i.column or "" for i in issues],
            t("report.problem"): [i.message(language) for i in issues],
            t("report.value"): [i.value or "" for i in issues],
            t("report.header"): [i.header or "" for i in issues],
            t("report.severity"): [t(f"report.{i.severity}") for i in issues],
        }
    )


def issues_table(report: ValidationReport, *, key: str) -> None:
    if not report.issues:
        return
    st.dataframe(
        issues_frame(upload_review.in_reading_order(report.issues)),
        hide_index=True,
        width="stretch",
        key=key,
        placeholder=NO_VALUE,
    )


def _styled(rows: pd.DataFrame, flagged: dict[tuple[int, str], Issue], headers: list[str]) -> Styler:
    """`rows` (Excel row numbers × column letters) labelled for people, flagged cells coloured."""
    styles = pd.DataFrame("", index=rows.index, columns=rows.columns)
    for (row, letter), issue in flagged.items():
        if row in styles.index and letter in styles.columns:
            styles.at[row, letter] = ERROR_STYLE if issue.severity == "error" else WARNING_STYLE
    columns = {letter: _column_label(letter, headers) for letter in rows.columns}
    index = {row: f"{t('report.row')} {row}" for row in rows.index}
    labelled, styles = rows.rename(index=index, columns=columns), styles.rename(index=index, columns=columns)
    return labelled.style.apply(lambda _: styles, axis=None)


def _column_label(letter: str, headers: list[str]) -> str:
    index = upload_review.column_index(letter)
    header = headers[index] if 0 <= index < len(headers) else ""
    return f"{letter} · {header}" if header else letter


def file_rows(content: bytes, file_name: str, prepared: Prepared, *, key: str) -> None:
    """The file's first rows and every row with a problem, as written, bad cells coloured."""
    sheet = prepared.report.sheet
    if not sheet:
        return
    try:
        rows = upload_review.read_rows(content, file_name, sheet, upload_review.rows_to_show(prepared))
    except DataSourceError:
        return  # the report already says why the file cannot be read
    if rows.empty:
        return
    flagged = upload_review.flagged_cells(prepared.report)
    st.caption(t("upload.file_rows", sheet=plain(sheet)))
    st.dataframe(_styled(rows, flagged, prepared.headers), width="stretch", key=key, placeholder=NO_VALUE)


def feedback_download(content: bytes, file_name: str, report: ValidationReport, *, key: str) -> None:
    st.download_button(
        t("upload.feedback"),
        data=lambda: annotated_workbook(content, file_name, report),
        file_name=feedback_name(file_name),
        mime=XLSX_MIME,
        key=key,
        icon=":material/download:",
        on_click="ignore",
        help=t("upload.feedback_help"),
    )
