"""Resilience: the Pattani river, incidents and flood shelters.

River day rule: a day counts when any reading that day at any station is at or above that
reading's own warning (or critical) level. Incident counts are counts of recorded events: 0 when
the incidents dataset exists and nothing happened in the period.
"""

from __future__ import annotations

import pandas as pd

from data_sources.city import profile
from metrics.kpi import KPI, Context, Frames, owned_by
from metrics.periods import Period
from metrics.river_crests import crests
from metrics.selection import days_of, in_period, latest_population, ratio

SEVERE = ("high", "critical")


def _days_at_or_above(frames: Frames, period: Period, threshold_column: str) -> float | None:
    readings = in_period(frames["water_level"], "measured_at", period, ("level_m", threshold_column))
    if readings.empty:
        return None
    reached = readings.loc[(readings["level_m"] >= readings[threshold_column]).fillna(False), "measured_at"]
    return float(len(set(days_of(reached).tolist())))


def river_days_above_warning(frames: Frames, period: Period, context: Context) -> float | None:
    return _days_at_or_above(frames, period, "warning_level_m")


def river_days_above_critical(frames: Frames, period: Period, context: Context) -> float | None:
    return _days_at_or_above(frames, period, "critical_level_m")


def _incidents(frames: Frames, period: Period) -> pd.DataFrame:
    return in_period(frames["incidents"], "occurred_at", period, ("severity", "households_affected", "people_injured"))


def incidents_reported(frames: Frames, period: Period, context: Context) -> float:
    return float(len(_incidents(frames, period)))


def severe_incidents(frames: Frames, period: Period, context: Context) -> float:
    return float(_incidents(frames, period)["severity"].isin(SEVERE).sum())


def households_affected(frames: Frames, period: Period, context: Context) -> float:
    return float(_incidents(frames, period)["households_affected"].sum())


def people_injured(frames: Frames, period: Period, context: Context) -> float:
    return float(_incidents(frames, period)["people_injured"].sum())


def flood_prone_communities() -> tuple[str, ...]:
    return tuple(c["name_th"] for c in profile()["communities"] if c.get("flood_prone"))


def shelter_capacity_coverage(frames: Frames, period: Period, context: Context) -> float | None:
    """Shelter places / residents of flood-prone communities (latest year ≤ period)."""
    facilities = frames["facilities"]
    capacity = facilities.loc[facilities["facility_type"] == "shelter", "capacity"].dropna()
    if capacity.empty:
        return None
    population = latest_population(frames["population"], period)
    at_risk = population.loc[population["community"].isin(flood_prone_communities())]
    return ratio(float(capacity.sum()), float(at_risk["male"].sum() + at_risk["female"].sum()))


def flood_warning_lead_hours(frames: Frames, period: Period, context: Context) -> float | None:
    """Mean hours between the warning reaching the platform and the crest, over crests in the period.

    Needs the readings' arrival times (`store.load(..., with_arrival=True)`); without them, or
    with no crest above warning in the period, there is nothing to measure.
    """
    leads = [c.lead_hours for c in crests(frames["water_level"]) if period.contains(c.crest_at.date())]
    return sum(leads) / len(leads) if leads else None


_DISASTER = owned_by("disaster")

