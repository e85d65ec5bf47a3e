"""Benchmark workbooks: large, realistic division files, built once and cached on disk."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from data_sources.city import community_names
from data_sources.thai_calendar import be_year

CACHE = Path(__file__).resolve().parent / "results" / "cache"
COMPLAINT_HEADERS = (
    "เลขที่เรื่อง",
    "วันที่รับเรื่อง",
    "วันที่แล้วเสร็จ",
    "ประเภทเรื่อง",
    "ชุมชน",
    "ละติจูด",
    "ลองจิจูด",
    "ช่องทาง",
    "หน่วยงานรับผิดชอบ",
    "สถานะ",
    "ความพึงพอใจ (1-5)",
    "รายละเอียด",
)
_CATEGORIES = ("ถนน/ทางเท้าชำรุด", "ท่อระบายน้ำ/น้ำท่วมขัง", "ขยะ/ความสะอาด", "ไฟฟ้าส่องสว่าง", "สัตว์จรจัด")
_CHANNELS = ("LINE OA", "โทรศัพท์", "ติดต่อด้วยตนเอง", "เฟซบุ๊ก")
_DIVISIONS = ("กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "สำนักปลัดเทศบาล")
_STATUSES = ("เสร็จสิ้น", "ดำเนินการแล้วเสร็จ", "กำลังดำเนินการ", "รับเรื่องแล้ว")


def complaints_workbook(rows: int, *, seed: int = 7, first_number: int = 1) -> Path:
    """A complaints .xlsx of `rows` rows × 12 columns: a title row, Thai headers, BE text dates
    in one column and real Excel dates in another, as a service centre's export looks.

    Ticket numbers run from `first_number` (six digits, so never one of the demo city's)."""
    path = CACHE / f"complaints-{rows}-{seed}-{first_number}.xlsx"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    random = np.random.default_rng(seed)
    communities = community_names()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("เรื่องร้องเรียน")
    sheet.append(["รายงานเรื่องร้องเรียน ศูนย์รับเรื่องร้องเรียน เทศบาลนครยะลา"])
    sheet.append(list(COMPLAINT_HEADERS))
    start = datetime(2023, 10, 1, 8, 0)
    for index in range(rows):
        received = start + timedelta(minutes=int(random.integers(0, 60 * 24 * 1000)))
        resolved = received + timedelta(hours=float(random.lognormal(3.0, 0.8)))
        sheet.append(
            [
                f"{first_number + index:06d}/{be_year(received.year)}",
                f"{received.day}/{received.month}/{be_year(received.year)} {received:%H.%M} น.",
                resolved,
                _CATEGORIES[index % len(_CATEGORIES)],
                communities[index % len(communities)],
                round(6.53 + float(random.random()) * 0.04, 5),
                round(101.27 + float(random.random()) * 0.03, 5),
                _CHANNELS[index % len(_CHANNELS)],
                _DIVISIONS[index % len(_DIVISIONS)],
                _STATUSES[index % 2],
                int(random.integers(1, 6)),
                "แจ้งปัญหาในชุมชน",
            ]
        )
    book.save(path)
    return path
