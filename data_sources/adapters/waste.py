"""Waste: daily tons collected and recycled by community, from Public Health & Environment."""

from __future__ import annotations

from data_sources.adapters.common import community_column
from data_sources.schema import Column, Dataset, Date, Decimal, RowCheck

WASTE = Dataset(
    key="waste",
    title_th="ปริมาณขยะ",
    title_en="Waste collection",
    description_th="ปริมาณขยะที่จัดเก็บและขยะรีไซเคิลรายวัน แยกตามชุมชน (ตัน)",
    description_en="Tons of waste collected and recycled each day, by community.",
    owner="health",
    pillar="environment",
    cadence_days=31,
    primary_key=("date", "community"),
    upload_mode="replace_period",
    period_column="date",
    columns=(
        Column("date", Date(), "วันที่", "Date", ("วันที่จัดเก็บ", "วันเก็บขยะ", "date"), example="01/10/2567"),
        community_column(),
        Column(
            "tons_collected",
            Decimal(minimum=0, maximum=1000),
            "ขยะที่จัดเก็บ (ตัน)",
            "Collected (tons)",
            ("ปริมาณขยะ", "ปริมาณขยะ (ตัน)", "ขยะจัดเก็บ", "ขยะทั้งหมด", "tons collected", "collected"),
            example=3.42,
            unit="t",
        ),
        Column(
            "tons_recycled",
            Decimal(minimum=0, maximum=1000),
            "ขยะรีไซเคิล (ตัน)",
            "Recycled (tons)",
            ("รีไซเคิล", "ขยะรีไซเคิล", "คัดแยก", "tons recycled", "recycled"),
            required=False,
            example=0.51,
            unit="t",
        ),
    ),
    checks=(RowCheck("not_more_than", ("tons_recycled", "tons_collected")),),
)
