"""Drill-down tables: a KPI by community, and its dataset's figures by category, for one period.

Every function returns a small aggregated frame (one row per community, category, station...);
pages chart these and never ship raw rows to the browser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from data_sources.adapters import DATASETS
from data_sources.city import community_in
from data_sources.freshness import days_since, is_fresh
from metrics.catalogue import catalogue
from metrics.dimensions import by_dimension
from metrics.errors import UnknownKPI
from metrics.kpi import Context, Dimension, Frames
from metrics.kpis.governance import budget_to_date, revenue_to_date
from metrics.periods import Period
from metrics.selection import days_of, in_period


def by_community(
    kpi_id: str,
    frames: Frames,
    period: Period,
    *,
    context: Context | None = None,
    targets: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The KPI per community (columns community, community_en, value, observations), best first;
    empty when the KPI is not recorded by community (see `KPI.community_level`)."""
    item = catalogue(targets).get(kpi_id)
    if item is None:
        raise UnknownKPI(kpi_id)
    columns = ["community", "community_en", "value", "observations"]
    if not item.community_level:
        return pd.DataFrame(columns=columns)
    table = by_dimension(kpi_id, frames, period, "community", context=context, targets=targets)
    table = table.rename(columns={"member": "community"})
    table.insert(1, "community_en", table["community"].map(lambda name: community_in(name, "en")))
    return table.sort_values("value", ascending=item.better == "lower", na_position="last", ignore_index=True)


def _kpi_by(kpi_id: str, frames: Frames, period: Period, dimension: Dimension, name: str) -> pd.Series:
    table = by_dimension(kpi_id, frames, period, dimension)
    return pd.Series(table["value"].to_numpy(), index=pd.Index(table["member"], name=name), name=kpi_id)


def complaints_by_category(frames: Frames, period: Period) -> pd.DataFrame:
    """Per category, the catalogue's complaint KPIs: received, resolution rate, median days to
    resolve (of tickets resolved in the period, as the KPI), share resolved within 3 days."""
    figures = {
        "received": "complaints_received",
        "resolution_rate": "complaint_resolution_rate",
        "median_days": "complaint_median_resolution_days",
        "within_standard_rate": "complaints_resolved_within_3_days",
    }
    table = pd.DataFrame({column: _kpi_by(kpi_id, frames, period, "category", "category")
                          for column, kpi_id in figures.items()})  # fmt: skip
    table = table.reset_index().fillna({"received": 0.0})
    table = table.loc[table["received"] > 0].astype({"received": "int64"})  # categories with tickets
    table.insert(2, "resolved", (table["received"] * table["resolution_rate"]).round().astype("int64"))
    return table.sort_values("received", ascending=False, ignore_index=True)


def revenue_by_type(frames: Frames, period: Period) -> pd.DataFrame:
    """Per revenue type, fiscal year to date: target, collected, collection rate (the KPI's)."""
    table = revenue_to_date(frames["revenue"], period)
    rates = _kpi_by("revenue_collection_rate", frames, period, "category", "revenue_type")
    table["collection_rate"] = table["revenue_type"].astype("object").map(rates)
    return table.sort_values("target", ascending=False, ignore_index=True)


def budget_by_division(frames: Frames, period: Period) -> pd.DataFrame:
    """Per division: the fiscal year's allocation, disbursed to date, disbursement rate (the KPI's)."""
    table = budget_to_date(frames["budget"], period)
    rates = _kpi_by("budget_disbursement_rate", frames, period, "division", "division")
    table["disbursement_rate"] = table["division"].astype("object").map(rates)
    return table.sort_values("allocated", ascending=False, ignore_index=True)


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
    """Per station: the catalogue's mean PM2.5 and days over 37.5 µg/m³ at that station, and its
    highest daily mean."""
    readings = in_period(frames["air_quality"], "measured_at", period)
    daily = pd.DataFrame(
        {"station": readings["station"].to_numpy(), "day": days_of(readings["measured_at"]),
         "pm25": readings["pm25"].to_numpy()}
    ).groupby(["station", "day"])["pm25"].mean()  # fmt: skip
    table = daily.groupby(level=0).max().rename("pm25_max_daily").rename_axis("station").reset_index()
    stations = table["station"].astype("object")
    table.insert(1, "pm25_mean", stations.map(_kpi_by("pm25_mean", frames, period, "category", "station")))
    over = _kpi_by("pm25_days_over_standard", frames, period, "category", "station")
    table["days_over_standard"] = stations.map(over).fillna(0).astype("int64")
    return table


def river_by_station(frames: Frames, period: Period) -> pd.DataFrame:
    """Per station: highest level, its warning and critical levels, and the catalogue's days at or
    above warning at that station."""
    readings = in_period(frames["water_level"], "measured_at", period)
    table = (
        readings.groupby("station", observed=True)
        .agg(max_level_m=("level_m", "max"), warning_level_m=("warning_level_m", "last"),
             critical_level_m=("critical_level_m", "last"))
        .reset_index()
    )  # fmt: skip
    days = _kpi_by("river_days_above_warning", frames, period, "category", "station")
    table["days_at_warning"] = table["station"].astype("object").map(days).fillna(0).astype("int64")
    return table


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
