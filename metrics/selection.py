"""Row selection and arithmetic that several KPIs share: by period, fiscal year to date, population."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd

from data_sources.thai_calendar import be_year, fiscal_year_start
from metrics.periods import Period


def in_period(frame: pd.DataFrame, column: str, period: Period, keep: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows whose `column` (date or timestamp) falls on a day of `period`.

    `keep` names the columns the caller needs (`column` is always kept): copying only those is
    what makes this fast on the large hourly datasets.
    """
    values = frame[column]
    mask = (values >= period.start_ts) & (values < period.end_ts)
    if keep is None:
        return frame.loc[mask]
    return frame.loc[mask, list(dict.fromkeys((column, *keep)))]


def fiscal_year_to_date(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Rows whose `month` lies from the start of the period's fiscal year through its last month."""
    first = pd.Timestamp(fiscal_year_start(period.fiscal_year))
    months = frame["month"]
    return frame.loc[(months >= first) & (months <= pd.Timestamp(period.last_month))]


def whole_fiscal_year(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Rows whose `month` lies in the fiscal year of the period's last day."""
    first = pd.Timestamp(fiscal_year_start(period.fiscal_year))
    months = frame["month"]
    return frame.loc[(months >= first) & (months < first + pd.DateOffset(years=1))]


def latest_population(population: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Population rows of the latest registration year (BE) not after the period's last day's year."""
    eligible = population.loc[population["year"] <= be_year(period.end.year)]
    if eligible.empty:
        return eligible
    return eligible.loc[eligible["year"] == eligible["year"].max()]


def total_population(population: pd.DataFrame, period: Period) -> float | None:
    """Residents (male + female) in the latest year ≤ the period; None when no year qualifies."""
    rows = latest_population(population, period)
    if rows.empty:
        return None
    return float(rows["male"].sum() + rows["female"].sum())


def community_share(population: pd.DataFrame | None, community: str, period: Period) -> float | None:
    """The community's share of the city's residents (latest year ≤ the period); None when unknown."""
    if population is None or population.empty:
        return None
    rows = latest_population(population, period)
    residents = rows["male"] + rows["female"]
    local = float(residents.loc[(rows["community"] == community).fillna(False)].sum())
    return ratio(local, float(residents.sum())) if local > 0 else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is not positive."""
    if numerator is None or denominator is None or pd.isna(numerator) or pd.isna(denominator) or denominator <= 0:
        return None
    return float(numerator) / float(denominator)


def days_of(values: pd.Series) -> np.ndarray:
    """The calendar day of each timestamp, as numpy datetime64[D] (cheap to group and count)."""
    return values.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


# Datasets whose KPIs read only rows dated inside the period, with the column that dates a row.
# A KPI that needs rows from outside its period (complaints' backlog, the budget's whole year)
# must not read a dataset listed here, or `narrow` would hide those rows from it.
NARROWABLE = {
    "air_quality": "measured_at",
    "water_level": "measured_at",
    "waste": "date",
    "health": "period_start",
    "incidents": "occurred_at",
    "economy": "month",
}


def narrow(frames: Mapping[str, pd.DataFrame], start: date, end: date) -> dict[str, pd.DataFrame]:
    """`frames` with the large dated datasets cut once to the days `start`..`end`, so each of the
    many periods computed after that filters far fewer rows."""
    window = Period("rolling", start, end)
    return {
        key: in_period(frame, NARROWABLE[key], window) if key in NARROWABLE and not frame.empty else frame
        for key, frame in frames.items()
    }
