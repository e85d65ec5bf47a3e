"""Revenue: monthly target and collection by revenue type, kept by the Finance Division."""

from __future__ import annotations

from data_sources.schema import Choice, Column, Dataset, Decimal, Month, Option, RowCheck, Year

# Each type also by its name in the local-government chart of accounts ("หมวด...", as finance prints it).
REVENUE_TYPES = Choice(
    (
        Option("taxes", "ภาษีอากร", "Local taxes", ("ภาษี", "หมวดภาษีอากร", "ภาษีที่ดินและสิ่งปลูกสร้าง", "ภาษีป้าย", "tax")),
        Option(
            "fees",
            "ค่าธรรมเนียม ค่าปรับ และใบอนุญาต",
            "Fees, fines and licences",
            ("ค่าธรรมเนียม", "ค่าปรับ", "ใบอนุญาต", "หมวดค่าธรรมเนียม ค่าปรับ และใบอนุญาต", "fees"),
        ),
        Option(
            "property",
            "รายได้จากทรัพย์สิน",
            "Property income",
            ("ทรัพย์สิน", "ค่าเช่า", "ดอกเบี้ย", "หมวดรายได้จากทรัพย์สิน", "property"),
        ),
        Option(
            "utilities",
            "รายได้จากสาธารณูปโภคและการพาณิชย์",
            "Utilities and commerce",
            ("สาธารณูปโภค", "การพาณิชย์", "หมวดรายได้จากสาธารณูปโภคและการพาณิชย์", "utilities"),
        ),
        Option("miscellaneous", "รายได้เบ็ดเตล็ด", "Miscellaneous", ("เบ็ดเตล็ด", "อื่น ๆ", "หมวดรายได้เบ็ดเตล็ด", "misc")),
        Option(
            "shared_taxes",
            "ภาษีจัดสรร",
            "Shared taxes",
            ("ภาษีที่รัฐบาลจัดสรร", "ภาษีจัดสรรให้", "หมวดภาษีจัดสรร", "allocated taxes"),
        ),
        Option(
            "subsidies",
            "เงินอุดหนุน",
            "Subsidies",
            ("เงินอุดหนุนทั่วไป", "อุดหนุน", "หมวดเงินอุดหนุน", "หมวดเงินอุดหนุนทั่วไป", "grants", "subsidy"),
        ),
    ),
    closed=False,
)

REVENUE = Dataset(
    key="revenue",
    title_th="รายได้เทศบาล",
    title_en="Municipal revenue",
    description_th="ประมาณการและรายได้ที่จัดเก็บได้จริงรายเดือน แยกตามประเภทรายได้",
    description_en="Monthly revenue target and amount collected, by revenue type.",
    owner="finance",
    pillar="governance",
    cadence_days=31,
    primary_key=("month", "revenue_type"),
    upload_mode="replace_period",
    period_column="month",
    columns=(
        Column(
            "fiscal_year",
            Year(minimum=2500, maximum=2700),
            "ปีงบประมาณ",
            "Fiscal year",
            ("ปีงบ", "ปีงบประมาณ พ.ศ.", "fiscal year", "fy"),
            example=2568,
            description_th="ปีงบประมาณ พ.ศ. (1 ต.ค. – 30 ก.ย.)",
            description_en="Thai fiscal year, BE (1 Oct – 30 Sep)",
        ),
        Column("month", Month(), "เดือน", "Month", ("เดือน/ปี", "ประจำเดือน", "month"), example="ต.ค. 2567"),
        Column(
            "revenue_type",
            REVENUE_TYPES,
            "ประเภทรายได้",
            "Revenue type",
            ("หมวดรายได้", "รายการ", "type"),
            example="ภาษีอากร",
        ),
        Column(
            "target",
            Decimal(minimum=0),
            "ประมาณการ (บาท)",
            "Target (baht)",
            ("ประมาณการ", "ประมาณการรายรับ", "เป้าหมาย", "target", "estimate"),
            example=2500000,
            unit="baht",
        ),
        Column(
            "collected",
            Decimal(minimum=0),
            "จัดเก็บได้ (บาท)",
            "Collected (baht)",
            ("จัดเก็บได้", "รายได้จริง", "รับจริง", "ผลการจัดเก็บ", "collected", "actual"),
            example=2315000.5,
            unit="baht",
        ),
    ),
    checks=(RowCheck("month_in_fiscal_year", ("month", "fiscal_year")),),
)
