"""Complaints: one row per ticket, kept by the service centre of the Office of the Municipal Clerk."""

from __future__ import annotations

from data_sources.adapters.common import (
    COMMUNITY,
    DIVISIONS,
    latitude_column,
    longitude_column,
)
from data_sources.schema import (
    Choice,
    Column,
    Dataset,
    DateTime,
    Integer,
    Option,
    RowCheck,
    Text,
)

CATEGORIES = Choice(
    (
        Option("road", "ถนน/ทางเท้าชำรุด", "Damaged road or footpath", ("ถนน", "ถนนชำรุด", "ทางเท้า", "หลุมบ่อ", "road")),
        Option(
            "drainage",
            "ท่อระบายน้ำ/น้ำท่วมขัง",
            "Drainage and standing water",
            ("ท่อระบายน้ำ", "น้ำท่วมขัง", "ท่ออุดตัน", "drain", "flooding"),
        ),
        Option(
            "waste", "ขยะ/ความสะอาด", "Waste and cleanliness", ("ขยะ", "ขยะมูลฝอย", "ความสะอาด", "garbage", "rubbish")
        ),
        Option(
            "streetlight",
            "ไฟฟ้าส่องสว่าง",
            "Street lights",
            ("ไฟฟ้าสาธารณะ", "ไฟส่องสว่าง", "ไฟถนน", "ไฟดับ", "street light", "lighting"),
        ),
        Option("water_supply", "น้ำประปา", "Water supply", ("ประปา", "น้ำไม่ไหล", "water")),
        Option("noise", "เสียงรบกวน/เหตุรำคาญ", "Noise and nuisance", ("เสียงรบกวน", "เหตุรำคาญ", "กลิ่น", "nuisance")),
        Option("animals", "สัตว์จรจัด", "Stray animals", ("สุนัขจรจัด", "หมาจรจัด", "แมวจรจัด", "stray dogs")),
        Option("trees", "ต้นไม้/กิ่งไม้", "Trees and branches", ("ต้นไม้", "กิ่งไม้", "ตัดต้นไม้", "tree")),
        Option(
            "public_health",
            "สาธารณสุข/ยุงลาย",
            "Public health and mosquitoes",
            ("ยุง", "ยุงลาย", "ไข้เลือดออก", "สาธารณสุข", "health"),
        ),
        Option("traffic", "จราจร/ที่จอดรถ", "Traffic and parking", ("จราจร", "จอดรถ", "traffic", "parking")),
        Option("market", "ตลาด/หาบเร่แผงลอย", "Markets and street vendors", ("ตลาด", "แผงลอย", "หาบเร่", "vendors")),
        Option("other", "อื่น ๆ", "Other", ("อื่นๆ", "อื่น", "other")),
    ),
    closed=False,
)

CHANNELS = Choice(
    (
        Option("line", "LINE OA", "LINE OA", ("ไลน์", "line", "line@", "ไลน์ oa")),
        Option("phone", "โทรศัพท์", "Phone", ("โทร", "สายด่วน", "phone", "telephone", "hotline")),
        Option("walk_in", "ติดต่อด้วยตนเอง", "Walk-in", ("walk in", "walk-in", "มาด้วยตนเอง", "ด้วยตนเอง", "เคาน์เตอร์")),
        Option("facebook", "เฟซบุ๊ก", "Facebook", ("facebook", "fb", "เพจ")),
        Option("web", "เว็บไซต์", "Website", ("เว็บ", "website", "web", "online")),
        Option("traffy", "Traffy Fondue", "Traffy Fondue", ("traffy", "ทราฟฟี่", "ทราฟฟี่ฟองดูว์")),
        Option("chatbot", "แชตบอต", "Chatbot", ("แชทบอท", "chatbot", "bot")),
        Option("letter", "หนังสือ/จดหมาย", "Letter", ("หนังสือ", "จดหมาย", "letter")),
        Option("open311", "Open311", "Open311", ("open311", "georeport")),
    ),
    closed=False,
)

STATUSES = Choice(
    (
        Option(
            "received", "รับเรื่องแล้ว", "Received", ("รับเรื่อง", "ใหม่", "รอดำเนินการ", "รอรับเรื่อง", "new", "open", "pending")
        ),
        Option(
            "in_progress",
            "กำลังดำเนินการ",
            "In progress",
            ("ระหว่างดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการ", "ส่งต่อหน่วยงาน", "in progress", "processing", "assigned"),
        ),
        Option(
            "resolved",
            "เสร็จสิ้น",
            "Resolved",
            (
                "ดำเนินการแล้วเสร็จ",
                "แล้วเสร็จ",
                "เสร็จแล้ว",
                "ดำเนินการเสร็จสิ้น",
                "แก้ไขแล้ว",
                "ปิดเรื่อง",
                "closed",
                "done",
                "completed",
                "resolved",
            ),
        ),
        Option(
            "cancelled",
            "ยกเลิก",
            "Cancelled",
            ("ยุติเรื่อง", "ไม่รับเรื่อง", "ซ้ำ", "cancelled", "canceled", "rejected", "duplicate"),
        ),
    ),
    closed=True,
)

