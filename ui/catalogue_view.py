"""Step 7: the data catalogue — every dataset's owner, cadence, freshness, and its columns explained.

Everything shown comes from the adapters' declarations (data_sources.catalogue), so the catalogue
always says what the upload path really enforces.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import catalogue, city_time, store
from data_sources.adapters import DATASETS
from ui.format import NO_VALUE
from ui.i18n import lang, t
from ui.tables import dataset_status
from ui.upload_pick import dataset_title, language_key


def overview(engine: sa.Engine) -> None:
    dataset_status(catalogue.entries(store.status(engine), city_time.now()), catalogue=True)


def _yes(value: bool) -> str:
    return t("catalogue.yes") if value else ""


def columns(key: str) -> None:
    """The data dictionary of one dataset: each column's name, type, rules and meaning."""
    language = lang()
    declared = DATASETS[key]
    st.markdown(
        f"**{dataset_title(key)}** — {declared.description_th if language == 'th' else declared.description_en}"
    )
    rows = catalogue.column_rows(declared)
    table = pd.DataFrame(
        {
            t("catalogue.column"): [r[f"label_{language}"] for r in rows],
            t("catalogue.key"): [r["key"] for r in rows],
            t("catalogue.type"): [r[f"type_{language}"] for r in rows],
            t("catalogue.required"): [_yes(r["required"]) for r in rows],
            t("catalogue.unique"): [_yes(r["unique"]) for r in rows],
            t("catalogue.personal"): [_yes(r["personal"]) for r in rows],
            t("catalogue.meaning"): [r[f"description_{language}"] for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", placeholder=NO_VALUE)


def pick_dataset() -> str:
    options = list(DATASETS)
    key, index = language_key("catalogue_dataset", options)
    return st.selectbox(t("catalogue.pick"), options, index=index, format_func=dataset_title, key=key)
