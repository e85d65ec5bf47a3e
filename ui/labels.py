"""Names people read for the keys data carries: list values (category "road" → "ถนน/ทางเท้าชำรุด"),
dataset columns, and the measures breakdown tables add. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from data_sources.adapters import DATASETS
from data_sources.city import profile
from ui.format import format_month
from ui.strings import Lang, strings, translate


def option_labels(dataset_key: str, column: str, lang: Lang) -> dict[str, str]:
    """Key → label for a list column of a dataset (empty when the column is not a list)."""
    options = DATASETS[dataset_key].column(column).kind.options
    return {o.key: o.label_th if lang == "th" else o.label_en for o in options}


def label_values(values: pd.Series, dataset_key: str, column: str, lang: Lang) -> pd.Series:
    """Each key replaced by its label; a value the list does not know (open lists) stays as written."""
    names = option_labels(dataset_key, column, lang)
    text = values.astype("object")
    return text.map(lambda v: names.get(v, v) if isinstance(v, str) else v)


def community_names(lang: Lang) -> dict[str, str]:
    """Thai community name → its name in `lang`."""
    return {c["name_th"]: c["name_th"] if lang == "th" else c["name_en"] for c in profile()["communities"]}


def column_label(dataset_key: str, column: str, lang: Lang) -> str:
    """A dataset column's header, or a computed measure's name from the strings (dash.measure.*)."""
    measure_key = f"dash.measure.{column}"
    if measure_key in strings(lang):
        return translate(measure_key, lang)
    try:
        declared = DATASETS[dataset_key].column(column)
    except KeyError:
        return column
    return declared.label_th if lang == "th" else declared.label_en


def localise_table(frame: pd.DataFrame, dataset_key: str, lang: Lang) -> pd.DataFrame:
    """A breakdown table ready to show: list keys as labels, months named, headers in `lang`."""
    shown = frame.copy()
    for column in shown.columns:
        if column == "community_en":
            continue
        if column in ("month", "last_upload") and pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = [format_month(m, lang) for m in shown[column]]
        elif column in {c.key for c in DATASETS[dataset_key].columns}:
            shown[column] = label_values(shown[column], dataset_key, column, lang)
    if "community_en" in shown.columns:
        if lang == "en":
            shown["community"] = shown["community_en"]
        shown = shown.drop(columns="community_en")
    headers: Mapping[str, str] = {c: column_label(dataset_key, c, lang) for c in shown.columns}
    return shown.rename(columns=headers)
