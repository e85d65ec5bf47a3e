"""The data catalogue: every dataset's declaration joined with its state in the store.

Derived from the adapters, so the catalogue page, the status page and the freshness KPI never
disagree with what the upload path actually enforces.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from data_sources.adapters import DATASETS
from data_sources.freshness import is_fresh
from data_sources.schema import Dataset


def entries(status: dict[str, Any], now: datetime) -> list[dict[str, Any]]:
    """One row per dataset: declaration facts plus rows, version, last upload and freshness."""
    rows = []
    for key, declared in DATASETS.items():
        state = status["datasets"].get(key, {})
        last = state.get("last_accepted_upload")
        rows.append(
            {
                "key": key,
                "title_th": declared.title_th,
                "title_en": declared.title_en,
                "division_th": declared.division_th,
                "division_en": declared.division_en,
                "pillar": declared.pillar,
                "cadence_days": declared.cadence_days,
                "rows": state.get("rows", 0),
                "version": state.get("version", 0),
                "last_accepted_upload": last,
                "fresh": is_fresh(last, declared.cadence_days, now),
            }
        )
    return rows


def column_rows(declared: Dataset) -> list[dict[str, Any]]:
    """The data dictionary of one dataset, for the catalogue and the open-data downloads."""
    out = []
    for column in declared.columns:
        kind_th, kind_en = column.kind.describe()
        out.append(
            {
                "key": column.key,
                "label_th": column.label_th,
                "label_en": column.label_en,
                "type_th": kind_th,
                "type_en": kind_en,
                "required": column.required,
                "unique": column.unique or (declared.primary_key == (column.key,)),
                "personal": column.personal,
                "description_th": column.description_th,
                "description_en": column.description_en,
            }
        )
    return out
