"""Open data: pick a dataset, read what it holds, download it (CSV, JSON, dictionary).

Files are built only when someone clicks (deferred download data) and cached per dataset
version, so the page itself stays fast and a new upload is served at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import exports, store
from data_sources.adapters import dataset
from data_sources.schema import Dataset
from ui.format import NO_VALUE, format_date, format_number
from ui.i18n import lang, t
from ui.session import database

PREVIEW_ROWS = 20


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)
def _csv(_engine: sa.Engine, url: str, key: str, version: int) -> bytes:
    return exports.dataset_csv(_engine, key)


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)
def _json(_engine: sa.Engine, url: str, key: str, version: int) -> bytes:
    return exports.dataset_json(_engine, key)


def dataset_picker() -> str:
    language = lang()
    keys = exports.public_datasets()
    chosen = st.selectbox(
        t("open_data.dataset"),
        options=keys,
        format_func=lambda key: getattr(dataset(key), f"title_{language}"),
        key="open_data_dataset",
    )
    return chosen or keys[0]


def facts(key: str, state: dict[str, Any]) -> None:
    """What the dataset is, who keeps it, how many rows, when it last changed."""
    language = lang()
    declared = dataset(key)
    st.write(getattr(declared, f"description_{language}"))
    with st.container(horizontal=True, key="open_data_facts"):
        st.metric(t("open_data.rows"), format_number(state.get("rows", 0)), border=True)
        st.metric(t("open_data.version"), format_number(state.get("version", 0)), border=True)
        st.metric(t("open_data.updated"), format_date(state.get("last_accepted_upload"), language), border=True)
    st.caption(t("open_data.division", division=getattr(declared, f"division_{language}")))
    removed = [getattr(c, f"label_{language}") for c in declared.columns if c.personal]
    if removed:
        st.info(t("open_data.personal_removed", columns=", ".join(removed)), icon=":material/shield_person:")


def _deferred(build: Callable[[sa.Engine, str, str, int], bytes], key: str, version: int) -> Callable[[], bytes]:
    engine = database()
    url = engine.url.render_as_string(hide_password=True)
    return lambda: build(engine, url, key, version)


def downloads(key: str, version: int) -> None:
    """CSV, JSON and the data dictionary; the data files are built when clicked."""
    with st.container(horizontal=True, key="open_data_downloads"):
        st.download_button(t("open_data.csv"), _deferred(_csv, key, version), file_name=f"{key}.csv",
                           mime="text/csv", icon=":material/table_view:", type="primary", on_click="ignore",
                           key="open_data_download_csv")  # fmt: skip
        st.download_button(t("open_data.json"), _deferred(_json, key, version), file_name=f"{key}.json",
                           mime="application/json", icon=":material/data_object:", on_click="ignore",
                           key="open_data_download_json")  # fmt: skip
        st.download_button(t("open_data.dictionary_csv"), exports.dictionary_csv(key), file_name=f"{key}-dictionary.csv",
                           mime="text/csv", icon=":material/menu_book:", on_click="ignore",
                           key="open_data_download_dictionary")  # fmt: skip
    st.caption(t("open_data.formats_note"))


def dictionary_table(declared: Dataset) -> None:
    language = lang()
    rows = exports.dictionary(declared)
    table = pd.DataFrame(
        {
            t("open_data.column_key"): [r["key"] for r in rows],
            t("open_data.column_label"): [r[f"label_{language}"] for r in rows],
            t("open_data.column_format"): [r[f"format_{language}"] for r in rows],
            t("open_data.column_required"): [r["required"] for r in rows],
            t("open_data.column_values"): [r["values"] for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, placeholder=NO_VALUE, key="open_data_dictionary_table")


def preview(key: str) -> None:
    """The first rows exactly as the download writes them."""
    declared = dataset(key)
    head = store.load(database(), key, include_personal=False).head(PREVIEW_ROWS)
    st.dataframe(
        exports.public_frame(head, declared), hide_index=True, placeholder=NO_VALUE, key="open_data_preview_table"
    )