KPIS = (
    KPI(
        "river_days_above_warning",
        "วันที่ระดับน้ำถึงระดับเฝ้าระวัง",
        "River days at warning level",
        "จำนวนวันที่ระดับน้ำของสถานีใดสถานีหนึ่งถึงระดับเฝ้าระวัง (เตือนภัย)",
        "Days in the period on which any station's level reached its warning level.",
        "resilience",
        **_DISASTER,
        unit="days",
        better="lower",
        datasets=("water_level",),
        compute=river_days_above_warning,
        measure="days_over",
        breakdowns=("category",),
        target_scope="city_only",
        target_basis="per_month",
    ),
    KPI(
        "river_days_above_critical",
        "วันที่ระดับน้ำถึงระดับวิกฤต",
        "River days at critical level",
        "จำนวนวันที่ระดับน้ำของสถานีใดสถานีหนึ่งถึงระดับวิกฤต",
        "Days in the period on which any station's level reached its critical level.",
        "resilience",
        **_DISASTER,
        unit="days",
        better="lower",
        datasets=("water_level",),
        compute=river_days_above_critical,
        measure="days_over",
        breakdowns=("category",),
        target_scope="city_only",
        target_basis="per_month",
    ),
    KPI(
        "flood_warning_lead_hours",
        "เวลาเตือนภัยก่อนน้ำสูงสุด",
        "Flood warning ahead of the crest",
        "จำนวนชั่วโมงตั้งแต่ข้อมูลระดับน้ำถึงระดับเฝ้าระวังเข้าสู่ระบบ จนถึงเวลาที่น้ำขึ้นสูงสุด (เฉลี่ยทุกยอดน้ำในช่วงเวลานี้; ติดลบคือข้อมูลมาถึงหลังน้ำสูงสุดแล้ว)",
        "Hours from the first warning-level reading reaching the platform to the river's crest, averaged over the crests in the period (negative: the reading arrived after the crest).",
        "resilience",
        **_DISASTER,
        unit="hours",
        better="higher",
        datasets=("water_level",),
        compute=flood_warning_lead_hours,
        measure="mean",
        target_scope="city_only",
    ),
    KPI(
        "incidents_reported",
        "เหตุสาธารณภัยและอุบัติเหตุ",
        "Incidents reported",
        "จำนวนเหตุ (น้ำท่วม อัคคีภัย อุบัติเหตุ ฯลฯ) ที่เกิดในช่วงเวลานี้",
        "Incidents (flood, fire, road accident, ...) that occurred in the period.",
        "resilience",
        **_DISASTER,
        unit="count",
        better="lower",
        datasets=("incidents",),
        compute=incidents_reported,
        measure="count",
        breakdowns=("community", "category"),
        target_scope="per_capita",
        target_basis="per_month",
    ),
    KPI(
        "severe_incidents",
        "เหตุรุนแรง",
        "Severe incidents",
        "จำนวนเหตุระดับรุนแรงมากและวิกฤตในช่วงเวลานี้",
        "Incidents of high or critical severity in the period.",
        "resilience",
        **_DISASTER,
        unit="count",
        better="lower",
        datasets=("incidents",),
        compute=severe_incidents,
        measure="count",
        breakdowns=("community", "category"),
        target_scope="per_capita",
        target_basis="per_month",
    ),
    KPI(
        "households_affected",
        "ครัวเรือนที่ได้รับผลกระทบ",
        "Households affected",
        "จำนวนครัวเรือนที่ได้รับผลกระทบจากเหตุในช่วงเวลานี้",
        "Households affected by incidents in the period.",
        "resilience",
        **_DISASTER,
        unit="count",
        better="lower",
        datasets=("incidents",),
        compute=households_affected,
        measure="sum",
        breakdowns=("community", "category"),
        target_scope="per_capita",
        target_basis="per_month",
    ),
    KPI(
        "people_injured",
        "ผู้บาดเจ็บจากเหตุ",
        "People injured",
        "จำนวนผู้บาดเจ็บจากเหตุในช่วงเวลานี้",
        "People injured in incidents in the period.",
        "resilience",
        **_DISASTER,
        unit="people",
        better="lower",
        datasets=("incidents",),
        compute=people_injured,
        measure="sum",
        breakdowns=("community", "category"),
        target_scope="per_capita",
        target_basis="per_month",
    ),
    KPI(
        "shelter_capacity_coverage",
        "ความจุศูนย์พักพิงต่อประชากรพื้นที่เสี่ยงน้ำท่วม",
        "Shelter capacity coverage",
        "จำนวนที่รองรับในศูนย์พักพิง เทียบกับประชากรในชุมชนเสี่ยงน้ำท่วม",
        "Shelter places / residents of flood-prone communities (latest year ≤ the period).",
        "resilience",
        **_DISASTER,
        unit="percent",
        better="higher",
        datasets=("facilities", "population"),
        compute=shelter_capacity_coverage,
        measure="ratio",
        window="register",
        target_scope="city_only",
    ),
)
