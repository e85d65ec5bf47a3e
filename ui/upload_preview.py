"""Step 3 and 4 of the upload page, per file: read and validate, the header mapping (editable
where it is unclear), the first rows after normalisation, the period covered, and the report."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from data_sources import header_memory, plausibility, upload_review
from data_sources.accounts import Account
from data_sources.adapters import dataset
from data_sources.column_choices import Remembered, ignored_index
from data_sources.ingest import AUTO, Prepared, read_and_validate
from data_sources.report import column_letter
from ui.format import NO_VALUE, format_date, format_month, format_number
from ui.i18n import lang, t
from ui.labels import label_values
from ui.plain import plain
from ui.upload_confirm import confirm
from ui.upload_pick import dataset_title
from ui.upload_report import feedback_download, file_rows, issues_table

PREVIEW_ROWS = 20


def _state_key(upload: UploadedFile, part: str) -> str:
    return f"upload_{part}_{upload.file_id}"


def prepare(upload: UploadedFile, chosen: str, remembered: tuple[Remembered, ...] = ()) -> Prepared:
    """The file read and validated, kept in the session until the dataset or mapping changes.

    `remembered`: the division's earlier header choices, so a file it has sent before asks nothing.
    """
    mapping: dict[str, int] = st.session_state.get(_state_key(upload, "mapping"), {})
    signature = (chosen, tuple(sorted(mapping.items())))
    cached = st.session_state.get(_state_key(upload, "prepared"))
    if cached is not None and cached[0] == signature:
        return cached[1]
    # A mapping answers questions about the dataset the file was detected as: keep that dataset.
    key = cached[1].dataset if chosen == AUTO and mapping and cached is not None and cached[1].dataset else chosen
    with st.spinner(t("upload.reading", name=upload.name), show_time=True):
        prepared = read_and_validate(
            upload.getvalue(), upload.name, key, mapping=mapping or None, remembered=remembered
        )
    st.session_state[_state_key(upload, "prepared")] = (signature, prepared)
    return prepared


def forget_removed(uploads: list[UploadedFile]) -> None:
    """Drop the state of files no longer in the uploader."""
    live = {u.file_id for u in uploads}
    for name in [k for k in st.session_state if str(k).startswith("upload_prepared_")]:
        if str(name).removeprefix("upload_prepared_") not in live:
            del st.session_state[name]


def _field_label(key: str, dataset_key: str) -> str:
    if ignored_index(key) is not None:
        return t("headers.ignore")
    column = dataset(dataset_key).column(key)
    return column.label_th if lang() == "th" else column.label_en


def _how(key: str, how: dict[str, str], confidence: dict[str, float]) -> str:
    """Who matched a column: staff, the division's memory, or the system (with its confidence when
    the header was matched by meaning rather than by one of the column's names)."""
    if key in how:
        return t(f"headers.by_{how[key]}")
    sure = confidence.get(key, 1.0)
    return t("headers.by_auto") if sure >= 1.0 else t("headers.by_meaning", percent=round(sure * 100))


def _mapping_table(prepared: Prepared) -> None:
    pairs = upload_review.mapping_pairs(prepared)
    if not pairs:
        return
    how = prepared.report.stats.get("mapped_by") or {}
    confidence = prepared.report.stats.get("confidence") or {}
    rows = [
        {
            t("upload.file_column"): f"{letter} · {header}",
            t("upload.dataset_column"): _field_label(key, prepared.dataset),
            t("headers.how"): _how(key, how, confidence),
        }
        for letter, header, key in pairs
    ]  # type: ignore[arg-type]
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        key=f"upload_mapping_table_{prepared.report.file_name}",
        placeholder=NO_VALUE,
    )


def _file_column_label(prepared: Prepared, index: int) -> str:
    return (
        f"{column_letter(index)} · {prepared.headers[index]}" if index < len(prepared.headers) else column_letter(index)
    )


def _ask(
    upload: UploadedFile, prepared: Prepared, question: upload_review.Question, number: int
) -> tuple[str, int] | None:
    key = f"upload_answer_{upload.file_id}_{number}"
    if question.kind == "ambiguous" and question.file_column is not None:
        label = t("upload.question_ambiguous", column=_file_column_label(prepared, question.file_column))
        chosen = st.selectbox(
            label, question.options, index=None, key=key, format_func=lambda k: _field_label(str(k), prepared.dataset)
        )  # type: ignore[arg-type]
        return None if chosen is None else (str(chosen), question.file_column)
    field = _field_label(str(question.field), prepared.dataset)  # type: ignore[arg-type]
    label = t(f"upload.question_{question.kind}", field=field)
    chosen = st.selectbox(
        label, question.options, index=None, key=key, format_func=lambda i: _file_column_label(prepared, int(i))
    )
    return None if chosen is None else (str(question.field), int(chosen))


