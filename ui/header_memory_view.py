"""The catalogue's remembered headers: what each division chose once for its files, and (admins)
changing or removing a choice. Every change is audited by `data_sources.header_memory`."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import header_memory
from data_sources.accounts import Account
from data_sources.adapters import dataset
from data_sources.column_choices import Remembered, ignored_index
from data_sources.divisions import division
from ui import auth
from ui.format import NO_VALUE, format_date
from ui.i18n import lang, t

_DONE = "catalogue_headers_done"
_IGNORE = ""


def _division(key: str) -> str:
    if key == header_memory.ANY_DIVISION:
        return t("headers.no_division")
    try:
        return division(key).title(lang())
    except KeyError:
        return key


def _column(dataset_key: str, key: str) -> str:
    if key == _IGNORE or ignored_index(key) is not None:
        return t("headers.ignore")
    column = dataset(dataset_key).column(key)
    return column.label_th if lang() == "th" else column.label_en


def _table(entries: list[Remembered]) -> None:
    rows = [
        {
            t("headers.division"): _division(e.division),
            t("headers.file_header"): header,
            t("headers.column"): _column(e.dataset, key),
            t("headers.confirmed_by"): e.confirmed_by or "—",
            t("headers.confirmed_at"): format_date(e.confirmed_at, lang(), with_time=True),
        }
        for e in entries
        for key, header in e.mapping.items()
    ]
    st.dataframe(
        pd.DataFrame(rows), hide_index=True, width="stretch", key="catalogue_headers_table", placeholder=NO_VALUE
    )


def _edit(engine: sa.Engine, entries: list[Remembered], dataset_key: str) -> None:
    """Admins: pick one remembered mapping, change the column of each header, or remove it."""
    by_id = {e.id: e for e in entries}
    chosen = st.selectbox(
        t("headers.pick"),
        list(by_id),
        key=f"catalogue_headers_pick_{dataset_key}",
        format_func=lambda i: f"{_division(by_id[i].division)} · {', '.join(by_id[i].mapping.values())}",
    )
    entry = by_id[chosen]
    columns = [_IGNORE, *(c.key for c in dataset(dataset_key).columns)]
    with st.form(f"catalogue_headers_form_{entry.id}"):
        picked: dict[str, str] = {}
        for key, header in entry.mapping.items():
            picked[header] = st.selectbox(
                header,
                columns,
                index=columns.index(key) if key in columns else 0,
                key=f"catalogue_headers_{entry.id}_{key}",
                format_func=lambda k: _column(dataset_key, k),
            )
        save, remove = st.columns(2)
        saved = save.form_submit_button(t("headers.save"), type="primary")
        removed = remove.form_submit_button(t("headers.remove"))
    if not (saved or removed):
        return
    try:
        admin = auth.require_admin(engine)  # re-checked on the server at the moment of writing
    except auth.PermissionDenied:
        st.error(t("upload.denied"))
        return
    ignored = {header: k for k, header in entry.mapping.items() if ignored_index(k) is not None}
    mapping = {(ignored.get(header, "") if key == _IGNORE else key): header for header, key in picked.items()}
    mapping.pop("", None)
    if removed or not mapping:
        header_memory.forget(engine, entry.id, user=admin.username)
        st.session_state[_DONE] = "headers.removed"
    else:
        header_memory.change(engine, entry.id, mapping, user=admin.username)
        st.session_state[_DONE] = "headers.saved"
    st.rerun()


def remembered(engine: sa.Engine, account: Account, dataset_key: str) -> None:
    """The remembered mappings of one dataset; an admin may change or remove them."""
    st.subheader(t("headers.remembered"))
    st.caption(t("headers.remembered_intro"))
    done = st.session_state.pop(_DONE, None)
    if done:
        st.success(t(done), icon=":material/check_circle:")
    entries = header_memory.every(engine, dataset_key)
    if not entries:
        st.info(t("headers.remembered_none"))
        return
    _table(entries)
    if account.may_manage:
        _edit(engine, entries, dataset_key)
