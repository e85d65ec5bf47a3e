"""River water level by station, with its warning and critical levels, from Disaster Prevention."""

from __future__ import annotations

from data_sources.city import profile
from data_sources.schema import Choice, Column, Dataset, DateTime, Decimal, Option, RowCheck

STATIONS = Choice(
    tuple(
        Option(s["code"], s["name_th"], s["name_en"], (s["name_th"], s["name_en"])) for s in profile()["river_stations"]
    ),
    closed=False,
)

WATER_LEVEL = Dataset(
    key="water_level",
    title_th="ระดับน้ำแม่น้ำปัตตานี",
    title_en="River water level",
    description_th="ระดับน้ำ (เมตร) ที่สถานีวัดน้ำ พร้อมระดับเฝ้าระวังและระดับวิกฤตของแต่ละสถานี",
    description_en="Water level (m) at each gauging station, with the station's warning and critical levels.",
    owner="disaster",
    pillar="resilience",
    cadence_days=1,
    primary_key=("station", "measured_at"),
    upload_mode="upsert",
    period_column="measured_at",
    columns=(
        Column("station", STATIONS, "สถานี", "Station", ("สถานีวัดน้ำ", "รหัสสถานี", "station"), example="X.40A"),
        Column(
            "measured_at",
            DateTime(),
            "วันเวลา",
            "Measured at",
            ("วันที่", "วันที่/เวลา", "date", "datetime", "time"),
            example="21/11/2567 06.00 น.",
        ),
        Column(
            "level_m",
            Decimal(minimum=-10, maximum=100, dash_is_zero=False),
            "ระดับน้ำ (ม.)",
            "Level (m)",
            ("ระดับน้ำ", "ระดับน้ำ (เมตร)", "level", "water level"),
            example=5.12,
            unit="m",
        ),
        Column(
            "warning_level_m",
            Decimal(minimum=-10, maximum=100, dash_is_zero=False),
            "ระดับเฝ้าระวัง (ม.)",
            "Warning level (m)",
            ("ระดับเฝ้าระวัง", "เฝ้าระวัง", "ระดับเตือนภัย", "เตือนภัย", "warning", "warning level"),
            example=7.5,
            unit="m",
        ),
        Column(
            "critical_level_m",
            Decimal(minimum=-10, maximum=100, dash_is_zero=False),
            "ระดับวิกฤต (ม.)",
            "Critical level (m)",
            ("ระดับวิกฤต", "วิกฤต", "ระดับอันตราย", "ระดับตลิ่ง", "critical", "critical level"),
            example=8.5,
            unit="m",
        ),
    ),
    checks=(RowCheck("not_more_than", ("warning_level_m", "critical_level_m")),),
)
