"""Incidents (flood, fire, accident, ...) by community, from Disaster Prevention."""

from __future__ import annotations

from data_sources.adapters.common import community_column, latitude_column, longitude_column
from data_sources.schema import Choice, Column, Dataset, DateTime, Integer, Option, RowCheck, Text

INCIDENT_TYPES = Choice(
    (
        Option("flood", "น้ำท่วม", "Flood", ("อุทกภัย", "น้ำท่วมขัง", "flood", "flooding")),
        Option("fire", "อัคคีภัย", "Fire", ("ไฟไหม้", "เพลิงไหม้", "fire")),
        Option("road_accident", "อุบัติเหตุทางถนน", "Road accident", ("อุบัติเหตุ", "รถชน", "accident")),
        Option("storm", "วาตภัย", "Storm", ("พายุ", "ลมแรง", "storm")),
        Option("fallen_tree", "ต้นไม้ล้ม", "Fallen tree", ("ต้นไม้หักโค่น", "fallen tree")),
        Option("power_outage", "ไฟฟ้าขัดข้อง", "Power outage", ("ไฟดับ", "ไฟฟ้าดับ", "power outage")),
        Option("other", "อื่น ๆ", "Other", ("อื่นๆ", "other")),
    ),
    closed=False,
)

SEVERITIES = Choice(
    (
        Option("low", "เล็กน้อย", "Low", ("ต่ำ", "น้อย", "1", "low", "minor")),
        Option("medium", "ปานกลาง", "Medium", ("กลาง", "2", "medium", "moderate")),
        Option("high", "รุนแรง", "High", ("สูง", "มาก", "3", "high", "severe")),
        Option("critical", "รุนแรงมาก", "Critical", ("วิกฤต", "สูงมาก", "4", "critical")),
    ),
    closed=True,
)

INCIDENTS = Dataset(
    key="incidents",
    title_th="เหตุสาธารณภัยและอุบัติเหตุ",
    title_en="Incidents",
    description_th="เหตุน้ำท่วม อัคคีภัย อุบัติเหตุ และเหตุอื่น ๆ ในเขตเทศบาล พร้อมความรุนแรงและจำนวนครัวเรือนที่ได้รับผลกระทบ",
    description_en="Floods, fires, accidents and other incidents, with severity and households affected.",
    owner="disaster",
    pillar="resilience",
    cadence_days=7,
    primary_key=("incident_id",),
    upload_mode="upsert",
    period_column="occurred_at",
    columns=(
        Column(
            "incident_id",
            Text(max_length=40),
            "เลขที่เหตุ",
            "Incident number",
            ("เลขที่", "รหัสเหตุ", "incident id", "id"),
            unique=True,
            example="ปภ.0153/2568",
        ),
        Column(
            "occurred_at",
            DateTime(),
            "วันเวลาที่เกิดเหตุ",
            "Occurred at",
            ("วันที่เกิดเหตุ", "วันที่", "date", "occurred"),
            example="25/11/2567 14.20 น.",
        ),
        Column("incident_type", INCIDENT_TYPES, "ประเภทเหตุ", "Incident type", ("ประเภท", "type"), example="น้ำท่วม"),
        community_column(),
        latitude_column(),
        longitude_column(),
        Column("severity", SEVERITIES, "ความรุนแรง", "Severity", ("ระดับความรุนแรง", "severity"), example="ปานกลาง"),
        Column(
            "households_affected",
            Integer(minimum=0, maximum=100000),
            "ครัวเรือนที่ได้รับผลกระทบ",
            "Households affected",
            ("จำนวนครัวเรือน", "ครัวเรือนได้รับผลกระทบ", "households"),
            required=False,
            example=35,
            unit="household",
        ),
        Column(
            "people_injured",
            Integer(minimum=0, maximum=10000),
            "ผู้บาดเจ็บ (คน)",
            "People injured",
            ("ผู้บาดเจ็บ", "บาดเจ็บ", "injured"),
            required=False,
            example=0,
            unit="person",
        ),
    ),
    checks=(RowCheck("date_in_number_year", ("occurred_at", "incident_id")),),
)
