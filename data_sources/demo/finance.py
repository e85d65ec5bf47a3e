"""Demo revenue and budget: monthly rows by fiscal year, shaped the way a Thai municipality's are.

Revenue lags early in the fiscal year and the land-and-building tax comes in around the April
deadline. Budget disbursement follows an S-curve: slow October–December while contracts are let,
faster after mid-year, a rush in August–September before the year closes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_sources.adapters.budget import BUDGET
from data_sources.adapters.revenue import REVENUE
from data_sources.demo import seasons
from data_sources.demo.complaints import ROADS
from data_sources.demo.scenario import Scenario, typed_frame

_YEARLY_GROWTH = 0.03

# Annual estimate (baht) in the first fiscal year of the span, and each type's share of it by
# fiscal month (October first). Land-and-building tax is due in April and often extended to June.
_REVENUE_TYPES = {
    "taxes": (28_000_000, (2, 2, 2, 3, 4, 8, 25, 22, 18, 6, 4, 4)),
    "fees": (12_000_000, (7, 7, 7, 11, 10, 9, 8, 8, 8, 8, 8, 9)),
    "property": (9_000_000, (1,) * 12),
    "utilities": (18_000_000, (1,) * 12),
    "miscellaneous": (3_000_000, (1,) * 12),
    "shared_taxes": (260_000_000, (1,) * 12),
    "subsidies": (330_000_000, (5, 5, 10, 10, 8, 9, 10, 8, 9, 9, 8, 9)),
}
# Collected ÷ target by fiscal month: behind in the first quarter, catching up later.
_COLLECTION_PACE = np.array([0.78, 0.84, 0.90, 0.95, 0.98, 1.00, 1.03, 1.04, 1.05, 1.06, 1.08, 1.12])

# Cumulative share of the year's disbursement reached by the end of each fiscal month.
_DISBURSEMENT_CURVES = {
    "recurring": np.arange(1, 13) / 12,  # allowances, school lunches, waste contract: every month
    "operating": np.array([0.03, 0.07, 0.12, 0.18, 0.25, 0.33, 0.42, 0.51, 0.61, 0.71, 0.83, 1.0]),
    "capital": np.array([0.0, 0.01, 0.03, 0.06, 0.10, 0.16, 0.25, 0.36, 0.48, 0.62, 0.80, 1.0]),
}


@dataclass(frozen=True)
class _Project:
    division: str
    name: str
    kind: str  # recurring | operating | capital | event
    allocation: float  # baht, first fiscal year of the span
    event_month: int = 0  # calendar month of an event project


_PROJECTS = (
    _Project("engineering", "โครงการปรับปรุงผิวจราจรแอสฟัลต์ติก {road}", "capital", 8_500_000),
    _Project("engineering", "โครงการขุดลอกท่อระบายน้ำในเขตเทศบาล", "operating", 4_200_000),
    _Project("engineering", "โครงการก่อสร้างรางระบายน้ำ ซอยวิฑูรอุทิศ 10", "capital", 3_600_000),
    _Project("engineering", "โครงการเปลี่ยนโคมไฟฟ้าส่องสว่างเป็นหลอด LED", "capital", 5_000_000),
    _Project("engineering", "โครงการเสริมคันดินป้องกันน้ำท่วมริมแม่น้ำปัตตานี", "capital", 12_000_000),
    _Project("health", "โครงการจ้างเหมาเก็บขนขยะมูลฝอย", "recurring", 18_000_000),
    _Project("health", "โครงการป้องกันและควบคุมโรคไข้เลือดออก", "operating", 1_200_000),
    _Project("health", "โครงการสัตว์ปลอดโรค คนปลอดภัยจากโรคพิษสุนัขบ้า", "operating", 350_000),
    _Project("health", "โครงการคัดแยกขยะต้นทางในชุมชน", "operating", 800_000),
    _Project("health", "โครงการปรับปรุงตลาดสดเทศบาล (ตลาดเมืองใหม่)", "capital", 2_500_000),
    _Project("education", "โครงการอาหารกลางวันโรงเรียนสังกัดเทศบาล", "recurring", 14_000_000),
    _Project("education", "โครงการจัดซื้ออาหารเสริม (นม) โรงเรียน", "recurring", 9_000_000),
    _Project("education", "โครงการสนับสนุนค่าใช้จ่ายการบริหารสถานศึกษา", "operating", 6_000_000),
    _Project("education", "โครงการปรับปรุงศูนย์พัฒนาเด็กเล็กตลาดเก่า", "capital", 2_000_000),
    _Project("welfare", "เบี้ยยังชีพผู้สูงอายุ", "recurring", 51_000_000),
    _Project("welfare", "เบี้ยยังชีพความพิการ", "recurring", 9_800_000),
    _Project("welfare", "โครงการโรงเรียนผู้สูงอายุเทศบาลนครยะลา", "operating", 600_000),
    _Project("clerk", "โครงการจัดงานรัฐพิธีและวันสำคัญของชาติ", "operating", 800_000),
    _Project("clerk", "โครงการพัฒนาศูนย์รับเรื่องร้องเรียน (LINE OA)", "operating", 500_000),
    _Project("clerk", "โครงการจัดงานประเพณีลอยกระทง", "event", 450_000, 11),
    _Project("finance", "โครงการจัดทำแผนที่ภาษีและทะเบียนทรัพย์สิน", "operating", 1_500_000),
    _Project("finance", "โครงการออกหน่วยรับชำระภาษีเคลื่อนที่", "event", 150_000, 4),
    _Project("strategy", "โครงการพัฒนาเมืองอัจฉริยะ (แพลตฟอร์มข้อมูลเมือง)", "capital", 3_500_000),
    _Project("strategy", "โครงการมหกรรมแข่งขันนกเขาชวาเสียงอาเซียน", "event", 1_800_000, 3),
    _Project("strategy", "โครงการงานสมโภชหลักเมืองและงานกาชาด", "event", 2_000_000, 5),
    _Project("strategy", "โครงการชุมนุมเรือพระ (ประเพณีชักพระ)", "event", 600_000, 10),
    _Project("strategy", "โครงการประชาคมจัดทำแผนพัฒนาท้องถิ่น", "operating", 300_000),
    _Project("disaster", "โครงการป้องกันและแก้ไขปัญหาอุทกภัย", "operating", 3_000_000),
    _Project("disaster", "โครงการจัดซื้อเครื่องสูบน้ำขนาดใหญ่", "capital", 4_500_000),
    _Project("disaster", "โครงการฝึกอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.)", "operating", 600_000),
    _Project("disaster", "โครงการเตรียมความพร้อมศูนย์พักพิงชั่วคราว", "operating", 900_000),
    _Project("registration", "โครงการบริการทะเบียนราษฎรเคลื่อนที่", "operating", 120_000),
)


def build_revenue(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("revenue")
    months = seasons.complete_months(scenario.start, scenario.today)
    fiscal_year, position = seasons.fiscal_years(months), seasons.fiscal_month_index(months)
    first_year = int(fiscal_year.min())
    rows: dict[str, list] = {"fiscal_year": [], "month": [], "revenue_type": [], "target": [], "collected": []}
    for revenue_type, (estimate, shape) in _REVENUE_TYPES.items():
        share = np.array(shape, dtype=np.float64) / sum(shape)
        growth = {y: (1 + _YEARLY_GROWTH) ** (y - first_year) * rng.normal(1, 0.02) for y in sorted(set(fiscal_year))}
        annual = np.round(estimate * np.array([growth[y] for y in fiscal_year]), -3)
        target = np.round(annual * share[position], 2)
        collected = np.round(target * _COLLECTION_PACE[position] * rng.normal(1, 0.04, len(months)), 2)
        rows["fiscal_year"] += list(fiscal_year)
        rows["month"] += list(months)
        rows["revenue_type"] += [revenue_type] * len(months)
        rows["target"] += list(target)
        rows["collected"] += list(collected)
    return typed_frame(REVENUE, rows)


def _increments(kind: str, event_month: int, rng: np.random.Generator) -> np.ndarray:
    """Share of the allocation disbursed in each fiscal month (sums to the year's spend rate)."""
    if kind == "event":
        position = (event_month - seasons.FISCAL_START_MONTH) % 12
        shares = np.zeros(12)
        shares[position] = 0.85
        shares[(position - 1) % 12] += 0.10  # deposits before the event
        shares[(position + 1) % 12] += 0.05  # last bills after it
    else:
        shares = np.diff(_DISBURSEMENT_CURVES[kind], prepend=0.0)
        shares = shares * rng.lognormal(0, 0.15, 12)
    return shares / shares.sum() * rng.uniform(0.88, 0.99)


def build_budget(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("budget")
    months = seasons.complete_months(scenario.start, scenario.today)
    fiscal_year, position = seasons.fiscal_years(months), seasons.fiscal_month_index(months)
    rows: dict[str, list] = {k: [] for k in ("fiscal_year", "month", "division", "project", "allocated", "disbursed")}
    first_year = int(fiscal_year.min())
    for year in sorted(set(fiscal_year)):
        in_year = fiscal_year == year
        road = ROADS[(year - first_year) % len(ROADS)]
        for project in _PROJECTS:
            spread = 0.03 if project.kind == "recurring" else 0.1  # allowances and contracts barely move
            allocated = round(
                project.allocation * (1 + _YEARLY_GROWTH) ** (year - first_year) * rng.lognormal(0, spread), -4
            )
            spent = np.round(allocated * _increments(project.kind, project.event_month, rng), 2)
            rows["fiscal_year"] += [year] * int(in_year.sum())
            rows["month"] += list(months[in_year])
            rows["division"] += [project.division] * int(in_year.sum())
            rows["project"] += [project.name.format(road=road)] * int(in_year.sum())
            rows["allocated"] += [allocated] * int(in_year.sum())
            rows["disbursed"] += list(spent[position[in_year]])
    return typed_frame(BUDGET, rows)
