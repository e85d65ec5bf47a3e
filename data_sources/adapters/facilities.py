"""Public facilities (health centres, schools, shelters, markets, CCTV, ...), kept by all divisions."""

from __future__ import annotations

from data_sources.adapters.common import community_column, latitude_column, longitude_column
from data_sources.schema import Choice, Column, Dataset, Integer, Option, Text

FACILITY_TYPES = Choice(
    (
        Option(
            "health_centre",
            "ศูนย์บริการสาธารณสุข",
            "Health centre",
            ("สถานีอนามัย", "ศูนย์สุขภาพ", "health centre", "health center"),
        ),
        Option("hospital", "โรงพยาบาล", "Hospital", ("รพ.", "hospital")),
        Option("school", "โรงเรียน", "School", ("สถานศึกษา", "school")),
        Option("child_centre", "ศูนย์พัฒนาเด็กเล็ก", "Child development centre", ("ศพด.", "child centre")),
        Option("shelter", "ศูนย์พักพิง", "Shelter", ("ศูนย์อพยพ", "ที่พักพิงชั่วคราว", "shelter", "evacuation centre")),
        Option("market", "ตลาด", "Market", ("ตลาดสด", "market")),
        Option("park", "สวนสาธารณะ", "Park", ("สวน", "park")),
        Option("office", "สำนักงาน", "Office", ("สำนักงานเทศบาล", "ที่ทำการ", "office")),
        Option("cctv", "กล้อง CCTV", "CCTV camera", ("cctv", "กล้องวงจรปิด")),
        Option("library", "ห้องสมุด", "Library", ("อุทยานการเรียนรู้", "library")),
        Option("sports", "สนามกีฬา", "Sports ground", ("สนาม", "sports")),
    ),
    closed=False,
)

FACILITIES = Dataset(
    key="facilities",
    title_th="สถานที่และบริการสาธารณะ",
    title_en="Public facilities",
    description_th="สถานที่ให้บริการของเทศบาล เช่น ศูนย์บริการสาธารณสุข โรงเรียน ศูนย์พักพิง ตลาด และกล้อง CCTV พร้อมพิกัด",
    description_en="Municipal facilities (health centres, schools, shelters, markets, CCTV, ...) with coordinates.",
    owner="all",
    pillar="living",
    cadence_days=366,
    primary_key=("facility_id",),
    upload_mode="upsert",
    columns=(
        Column(
            "facility_id",
            Text(max_length=40),
            "รหัสสถานที่",
            "Facility code",
            ("รหัส", "facility id", "id", "code"),
            unique=True,
            example="HC-01",
        ),
        Column(
            "name",
            Text(max_length=300),
            "ชื่อสถานที่",
            "Name",
            ("ชื่อ", "สถานที่", "facility", "name"),
            example="ศูนย์บริการสาธารณสุข 2",
        ),
        Column("facility_type", FACILITY_TYPES, "ประเภท", "Type", ("ประเภทสถานที่", "type"), example="ศูนย์บริการสาธารณสุข"),
        latitude_column(required=True),
        longitude_column(required=True),
        community_column(required=False),
        Column("address", Text(), "ที่อยู่", "Address", ("address",), required=False, example="ถนนสิโรรส"),
        Column(
            "phone",
            Text(max_length=40),
            "โทรศัพท์ติดต่อ",
            "Public phone",
            ("เบอร์ติดต่อ", "โทรศัพท์", "phone"),
            required=False,
            example="073-000-000",
            description_th="เบอร์โทรสาธารณะของสถานที่ (ไม่ใช่ข้อมูลส่วนบุคคล)",
            description_en="The facility's public number (not personal)",
        ),
        Column(
            "opening_hours",
            Text(max_length=200),
            "เวลาทำการ",
            "Opening hours",
            ("เวลาเปิด-ปิด", "เวลาเปิดทำการ", "hours"),
            required=False,
            example="จ.-ศ. 08.30-16.30 น.",
        ),
        Column(
            "capacity",
            Integer(minimum=0, maximum=1_000_000),
            "ความจุ (คน)",
            "Capacity (people)",
            ("รองรับ (คน)", "capacity"),
            required=False,
            example=300,
            unit="person",
        ),
    ),
)
