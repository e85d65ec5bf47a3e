"""Tables shown to people: labels in the session's language, dates in its era."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.format import NO_VALUE, format_date
from ui.i18n import lang, t


def dataset_status(entries: list[dict[str, Any]], *, catalogue: bool = False) -> None:
    """The status of every dataset, one line each; the catalogue adds pillar and cadence."""
    language = lang()
    columns: dict[str, list[object]] = {
        t("status.dataset"): [e[f"title_{language}"] for e in entries],
        t("status.division"): [e[f"division_{language}"] for e in entries],
    }
    if catalogue:
        columns[t("catalogue.pillar")] = [t(f"nav.pillar_{e['pillar']}") for e in entries]
        columns[t("upload.cadence")] = [t("upload.every_days", days=e["cadence_days"]) for e in entries]
    columns[t("status.rows")] = [e["rows"] for e in entries]
    if not catalogue:
        columns[t("status.version")] = [e["version"] for e in entries]
    columns[t("status.last_upload")] = [format_date(e["last_accepted_upload"], language) for e in entries]
    columns[t("status.freshness")] = [t("status.fresh") if e["fresh"] else t("status.stale") for e in entries]
    st.dataframe(
        pd.DataFrame(columns),
        hide_index=True,
        width="stretch",
        column_config={t("status.rows"): st.column_config.NumberColumn(format="localized")},
        placeholder=NO_VALUE,
    )
