"""Small aggregated tables for the pillar pages' charts (never raw rows): monthly trends, daily
air and river readings, age bands. Breakdowns by category live in `metrics.breakdowns`.

Trends cover the TREND_MONTHS calendar months ending with the period's last month, whatever the
period's kind, so a quarter or a fiscal year still shows the year of context around it. A month
in which a dataset has no row at all is "no data" (NaN, a gap in the line), never zero.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data_sources.bands import PM25_DAILY_STANDARD
from metrics.kpi import Frames
from metrics.periods import Period, month, trailing
from metrics.selection import days_of, in_period, latest_population

TREND_MONTHS = 12
LONG_COLUMNS = ["month", "measure", "value"]


def trend_months(period: Period, count: int = TREND_MONTHS) -> list[Period]:
    """The `count` calendar months ending with the month holding the period's last day."""
    last = period.last_month
    return trailing(month(last.year, last.month), count)


def monthly_totals(frame: pd.DataFrame, column: str, measures: Sequence[str], months: Sequence[Period]) -> pd.DataFrame:
    """Long table (month, measure, value): each measure's sum per month; NaN for a month without rows."""
    first, end = months[0].start_ts, months[-1].end_ts
    rows = frame.loc[(frame[column] >= first) & (frame[column] < end)]
    month_of = rows[column].dt.to_period("M").dt.to_timestamp()
    sums = rows[list(measures)].astype("float64").groupby(month_of).sum()
    index = pd.DatetimeIndex([p.start_ts for p in months], name="month")
    wide = sums.reindex(index)
    long = wide.reset_index().melt(id_vars="month", var_name="measure", value_name="value")
    return long[LONG_COLUMNS]


def complaints_monthly(frames: Frames, period: Period) -> pd.DataFrame:
    """Complaints received per month, and complaints resolved per month (by their resolution time)."""
    complaints = frames["complaints"]
    months = trend_months(period)
    resolved = complaints.loc[(complaints["status"] == "resolved").fillna(False)]
    received = monthly_totals(complaints.assign(received=1), "received_at", ["received"], months)
    closed = monthly_totals(resolved.assign(resolved=1), "resolved_at", ["resolved"], months)
    # A month with tickets received but none resolved resolved zero, it is not missing.
    has_tickets = received["value"].notna().to_numpy()
    closed.loc[has_tickets & closed["value"].isna().to_numpy(), "value"] = 0.0
    return pd.concat([received, closed], ignore_index=True)


def waste_monthly(frames: Frames, period: Period) -> pd.DataFrame:
    return monthly_totals(frames["waste"], "date", ["tons_collected", "tons_recycled"], trend_months(period))


def health_monthly(frames: Frames, period: Period) -> pd.DataFrame:
    return monthly_totals(
        frames["health"], "period_start", ["dengue_cases", "health_centre_visits"], trend_months(period)
    )


def economy_monthly(frames: Frames, period: Period) -> pd.DataFrame:
    measures = ["visitors", "events", "new_businesses"]
    return monthly_totals(frames["economy"], "month", measures, trend_months(period))


def incidents_monthly(frames: Frames, period: Period) -> pd.DataFrame:
    """Long table (month, measure = incident type, value = incidents); 0 for a type absent in a month."""
    incidents = frames["incidents"]
    months = trend_months(period)
    wide = pd.get_dummies(incidents["incident_type"].astype("object")).astype("float64")
    table = monthly_totals(
        pd.concat([incidents[["occurred_at"]], wide], axis=1), "occurred_at", list(wide.columns), months
    )
    return table.fillna({"value": 0.0})


def pm25_daily(frames: Frames, period: Period) -> pd.DataFrame:
    """Per day of the period: mean PM2.5 over every station's readings, and whether it broke 37.5 µg/m³."""
    readings = in_period(frames["air_quality"], "measured_at", period)
    daily = pd.DataFrame({"day": days_of(readings["measured_at"]), "pm25": readings["pm25"].to_numpy()})
    table = daily.groupby("day", as_index=False)["pm25"].mean()
    table["day"] = pd.to_datetime(table["day"])
    table["over_standard"] = table["pm25"] > PM25_DAILY_STANDARD
    table["standard"] = PM25_DAILY_STANDARD
    return table


def river_daily(frames: Frames, period: Period) -> pd.DataFrame:
    """Per station and day: the highest level, and the station's warning and critical levels."""
    readings = in_period(frames["water_level"], "measured_at", period)
    table = (
        pd.DataFrame(
            {
                "station": readings["station"].astype("object").to_numpy(),
                "day": days_of(readings["measured_at"]),
                "level_m": readings["level_m"].to_numpy(),
                "warning_level_m": readings["warning_level_m"].to_numpy(),
                "critical_level_m": readings["critical_level_m"].to_numpy(),
            }
        )
        .groupby(["station", "day"], as_index=False)
        .agg(level_m=("level_m", "max"), warning_level_m=("warning_level_m", "max"),
             critical_level_m=("critical_level_m", "max"))
    )  # fmt: skip
    table["day"] = pd.to_datetime(table["day"])
    return table


def age_bands(frames: Frames, period: Period) -> pd.DataFrame:
    """Residents by age band (0-14, 15-59, 60+) in the latest registration year not after the period."""
    rows = latest_population(frames["population"], period)
    bands = ["age_0_14", "age_15_59", "age_60_plus"]
    people = [float(rows[band].sum()) if not rows.empty else float("nan") for band in bands]
    return pd.DataFrame({"band": bands, "people": people})
