"""Budget: allocation and disbursement by division and project, kept by Strategy & Budget."""

from __future__ import annotations

from data_sources.adapters.common import DIVISIONS
from data_sources.schema import Column, Dataset, Decimal, Month, RowCheck, Text, Year

BUDGET = Dataset(
    key="budget",
    title_th="งบประมาณและการเบิกจ่าย",
    title_en="Budget and disbursement",
    description_th=("งบประมาณที่ได้รับจัดสรรทั้งปีของแต่ละโครงการ และยอดเบิกจ่ายในแต่ละเดือน"),
    description_en="Each project's full-year allocation and the amount disbursed in each month.",
    owner="strategy",
    pillar="governance",
    cadence_days=31,
    primary_key=("month", "division", "project"),
    upload_mode="upsert",
    period_column="month",
    columns=(
        Column(
            "fiscal_year",
            Year(minimum=2500, maximum=2700),
            "ปีงบประมาณ",
            "Fiscal year",
            ("ปีงบ", "fiscal year", "fy"),
            example=2568,
        ),
        Column("month", Month(), "เดือน", "Month", ("ประจำเดือน", "เดือนที่เบิกจ่าย", "month"), example="ต.ค. 2567"),
        Column(
            "division",
            DIVISIONS,
            "หน่วยงาน",
            "Division",
            ("กอง", "ส่วนราชการ", "division", "department"),
            example="กองช่าง",
        ),
        Column(
            "project",
            Text(max_length=300),
            "โครงการ",
            "Project",
            ("ชื่อโครงการ", "รายการ", "project"),
            example="โครงการปรับปรุงถนนสุขยางค์",
        ),
        Column(
            "allocated",
            Decimal(minimum=0),
            "งบประมาณที่ได้รับ (บาท)",
            "Allocated (baht)",
            ("งบประมาณ", "งบประมาณที่ได้รับจัดสรร", "งบที่ได้รับ", "allocated", "allocation"),
            example=1200000,
            unit="baht",
        ),
        Column(
            "disbursed",
            Decimal(minimum=0),
            "เบิกจ่าย (บาท)",
            "Disbursed (baht)",
            ("เบิกจ่ายแล้ว", "ยอดเบิกจ่าย", "เบิกจ่ายในเดือน", "disbursed", "spent"),
            example=150000,
            unit="baht",
        ),
    ),
    checks=(RowCheck("month_in_fiscal_year", ("month", "fiscal_year")),),
)