COMPLAINTS = Dataset(
    key="complaints",
    title_th="เรื่องร้องเรียน",
    title_en="Complaints",
    description_th="เรื่องร้องเรียนจากประชาชน หนึ่งแถวต่อหนึ่งเรื่อง ตั้งแต่รับเรื่องจนปิดเรื่อง",
    description_en="Citizen complaints, one row per ticket, from receipt to closure.",
    owner="clerk",
    desk_th="ศูนย์รับเรื่องร้องเรียน",
    desk_en="Service Centre",
    pillar="governance",
    cadence_days=7,
    primary_key=("ticket_id",),
    upload_mode="upsert",
    period_column="received_at",
    columns=(
        Column(
            "ticket_id",
            Text(max_length=40),
            "เลขที่เรื่อง",
            "Ticket number",
            ("เลขที่", "เลขที่รับเรื่อง", "เลขรับ", "รหัสเรื่อง", "ticket", "ticket no", "id", "complaint id"),
            unique=True,
            example="0001/2568",
        ),
        Column(
            "received_at",
            DateTime(),
            "วันที่รับเรื่อง",
            "Received",
            ("วันที่ร้องเรียน", "วันรับเรื่อง", "วันที่แจ้ง", "received", "received date", "date received"),
            example="21/11/2567 09.30 น.",
        ),
        Column(
            "resolved_at",
            DateTime(),
            "วันที่แล้วเสร็จ",
            "Resolved",
            ("วันที่ดำเนินการแล้วเสร็จ", "วันที่เสร็จสิ้น", "วันปิดเรื่อง", "resolved date", "closed date", "date resolved"),
            required=False,
            example="23/11/2567 15.00 น.",
        ),
        Column(
            "category",
            CATEGORIES,
            "ประเภทเรื่อง",
            "Category",
            ("ประเภท", "หมวดหมู่", "เรื่อง", "type", "complaint type"),
            example="ถนน/ทางเท้าชำรุด",
        ),
        Column("community", COMMUNITY, "ชุมชน", "Community", ("ชื่อชุมชน", "พื้นที่", "สถานที่", "location"), example="เมืองทอง"),
        latitude_column(),
        longitude_column(),
        Column(
            "channel",
            CHANNELS,
            "ช่องทาง",
            "Channel",
            ("ช่องทางร้องเรียน", "ช่องทางการแจ้ง", "source"),
            required=False,
            example="LINE OA",
        ),
        Column(
            "assigned_division",
            DIVISIONS,
            "หน่วยงานรับผิดชอบ",
            "Assigned division",
            ("หน่วยงาน", "กองที่รับผิดชอบ", "ผู้รับผิดชอบ", "division", "department"),
            required=False,
            example="กองช่าง",
        ),
        Column("status", STATUSES, "สถานะ", "Status", ("สถานะเรื่อง", "ผลการดำเนินการ", "state"), example="เสร็จสิ้น"),
        Column(
            "satisfaction",
            Integer(minimum=1, maximum=5, dash_is_zero=False),
            "ความพึงพอใจ (1-5)",
            "Satisfaction (1-5)",
            ("ความพึงพอใจ", "คะแนนความพึงพอใจ", "satisfaction", "rating"),
            required=False,
            example=5,
        ),
        # Citizens write names and numbers into the free text, so it stays internal like a name.
        Column(
            "description",
            Text(),
            "รายละเอียด",
            "Description",
            ("รายละเอียดเรื่อง", "เรื่องที่ร้องเรียน", "details"),
            required=False,
            personal=True,
            example="ถนนหน้าบ้านเป็นหลุมลึก",
        ),
        Column(
            "complainant_name",
            Text(max_length=200),
            "ชื่อผู้ร้องเรียน",
            "Complainant name",
            ("ผู้ร้องเรียน", "ชื่อ-สกุล", "ชื่อ-นามสกุล", "ชื่อผู้แจ้ง", "name"),
            required=False,
            personal=True,
        ),
        Column(
            "complainant_phone",
            Text(max_length=40),
            "เบอร์โทรผู้ร้องเรียน",
            "Complainant phone",
            ("เบอร์โทร", "เบอร์โทรศัพท์", "โทรศัพท์", "หมายเลขโทรศัพท์", "phone", "tel"),
            required=False,
            personal=True,
        ),
        Column(
            "complainant_national_id",
            Text(max_length=20),
            "เลขประจำตัวประชาชน",
            "National ID number",
            ("เลขบัตรประชาชน", "บัตรประชาชน", "national id", "citizen id"),
            required=False,
            personal=True,
        ),
    ),
    checks=(
        RowCheck("not_before", ("resolved_at", "received_at")),
        RowCheck("date_in_number_year", ("received_at", "ticket_id")),
        RowCheck("resolved_has_time", ("status", "resolved_at"), severity="warning"),
    ),
)
