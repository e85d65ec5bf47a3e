"""Drill-down tables: a KPI by community, and its dataset's figures by category, for one period.

Every function returns a small aggregated frame (one row per community, category, station...);
pages chart these and never ship raw rows to the browser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from data_sources.adapters import DATASETS
from data_sources.bands import PM25_DAILY_STANDARD
from data_sources.city import profile
from data_sources.freshness import days_since, is_fresh
from metrics.catalogue import catalogue
from metrics.errors import UnknownKPI
from metrics.kpi import Context, Frames, present_datasets
from metrics.kpis.governance import SERVICE_STANDARD_DAYS
from metrics.periods import Period
from metrics.selection import days_of, fiscal_year_to_date, in_period, whole_fiscal_year


def by_community(
    kpi_id: str,
    frames: Frames,
    period: Period,
    *,
    context: Context | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The KPI per community (columns community, community_en, value), best first; empty when the
    KPI is not recorded by community (see `KPI.community_level`)."""
    kpis = catalogue(targets)
    if kpi_id not in kpis:
        raise UnknownKPI(kpi_id)
    item = kpis[kpi_id]
    columns = ["community", "community_en", "value"]
    if not item.community_level or not item.datasets or any(k not in frames for k in item.datasets):
        return pd.DataFrame(columns=columns)
    context = context or Context.build()
    present = present_datasets(frames)
    # Split each dataset by community once, then compute on the small pieces.
    pieces = {key: dict(tuple(frames[key].groupby("community", observed=True))) for key in item.datasets}
    english = {c["name_th"]: c["name_en"] for c in profile()["communities"]}
    names = sorted({name for groups in pieces.values() for name in groups})
    rows = []
    for name in names:
        local = {key: groups.get(name, frames[key].iloc[0:0]) for key, groups in pieces.items()}
        rows.append((name, english.get(name, name), item.value(local, period, context, present=present)))
    table = pd.DataFrame(rows, columns=columns).astype({"value": "float64"})
    return table.sort_values("value", ascending=item.better == "lower", na_position="last", ignore_index=True)


def complaints_by_category(frames: Frames, period: Period) -> pd.DataFrame:
    """Per category: received in the period, resolved by its end, resolution rate, median days."""
    complaints = frames["complaints"]
    received = in_period(complaints, "received_at", period)
    resolved = (received["status"] == "resolved").fillna(False) & (received["resolved_at"] < period.end_ts).fillna(
        False
    )
    days = (received["resolved_at"] - received["received_at"]).dt.total_seconds() / 86400
    table = (
        pd.DataFrame({"category": received["category"], "resolved": resolved, "days": days.where(resolved)})
        .groupby("category", observed=True)
        .agg(received=("resolved", "size"), resolved=("resolved", "sum"), median_days=("days", "median"))
        .reset_index()
    )
    table["resolution_rate"] = table["resolved"] / table["received"]
    table["within_standard_days"] = SERVICE_STANDARD_DAYS
    return table.sort_values("received", ascending=False, ignore_index=True)


def revenue_by_type(frames: Frames, period: Period) -> pd.DataFrame:
    """Per revenue type, fiscal year to date: target, collected, collection rate."""
    to_date = fiscal_year_to_date(frames["revenue"], period)
    table = to_date.groupby("revenue_type", observed=True)[["target", "collected"]].sum().reset_index()
    table["collection_rate"] = table["collected"] / table["target"].where(table["target"] > 0)
    return table.sort_values("target", ascending=False, ignore_index=True)


def budget_by_division(frames: Frames, period: Period) -> pd.DataFrame:
    """Per division: the fiscal year's allocation, disbursed to date, disbursement rate."""
    year = whole_fiscal_year(frames["budget"], period)
    allocation = year.groupby(["division", "project"], observed=True)["allocated"].max().groupby(level=0).sum()
    disbursed = fiscal_year_to_date(year, period).groupby("division", observed=True)["disbursed"].sum()
    table = pd.DataFrame({"allocated": allocation, "disbursed": disbursed}).fillna(0.0).rename_axis("division")
    table["disbursement_rate"] = table["disbursed"] / table["allocated"].where(table["allocated"] > 0)
    return table.reset_index().sort_values("allocated", ascending=False, ignore_index=True)


def incidents_by_type(frames: Frames, period: Period) -> pd.DataFrame:
    """Per incident type: incidents, severe ones, households affected, people injured."""
    incidents = in_period(frames["incidents"], "occurred_at", period)
    table = (
        incidents.assign(severe=incidents["severity"].isin(("high", "critical")))
        .groupby("incident_type", observed=True)
        .agg(
            incidents=("severe", "size"),
            severe=("severe", "sum"),
            households_affected=("households_affected", "sum"),
            people_injured=("people_injured", "sum"),
        )
        .reset_index()
    )
    return table.sort_values("incidents", ascending=False, ignore_index=True)


