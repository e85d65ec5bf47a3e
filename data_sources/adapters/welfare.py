"""Welfare allowances by community and month, from the Social Welfare Division."""

from __future__ import annotations

from data_sources.adapters.common import community_column
from data_sources.schema import Column, Dataset, Decimal, Integer, Month

WELFARE = Dataset(
    key="welfare",
    title_th="เบี้ยยังชีพ",
    title_en="Welfare allowances",
    description_th="จำนวนผู้รับเบี้ยยังชีพผู้สูงอายุและผู้พิการ และยอดเงินที่จ่ายรายเดือน แยกตามชุมชน",
    description_en="Elderly and disability allowance recipients and the amount paid each month, by community.",
    owner="welfare",
    pillar="living",
    cadence_days=31,
    primary_key=("month", "community"),
    upload_mode="upsert",
    period_column="month",
    columns=(
        Column("month", Month(), "เดือน", "Month", ("ประจำเดือน", "เดือนที่จ่าย", "month"), example="พ.ย. 2567"),
        community_column(),
        Column(
            "elderly_recipients",
            Integer(minimum=0, maximum=100000),
            "ผู้รับเบี้ยผู้สูงอายุ (คน)",
            "Elderly allowance recipients",
            ("ผู้สูงอายุ", "เบี้ยยังชีพผู้สูงอายุ", "elderly", "elderly recipients"),
            example=236,
            unit="person",
        ),
        Column(
            "disability_recipients",
            Integer(minimum=0, maximum=100000),
            "ผู้รับเบี้ยความพิการ (คน)",
            "Disability allowance recipients",
            ("ผู้พิการ", "คนพิการ", "เบี้ยความพิการ", "disability", "disabled"),
            example=41,
            unit="person",
        ),
        Column(
            "amount_paid",
            Decimal(minimum=0),
            "ยอดเงินที่จ่าย (บาท)",
            "Amount paid (baht)",
            ("จำนวนเงิน", "ยอดจ่าย", "เงินที่จ่าย", "amount", "paid"),
            example=203400,
            unit="baht",
        ),
    ),
)
