"""Rules across columns, named by the adapters' `RowCheck(rule, columns)` declarations.

Each rule takes the typed frame and its column keys and returns a boolean mask of failing rows,
plus the template slots that explain the failure for one row.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from data_sources.thai_calendar import be_year, fiscal_years

Rule = Callable[[pd.DataFrame, tuple[str, ...]], np.ndarray]


def not_before(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    later, earlier = (frame[c] for c in columns)
    return (later.notna() & earlier.notna() & (later < earlier)).to_numpy(dtype=bool)


def not_more_than(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    part, whole = (frame[c] for c in columns)
    return (part.notna() & whole.notna() & (part > whole + 1e-9)).to_numpy(dtype=bool)


def resolved_has_time(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    status, resolved_at = (frame[c] for c in columns)
    return ((status == "resolved").fillna(False) & resolved_at.isna()).to_numpy(dtype=bool)


def month_in_fiscal_year(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    month, fiscal_year = (frame[c] for c in columns)
    expected = fiscal_years(month)
    differs = expected != fiscal_year.to_numpy(dtype="float64", na_value=float("nan"))
    return month.notna().to_numpy() & fiscal_year.notna().to_numpy() & differs


def sexes_match_age_bands(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    male, female, *bands = (frame[c] for c in columns)
    band_total = sum(bands)
    return ((male + female) != band_total).fillna(False).to_numpy(dtype=bool)


def date_in_number_year(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    """A number ending in a Buddhist-era year ("0153/2570") names the calendar or fiscal year its
    date falls in; a date a year off is a typing slip that would file it under another year."""
    moment, number = (frame[c] for c in columns)
    written = pd.to_numeric(number.astype("string").str.extract(r"/\s*(25\d\d)\s*$")[0], errors="coerce")
    calendar = moment.dt.year.map(be_year, na_action="ignore")
    fiscal = pd.Series(fiscal_years(moment), index=moment.index)
    differs = (written != calendar) & (written != fiscal)
    return (written.notna() & moment.notna() & differs).to_numpy(dtype=bool)


RULES: dict[str, tuple[Rule, str]] = {
    "not_before": (not_before, "not-before"),
    "not_more_than": (not_more_than, "not-more-than"),
    "resolved_has_time": (resolved_has_time, "resolved-without-time"),
    "month_in_fiscal_year": (month_in_fiscal_year, "month-outside-fiscal-year"),
    "sexes_match_age_bands": (sexes_match_age_bands, "age-bands-mismatch"),
    "date_in_number_year": (date_in_number_year, "date-outside-number-year"),
}