def air_by_station(frames: Frames, period: Period) -> pd.DataFrame:
    """Per station: mean PM2.5, highest daily mean and days whose station mean exceeded 37.5 µg/m³."""
    readings = in_period(frames["air_quality"], "measured_at", period)
    daily = (
        pd.DataFrame(
            {
                "station": readings["station"].to_numpy(),
                "day": days_of(readings["measured_at"]),
                "pm25": readings["pm25"].to_numpy(),
            }
        )
        .groupby(["station", "day"])["pm25"]
        .mean()
    )
    table = daily.groupby(level=0).agg(
        pm25_mean="mean", pm25_max_daily="max", days_over_standard=lambda d: int((d > PM25_DAILY_STANDARD).sum())
    )
    return table.rename_axis("station").reset_index()


def river_by_station(frames: Frames, period: Period) -> pd.DataFrame:
    """Per station: highest level, its warning and critical levels, days at or above warning."""
    readings = in_period(frames["water_level"], "measured_at", period)
    at_warning = readings["level_m"] >= readings["warning_level_m"]
    table = (
        pd.DataFrame(
            {
                "station": readings["station"].to_numpy(),
                "level_m": readings["level_m"].to_numpy(),
                "warning_level_m": readings["warning_level_m"].to_numpy(),
                "critical_level_m": readings["critical_level_m"].to_numpy(),
                "warning_day": pd.Series(days_of(readings["measured_at"])).where(at_warning.to_numpy()).to_numpy(),
            }
        )
        .groupby("station")
        .agg(
            max_level_m=("level_m", "max"),
            warning_level_m=("warning_level_m", "last"),
            critical_level_m=("critical_level_m", "last"),
            days_at_warning=("warning_day", "nunique"),
        )
    )
    return table.reset_index()


def _sum_by(
    dataset: str, period_column: str, group: str, measures: tuple[str, ...]
) -> Callable[[Frames, Period], pd.DataFrame]:
    def table(frames: Frames, period: Period) -> pd.DataFrame:
        rows = in_period(frames[dataset], period_column, period)
        return rows.groupby(group, observed=True)[list(measures)].sum().reset_index()

    table.__doc__ = f"Per {group}: the period's total of {', '.join(measures)}."
    return table


def facilities_by_type(frames: Frames, period: Period) -> pd.DataFrame:
    """Per facility type: how many, and their total capacity where recorded."""
    facilities = frames["facilities"]
    grouped = facilities.groupby("facility_type", observed=True)
    return pd.DataFrame({"facilities": grouped.size(), "capacity": grouped["capacity"].sum()}).reset_index()


CATEGORY_BREAKDOWNS: dict[str, Callable[[Frames, Period], pd.DataFrame]] = {
    "complaints": complaints_by_category,
    "revenue": revenue_by_type,
    "budget": budget_by_division,
    "incidents": incidents_by_type,
    "air_quality": air_by_station,
    "water_level": river_by_station,
    "waste": _sum_by("waste", "date", "community", ("tons_collected", "tons_recycled")),
    "welfare": _sum_by("welfare", "month", "community", ("elderly_recipients", "disability_recipients", "amount_paid")),
    "health": _sum_by("health", "period_start", "community", ("dengue_cases", "health_centre_visits")),
    "economy": _sum_by("economy", "month", "month", ("visitors", "events", "new_businesses")),
    "facilities": facilities_by_type,
}


def by_category(kpi_id: str, frames: Frames, period: Period) -> pd.DataFrame:
    """The figures behind a KPI, split the way its main dataset is (category, revenue type,
    division, station, ...); an empty frame when that dataset is missing."""
    item = catalogue().get(kpi_id)
    if item is None:
        raise UnknownKPI(kpi_id)
    if not item.datasets or item.datasets[0] not in frames or frames[item.datasets[0]].empty:
        return pd.DataFrame()
    return CATEGORY_BREAKDOWNS[item.datasets[0]](frames, period)


def freshness_table(context: Context) -> pd.DataFrame:
    """Per dataset: last accepted upload, days since, cadence, and whether it is fresh."""
    uploads = context.last_uploads
    rows = []
    for key, declared in DATASETS.items():
        last = uploads.get(key)
        age = days_since(last, context.now)
        fresh = is_fresh(last, declared.cadence_days, context.now)
        rows.append((key, declared.title_th, declared.title_en, last, age, declared.cadence_days, fresh))
    columns = ["dataset", "title_th", "title_en", "last_upload", "days_since", "cadence_days", "fresh"]
    return pd.DataFrame(rows, columns=columns).astype({"days_since": "float64"})
