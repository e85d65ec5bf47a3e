"""Smart Living: welfare coverage, health, and services within reach of residents.

Monthly and weekly datasets (welfare, health) are selected by the first day of each row's
month or week: a row belongs to the period when that day does. Facilities carry no dates, so
their KPIs describe the register as uploaded, against the population of the period's year.
"""

from __future__ import annotations

import pandas as pd

from metrics.kpi import KPI, Context, Frames, Measured, owned_by
from metrics.periods import Period
from metrics.selection import in_period, latest_population, ratio, total_population

HEALTH_FACILITY_TYPES = ("health_centre", "hospital")


def elderly_allowance_coverage(frames: Frames, period: Period, context: Context) -> Measured | None:
    """Elderly allowance recipients in the period's last month / residents aged 60+ (latest year ≤ period)."""
    welfare = frames["welfare"]
    recipients = welfare.loc[welfare["month"] == pd.Timestamp(period.last_month), "elderly_recipients"]
    if recipients.empty:
        return None
    elderly = latest_population(frames["population"], period)["age_60_plus"]
    residents = float(elderly.sum()) if len(elderly) else None
    return Measured(ratio(float(recipients.sum()), residents), None if residents is None else int(residents))


def _health_rows(frames: Frames, period: Period) -> pd.DataFrame:
    return in_period(frames["health"], "period_start", period)


def _per_residents(frames: Frames, period: Period, column: str, residents: int) -> Measured | None:
    """The period's `column` total per `residents` residents; the cases are the observations."""
    reports = _health_rows(frames, period)
    if reports.empty:
        return None
    cases = float(reports[column].sum())
    rate = ratio(cases, total_population(frames["population"], period))
    return Measured(None if rate is None else rate * residents, int(cases))


def dengue_cases_per_100k(frames: Frames, period: Period, context: Context) -> Measured | None:
    return _per_residents(frames, period, "dengue_cases", 100_000)


def health_centre_visits_per_1000(frames: Frames, period: Period, context: Context) -> Measured | None:
    return _per_residents(frames, period, "health_centre_visits", 1000)


def _facilities_per(frames: Frames, period: Period, types: tuple[str, ...], residents: int) -> float | None:
    facilities = frames["facilities"]
    count = float(facilities["facility_type"].isin(types).sum())
    rate = ratio(count, total_population(frames["population"], period))
    return None if rate is None else rate * residents


def health_facilities_per_10k(frames: Frames, period: Period, context: Context) -> float | None:
    return _facilities_per(frames, period, HEALTH_FACILITY_TYPES, 10_000)


def cctv_per_1000(frames: Frames, period: Period, context: Context) -> float | None:
    return _facilities_per(frames, period, ("cctv",), 1000)


_HEALTH = owned_by("health")

KPIS = (
    KPI(
        "elderly_allowance_coverage",
        "ความครอบคลุมเบี้ยยังชีพผู้สูงอายุ",
        "Elderly allowance coverage",
        "ผู้รับเบี้ยยังชีพผู้สูงอายุในเดือนสุดท้ายของช่วงเวลา เทียบกับประชากรอายุ 60 ปีขึ้นไป (ปีล่าสุดที่มีข้อมูล)",
        "Elderly allowance recipients in the period's last month / residents aged 60+ in the latest year ≤ the period.",
        "living",
        **owned_by("welfare"),
        unit="percent",
        better="higher",
        datasets=("welfare", "population"),
        compute=elderly_allowance_coverage,
        measure="ratio",
        breakdowns=("community",),
    ),
    KPI(
        "dengue_cases_per_100k",
        "ผู้ป่วยไข้เลือดออกต่อแสนประชากร",
        "Dengue cases per 100,000",
        "จำนวนผู้ป่วยไข้เลือดออกในช่วงเวลานี้ ต่อประชากร 100,000 คน",
        "Dengue cases reported in the period per 100,000 residents.",
        "living",
        **_HEALTH,
        unit="per_100k",
        better="lower",
        datasets=("health", "population"),
        compute=dengue_cases_per_100k,
        measure="ratio",
        breakdowns=("community",),
        target_basis="per_month",
    ),
    KPI(
        "health_centre_visits_per_1000",
        "การใช้บริการศูนย์บริการสาธารณสุขต่อพันประชากร",
        "Health-centre visits per 1,000",
        "จำนวนครั้งที่ประชาชนมารับบริการที่ศูนย์บริการสาธารณสุขเทศบาล ต่อประชากร 1,000 คน",
        "Visits to the municipal health centres in the period per 1,000 residents.",
        "living",
        **_HEALTH,
        unit="per_1000",
        better="higher",
        datasets=("health", "population"),
        compute=health_centre_visits_per_1000,
        measure="ratio",
        breakdowns=("community",),
        target_basis="per_month",
    ),
    KPI(
        "health_facilities_per_10k",
        "สถานพยาบาลต่อหมื่นประชากร",
        "Health facilities per 10,000",
        "จำนวนโรงพยาบาลและศูนย์บริการสาธารณสุขในทะเบียนสถานที่ ต่อประชากร 10,000 คน",
        "Hospitals and health centres in the facility register per 10,000 residents.",
        "living",
        **_HEALTH,
        unit="per_10k",
        better="higher",
        datasets=("facilities", "population"),
        compute=health_facilities_per_10k,
        measure="ratio",
        window="register",
        breakdowns=("community",),
        target_scope="city_only",
    ),
    KPI(
        "cctv_per_1000",
        "กล้อง CCTV ต่อพันประชากร",
        "CCTV cameras per 1,000",
        "จำนวนจุดติดตั้งกล้อง CCTV ในทะเบียนสถานที่ ต่อประชากร 1,000 คน",
        "CCTV points in the facility register per 1,000 residents.",
        "living",
        **owned_by("disaster"),
        unit="per_1000",
        better="higher",
        datasets=("facilities", "population"),
        compute=cctv_per_1000,
        measure="ratio",
        window="register",
        breakdowns=("community",),
        target_scope="city_only",
    ),
)
