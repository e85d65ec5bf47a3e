"""Visitors, events, new businesses and market occupancy by month, from Strategy / Tourism."""

from __future__ import annotations

from data_sources.schema import Column, Dataset, Decimal, Integer, Month

ECONOMY = Dataset(
    key="economy",
    title_th="เศรษฐกิจและการท่องเที่ยว",
    title_en="Economy and tourism",
    description_th="จำนวนนักท่องเที่ยว งานกิจกรรม ธุรกิจจดทะเบียนใหม่ และอัตราการเช่าแผงในตลาดเทศบาล รายเดือน",
    description_en="Monthly visitors, events, newly registered businesses and municipal market stall occupancy.",
    owner="strategy",
    desk_th="งานส่งเสริมการท่องเที่ยว",
    desk_en="Tourism desk",
    pillar="economy",
    cadence_days=31,
    primary_key=("month",),
    upload_mode="upsert",
    period_column="month",
    columns=(
        Column("month", Month(), "เดือน", "Month", ("ประจำเดือน", "month"), unique=True, example="พ.ย. 2567"),
        Column(
            "visitors",
            Integer(minimum=0, maximum=10_000_000),
            "นักท่องเที่ยว (คน)",
            "Visitors",
            ("จำนวนนักท่องเที่ยว", "ผู้มาเยือน", "visitors", "tourists"),
            example=48200,
            unit="person",
        ),
        Column(
            "events",
            Integer(minimum=0, maximum=1000),
            "งาน/กิจกรรม",
            "Events",
            ("จำนวนงาน", "กิจกรรม", "events"),
            example=4,
            unit="event",
        ),
        Column(
            "new_businesses",
            Integer(minimum=0, maximum=100000),
            "ธุรกิจจดทะเบียนใหม่",
            "New businesses",
            ("ธุรกิจใหม่", "จดทะเบียนพาณิชย์ใหม่", "new businesses"),
            example=37,
            unit="business",
        ),
        Column(
            "market_occupancy_pct",
            Decimal(minimum=0, maximum=100, percent=True, dash_is_zero=False),
            "อัตราการเช่าแผงตลาด (%)",
            "Market occupancy (%)",
            ("อัตราการเช่าแผง", "อัตราการใช้แผง", "occupancy", "market occupancy"),
            example=92.5,
        ),
    ),
)
