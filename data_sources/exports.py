"""Open data: each dataset as the public may have it, as CSV and JSON, with its data dictionary.

Three rules make an export safe to publish:
- personal columns (the adapters declare them) are never in it;
- long free-text cells (descriptions, addresses: what a citizen may have typed) have anything
  shaped like a Thai mobile number or a 13-digit national ID number masked;
- no text cell can start a spreadsheet formula: a cell starting with = + - @, a tab or a
  carriage return gets a leading apostrophe, as OWASP advises for CSV injection. JSON gets
  the same treatment, because people open JSON exports in spreadsheets too.

CSV is UTF-8 with a byte-order mark, so Excel shows Thai without an import wizard.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_sources import city_time, store
from data_sources.adapters import DATASETS, dataset
from data_sources.catalogue import column_rows
from data_sources.formulas import NEUTRALISER, neutralise
from data_sources.personal_numbers import mask_personal_numbers
from data_sources.schema import Column, Dataset

DICTIONARY_FIELDS = ("key", "label_th", "label_en", "required", "unique", "description_th", "description_en")


def public_columns(declared: Dataset) -> list[Column]:
    """The columns an export may hold: every declared column not marked personal."""
    return [column for column in declared.columns if not column.personal]


def _safe_text(values: pd.Series, *, free_text: bool) -> pd.Series:
    def clean(value: object) -> object:
        if value is None or value is pd.NA or not isinstance(value, str):
            return value
        return neutralise(mask_personal_numbers(value) if free_text else value)

    return values.astype("object").map(clean).astype("string")


def public_frame(frame: pd.DataFrame, declared: Dataset) -> pd.DataFrame:
    """`frame` made publishable: public columns only, in declared order, text made safe, dates as
    ISO text (2026-11-23, 2026-11-23 09:30:00, months as 2026-11)."""
    columns = {}
    for column in public_columns(declared):
        values = column.kind.export(frame[column.key])
        if pd.api.types.is_string_dtype(values) or values.dtype == object:
            values = _safe_text(values, free_text=column.kind.free_text)
        columns[column.key] = values
    return pd.DataFrame(columns, index=frame.index).reset_index(drop=True)


def _values(column: Column) -> str:
    """The codes of a list column and what each means; empty for other columns."""
    return "; ".join(f"{o.key} = {o.label_th} / {o.label_en}" for o in column.kind.options)


def dictionary(declared: Dataset) -> list[dict[str, Any]]:
    """The data dictionary of the public columns: key, labels, how values are written, the codes
    of a list column, whether required and unique, descriptions."""
    declared_rows = {row["key"]: row for row in column_rows(declared)}
    rows = []
    for column in public_columns(declared):
        row = declared_rows[column.key]
        format_th, format_en = column.kind.export_format
        rows.append(
            {
                **{name: row[name] for name in DICTIONARY_FIELDS[:3]},
                "format_th": format_th,
                "format_en": format_en,
                "values": _values(column),
                **{name: row[name] for name in DICTIONARY_FIELDS[3:]},
            }
        )
    return rows


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel then reads Thai), CRLF line ends, empty for missing."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\r\n", na_rep="")
    return buffer.getvalue().encode("utf-8-sig")


def dataset_csv(engine: sa.Engine, key: str) -> bytes:
    """Dataset `key`'s current public rows as CSV (column keys as headers; see dictionary_csv)."""
    declared = dataset(key)
    return csv_bytes(public_frame(store.load(engine, key, include_personal=False), declared))


def dictionary_csv(key: str) -> bytes:
    """The data dictionary of dataset `key` as CSV, text made safe like any export."""
    table = pd.DataFrame(dictionary(dataset(key)))
    for name in table.columns:
        if pd.api.types.is_string_dtype(table[name]) or table[name].dtype == object:
            table[name] = _safe_text(table[name].astype("string"), free_text=False)
    return csv_bytes(table)


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def dataset_json(engine: sa.Engine, key: str, *, generated_at: datetime | None = None) -> bytes:
    """Dataset `key` as one JSON document: what it is, its dictionary, and its public rows."""
    declared = dataset(key)
    frame = public_frame(store.load(engine, key, include_personal=False), declared)
    rows = [
        {name: _json_value(value) for name, value in zip(frame.columns, values, strict=True)}
        for values in frame.itertuples(index=False, name=None)
    ]
    document = {
        "dataset": key,
        "title_th": declared.title_th,
        "title_en": declared.title_en,
        "description_th": declared.description_th,
        "description_en": declared.description_en,
        "division_th": declared.division_th,
        "division_en": declared.division_en,
        "version": store.versions(engine).get(key, 0),
        "generated_at": (generated_at or city_time.now()).isoformat(),
        "text_starting_with_formula_characters_prefixed_by": NEUTRALISER,
        "columns": dictionary(declared),
        "rows": rows,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def public_datasets() -> list[str]:
    """Every dataset key: each has at least one public column, so each can be published."""
    return [key for key, declared in DATASETS.items() if public_columns(declared)]
