"""Step 1 and 2 of the upload page: pick a dataset (or let the app detect it), then drop files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pandas as pd
import sqlalchemy as sa
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from data_sources import city_time, store
from data_sources.adapters import dataset
from data_sources.freshness import is_fresh
from data_sources.ingest import AUTO
from data_sources.template import build_template
from ui.format import format_date
from ui.i18n import lang, t
from ui.strings import LANGS

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dataset_title(key: str | None) -> str:
    if key is None or key == AUTO:
        return t("upload.auto")
    declared = dataset(key)
    return declared.title_th if lang() == "th" else declared.title_en


def language_key(base: str, options: Sequence[object]) -> tuple[str, int]:
    """A widget key per language, and the position of the choice made before a language switch.

    A keyed selectbox keeps showing its labels in the language it was first drawn in, so each
    language gets its own widget; the choice carries over from the other one.
    """
    key = f"{base}_{lang()}"
    if key not in st.session_state:
        for other in (f"{base}_{code}" for code in LANGS):
            if st.session_state.get(other) in options:
                return key, list(options).index(st.session_state[other])
    return key, 0


def pick_dataset(keys: tuple[str, ...]) -> str:
    """`auto` first (detect the dataset from the headers), then the division's own datasets."""
    options = [AUTO, *keys]
    key, index = language_key("upload_dataset", options)
    return st.selectbox(t("upload.dataset"), options, index=index, format_func=dataset_title, key=key)


def last_accepted(engine: sa.Engine, key: str) -> datetime | None:
    history = store.upload_history(engine, key)
    accepted = history[history["status"] == "accepted"]
    return None if accepted.empty else pd.Timestamp(accepted.iloc[0]["uploaded_at"]).to_pydatetime()


def dataset_card(engine: sa.Engine, key: str, own: tuple[str, ...] = ()) -> None:
    """What the dataset holds, who owns it, how often it is due, when it last came, and its template.

    On automatic detection: what it does, and the template of each of the division's datasets (`own`).
    """
    if key == AUTO:
        st.caption(t("upload.auto_help"))
        with st.container(horizontal=True):
            for each in own:
                _template_button(each, t("upload.template_for", dataset=dataset_title(each)))
        return
    declared = dataset(key)
    language = lang()
    last = last_accepted(engine, key)
    fresh = is_fresh(last, declared.cadence_days, city_time.now())
    with st.container(border=True):
        st.markdown(
            f"**{dataset_title(key)}**  \n{declared.description_th if language == 'th' else declared.description_en}"
        )
        owner, cadence, latest = st.columns(3)
        owner.caption(t("upload.owner"))
        owner.write(declared.division_th if language == "th" else declared.division_en)
        cadence.caption(t("upload.cadence"))
        cadence.write(t("upload.every_days", days=declared.cadence_days))
        latest.caption(t("upload.last_upload"))
        latest.write(f"{format_date(last, language)} · {t('status.fresh') if fresh else t('status.stale')}")
        _template_button(key, t("upload.template"))


def _template_button(key: str, label: str) -> None:
    st.download_button(
        label,
        data=lambda: build_template(key),
        file_name=f"template-{key}.xlsx",
        mime=XLSX_MIME,
        key=f"upload_template_{key}",
        icon=":material/download:",
        on_click="ignore",
    )


def drop_files() -> list[UploadedFile]:
    files = st.file_uploader(
        t("upload.files"),
        type=["xlsx", "xls", "csv"],
        accept_multiple_files=True,
        key="upload_files",
        help=t("upload.files_help"),
    )
    return list(files or [])