def _questions(upload: UploadedFile, prepared: Prepared) -> None:
    """Selectboxes for the unclear headers; applying them reads the file again with the answers."""
    found = upload_review.questions(prepared)
    if not found:
        return
    st.warning(t("upload.questions_intro"), icon=":material/rule:")
    with st.form(f"upload_questions_{upload.file_id}"):
        answers = [_ask(upload, prepared, question, number) for number, question in enumerate(found)]
        if st.form_submit_button(t("upload.apply_mapping"), type="primary"):
            mapping = dict(st.session_state.get(_state_key(upload, "mapping"), {}))
            mapping.update(dict(a for a in answers if a is not None))
            st.session_state[_state_key(upload, "mapping")] = mapping
            st.rerun()


def _period_text(period: upload_review.Period | None) -> str:
    if period is None:
        return "—"
    if period.kind == "number":
        return f"{period.first} – {period.last}"
    show = format_month if period.kind == "month" else format_date
    return f"{show(period.first, lang())} – {show(period.last, lang())}"


def _fact(column: DeltaGenerator, label: str, value: str) -> None:
    column.caption(label)
    column.markdown(f"**{value}**")


def _summary(prepared: Prepared) -> None:
    report = prepared.report
    rows, sheet, period = st.columns(3)
    _fact(rows, t("upload.rows_read"), format_number(report.stats.get("rows")))
    _fact(sheet, t("upload.sheet"), f"{plain(report.sheet)} · {t('report.row')} {report.header_row or '—'}")
    _fact(period, t("upload.period"), _period_text(upload_review.period_covered(prepared)))


def display_frame(frame: pd.DataFrame, dataset_key: str) -> pd.DataFrame:
    """The first rows as people read them: headers, list labels and dates in the session's language."""
    language = lang()
    declared = dataset(dataset_key)
    shown = frame.head(PREVIEW_ROWS).astype(object)
    for column in declared.columns:
        level = column.kind.moment_level
        if level == "month":
            shown[column.key] = [format_month(v, language) for v in shown[column.key]]
        elif level is not None:
            timed = level == "datetime"
            shown[column.key] = [format_date(v, language, with_time=timed) for v in shown[column.key]]
        elif column.kind.options:
            shown[column.key] = label_values(shown[column.key], dataset_key, column.key, language)
    shown = shown.astype(object).where(shown.notna(), None)  # None: an empty cell in every column type
    return shown.rename(columns={c.key: _field_label(c.key, dataset_key) for c in declared.columns})


def review(engine: sa.Engine, account: Account, upload: UploadedFile, chosen: str) -> None:
    """Everything about one dropped file, down to the confirm button when it is clean."""
    prepared = prepare(upload, chosen, tuple(header_memory.recall(engine, division=account.division)))
    plausibility.add_warnings(engine, prepared)  # values far from their history: warnings before confirm
    content = upload.getvalue()
    st.markdown(f":material/description: **{plain(upload.name)}** → {dataset_title(prepared.dataset)}")
    if prepared.dataset is not None and not account.may_upload(prepared.dataset):
        st.error(t("upload.not_yours", dataset=dataset_title(prepared.dataset)), icon=":material/block:")
        return
    _mapping_table(prepared)
    _questions(upload, prepared)
    if not prepared.valid:
        st.error(t("upload.blocked", errors=len(prepared.report.errors)), icon=":material/error:")
        issues_table(prepared.report, key=f"upload_issues_{upload.file_id}")
        file_rows(content, upload.name, prepared, key=f"upload_rows_{upload.file_id}")
        feedback_download(content, upload.name, prepared.report, key=f"upload_feedback_{upload.file_id}")
        return
    _summary(prepared)
    if prepared.report.warnings:
        st.info(t("upload.warnings", warnings=len(prepared.report.warnings)), icon=":material/info:")
        issues_table(prepared.report, key=f"upload_issues_{upload.file_id}")
        feedback_download(content, upload.name, prepared.report, key=f"upload_feedback_{upload.file_id}")
    st.caption(t("upload.normalised", rows=min(PREVIEW_ROWS, len(prepared.frame))))  # type: ignore[arg-type]
    st.dataframe(
        display_frame(prepared.frame, prepared.dataset), hide_index=True, width="stretch", placeholder=NO_VALUE
    )  # type: ignore[arg-type]

    mapping = st.session_state.get(_state_key(upload, "mapping"), {})
    confirm(engine, account, upload, prepared, mapping)


def review_all(engine: sa.Engine, account: Account, uploads: list[UploadedFile], chosen: str) -> None:
    """Review each dropped file in turn; a bar shows how far the reading has got."""
    forget_removed(uploads)
    progress = st.progress(0.0) if len(uploads) > 1 else None
    for number, upload in enumerate(uploads, start=1):
        with st.container(border=True):
            review(engine, account, upload, chosen)
        if progress is not None:
            progress.progress(number / len(uploads), text=t("upload.progress", done=number, total=len(uploads)))
