"""Air quality: PM2.5 and PM10 readings by station, from Public Health & Environment."""

from __future__ import annotations

from data_sources.city import profile
from data_sources.schema import Choice, Column, Dataset, DateTime, Decimal, Option

STATIONS = Choice(
    tuple(
        Option(s["code"], s["name_th"], s["name_en"], (s["name_th"], s["name_en"])) for s in profile()["air_stations"]
    ),
    closed=False,
)

AIR_QUALITY = Dataset(
    key="air_quality",
    title_th="คุณภาพอากาศ",
    title_en="Air quality",
    description_th="ค่าฝุ่น PM2.5 และ PM10 (ไมโครกรัม/ลูกบาศก์เมตร) จากสถานีตรวจวัดในเขตเทศบาล",
    description_en="PM2.5 and PM10 readings (µg/m³) from the municipality's monitoring stations.",
    owner="health",
    pillar="environment",
    cadence_days=1,
    primary_key=("station", "measured_at"),
    upload_mode="upsert",
    period_column="measured_at",
    columns=(
        Column("station", STATIONS, "สถานี", "Station", ("สถานีตรวจวัด", "จุดตรวจวัด", "station"), example="YL-AQ1"),
        Column(
            "measured_at",
            DateTime(),
            "วันเวลาที่ตรวจวัด",
            "Measured at",
            ("วันที่", "วันเวลา", "วันที่ตรวจวัด", "date", "datetime", "time"),
            example="21/11/2567 09.00 น.",
        ),
        Column(
            "pm25",
            Decimal(minimum=0, maximum=1000, dash_is_zero=False),
            "PM2.5 (มคก./ลบ.ม.)",
            "PM2.5 (µg/m³)",
            ("pm2.5", "pm 2.5", "ฝุ่น pm2.5", "ค่าฝุ่น pm2.5", "pm25"),
            example=18.4,
            unit="ug_m3",
        ),
        Column(
            "pm10",
            Decimal(minimum=0, maximum=2000, dash_is_zero=False),
            "PM10 (มคก./ลบ.ม.)",
            "PM10 (µg/m³)",
            ("pm10", "pm 10", "ฝุ่น pm10"),
            required=False,
            example=31.0,
            unit="ug_m3",
        ),
    ),
)
