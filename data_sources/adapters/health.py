"""Dengue cases and health-centre visits by community, from Public Health & Environment."""

from __future__ import annotations

from data_sources.adapters.common import community_column
from data_sources.schema import Choice, Column, Dataset, Date, Integer, Option

PERIOD_TYPES = Choice(
    (
        Option("week", "สัปดาห์", "Week", ("รายสัปดาห์", "week", "weekly")),
        Option("month", "เดือน", "Month", ("รายเดือน", "month", "monthly")),
    ),
    closed=True,
)

HEALTH = Dataset(
    key="health",
    title_th="สุขภาพชุมชน",
    title_en="Community health",
    description_th="ผู้ป่วยไข้เลือดออกและจำนวนผู้มารับบริการศูนย์บริการสาธารณสุข รายสัปดาห์หรือรายเดือน แยกตามชุมชน",
    description_en="Dengue cases and health-centre visits per week or month, by community.",
    owner="health",
    pillar="living",
    cadence_days=31,
    primary_key=("period_start", "period_type", "community"),
    upload_mode="upsert",
    period_column="period_start",
    period_length_column="period_type",
    columns=(
        Column(
            "period_start",
            Date(month_alone=True),  # a monthly report names its month: พฤศจิกายน 2569
            "วันเริ่มต้นช่วง",
            "Period start",
            ("วันที่", "สัปดาห์ที่เริ่ม", "เดือน", "date", "week of"),
            example="01/11/2567",
        ),
        Column(
            "period_type",
            PERIOD_TYPES,
            "ช่วงเวลา",
            "Period",
            ("ประเภทช่วง", "period type"),
            required=False,
            default="month",
            example="เดือน",
        ),
        community_column(),
        Column(
            "dengue_cases",
            Integer(minimum=0, maximum=10000),
            "ผู้ป่วยไข้เลือดออก (ราย)",
            "Dengue cases",
            ("ไข้เลือดออก", "ผู้ป่วยไข้เลือดออก", "dengue"),
            example=2,
            unit="person",
        ),
        Column(
            "health_centre_visits",
            Integer(minimum=0, maximum=1_000_000),
            "ผู้รับบริการศูนย์สาธารณสุข (ครั้ง)",
            "Health-centre visits",
            ("ผู้รับบริการ", "จำนวนผู้รับบริการ", "visits"),
            example=312,
            unit="visit",
        ),
    ),
)
