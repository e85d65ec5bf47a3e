"""Smart Environment: waste and recycling, air quality.

Air quality day rule: a day's city mean is the plain mean of every reading taken that day at
any station (a station reporting more often weighs more). A day with no reading is not counted
either way. Thailand's 24-hour standards since 1 June 2023: PM2.5 37.5 µg/m³, PM10 120 µg/m³;
"over the standard" means strictly above.
"""

from __future__ import annotations

import pandas as pd

from data_sources.bands import PM10_DAILY_STANDARD, PM25_DAILY_STANDARD
from metrics.kpi import KPI, Context, Frames, Measured, owned_by
from metrics.periods import Period
from metrics.selection import days_of, in_period, ratio, total_population


def daily_city_means(readings: pd.DataFrame, column: str) -> pd.Series:
    """Mean of all readings per calendar day (index: datetime64[D] days), days without a value dropped."""
    values = pd.Series(readings[column].to_numpy(dtype="float64"), index=days_of(readings["measured_at"]))
    return values.groupby(level=0).mean().dropna()


def _air_days(frames: Frames, period: Period, column: str) -> pd.Series:
    return daily_city_means(in_period(frames["air_quality"], "measured_at", period, (column,)), column)


def _days_over(frames: Frames, period: Period, column: str, standard: float) -> Measured:
    means = _air_days(frames, period, column)
    return Measured(float((means > standard).sum()) if len(means) else None, len(means))


def pm25_days_over_standard(frames: Frames, period: Period, context: Context) -> Measured:
    return _days_over(frames, period, "pm25", PM25_DAILY_STANDARD)


def pm10_days_over_standard(frames: Frames, period: Period, context: Context) -> Measured:
    return _days_over(frames, period, "pm10", PM10_DAILY_STANDARD)


def pm25_mean(frames: Frames, period: Period, context: Context) -> Measured:
    """Mean of the daily city means, so every measured day weighs the same."""
    means = _air_days(frames, period, "pm25")
    return Measured(float(means.mean()) if len(means) else None, len(means))


def recycling_rate(frames: Frames, period: Period, context: Context) -> float | None:
    """Tons recycled / tons collected; a row without a recycled figure counts as none recycled."""
    waste = in_period(frames["waste"], "date", period, ("tons_collected", "tons_recycled"))
    if waste.empty or waste["tons_recycled"].isna().all():
        return None
    return ratio(float(waste["tons_recycled"].sum()), float(waste["tons_collected"].sum()))


def waste_kg_per_capita_day(frames: Frames, period: Period, context: Context) -> float | None:
    """Tons collected × 1000 / (residents in the latest year ≤ period × days in the period)."""
    waste = in_period(frames["waste"], "date", period, ("tons_collected", "tons_recycled"))
    if waste.empty:
        return None
    residents = total_population(frames["population"], period)
    return ratio(float(waste["tons_collected"].sum()) * 1000, None if residents is None else residents * period.days)


def waste_complaints(frames: Frames, period: Period, context: Context) -> float:
    received = in_period(frames["complaints"], "received_at", period, ("category",))
    return float((received["category"] == "waste").sum())


_HEALTH = owned_by("health")

KPIS = (
    KPI(
        "recycling_rate",
        "อัตราการรีไซเคิลขยะ",
        "Recycling rate",
        "ปริมาณขยะที่นำไปรีไซเคิล (ตัน) เทียบกับปริมาณขยะที่เก็บขนได้ (ตัน) ในช่วงเวลานี้",
        "Tons recycled / tons collected in the period.",
        "environment",
        **_HEALTH,
        unit="percent",
        better="higher",
        datasets=("waste",),
        compute=recycling_rate,
        measure="ratio",
        breakdowns=("community",),
    ),
    KPI(
        "waste_kg_per_capita_day",
        "ขยะต่อคนต่อวัน",
        "Waste per person per day",
        "ปริมาณขยะที่เก็บขนได้ (กก.) ต่อประชากรต่อวัน",
        "Tons collected × 1000 / (latest population ≤ period × days in the period), in kg.",
        "environment",
        **_HEALTH,
        unit="kg",
        better="lower",
        datasets=("waste", "population"),
        compute=waste_kg_per_capita_day,
        measure="ratio",
        breakdowns=("community",),
    ),
    KPI(
        "pm25_days_over_standard",
        "วันที่ PM2.5 เกินมาตรฐาน",
        "Days PM2.5 over standard",
        "จำนวนวันที่ค่าเฉลี่ย PM2.5 รายวันของทุกสถานีเกิน 37.5 µg/m³ (มาตรฐาน 24 ชั่วโมงตั้งแต่ปี 2566)",
        "Days whose daily mean PM2.5 over all stations exceeds 37.5 µg/m³ (Thailand's 24-hour standard since 2023).",
        "environment",
        **_HEALTH,
        unit="days",
        better="lower",
        datasets=("air_quality",),
        compute=pm25_days_over_standard,
        measure="days_over",
        breakdowns=("category",),
        target_scope="city_only",
        target_basis="per_month",
    ),
    KPI(
        "pm25_mean",
        "ค่าเฉลี่ย PM2.5",
        "Mean PM2.5",
        "ค่าเฉลี่ยของค่า PM2.5 รายวันของเมือง ในช่วงเวลานี้ (เทียบมาตรฐานรายปี 15 µg/m³)",
        "Mean of the city's daily mean PM2.5 over the period (annual standard: 15 µg/m³).",
        "environment",
        **_HEALTH,
        unit="ugm3",
        better="lower",
        datasets=("air_quality",),
        compute=pm25_mean,
        measure="mean",
        breakdowns=("category",),
        target_scope="city_only",
    ),
    KPI(
        "pm10_days_over_standard",
        "วันที่ PM10 เกินมาตรฐาน",
        "Days PM10 over standard",
        "จำนวนวันที่ค่าเฉลี่ย PM10 รายวันของทุกสถานีเกิน 120 µg/m³",
        "Days whose daily mean PM10 over all stations exceeds 120 µg/m³.",
        "environment",
        **_HEALTH,
        unit="days",
        better="lower",
        datasets=("air_quality",),
        compute=pm10_days_over_standard,
        measure="days_over",
        breakdowns=("category",),
        target_scope="city_only",
        target_basis="per_month",
    ),
    KPI(
        "waste_complaints",
        "เรื่องร้องเรียนด้านขยะ",
        "Waste complaints",
        "จำนวนเรื่องร้องเรียนหมวดขยะและความสะอาดที่รับในช่วงเวลานี้",
        "Complaints in the waste and cleanliness category received in the period.",
        "environment",
        **_HEALTH,
        unit="count",
        better="lower",
        datasets=("complaints",),
        compute=waste_complaints,
        measure="count",
        breakdowns=("community", "division", "channel"),
        target_scope="per_capita",
        target_basis="per_month",
    ),
)
