"""Traffy Fondue's CSV export into our complaints, keeping its ticket ids.

Traffy's published export (as in Bangkok's open data, `bangkok_traffy.csv`) has the columns
ticket_id, type, organization, comment, photo, photo_after, coords, address, subdistrict,
district, province, timestamp, state, star, count_reopen, last_activity. Each row becomes one
complaints row (channel "traffy") and the whole file goes through the normal ingest pipeline
(validation, one version, the converted file kept), upserting by ticket number: importing the
same or a newer export again updates those tickets and never duplicates them.

Photos stay on Traffy (we store no URL from outside), the comment becomes the internal
description, and the point (coords are "longitude,latitude") also names the nearest community.
"""

from __future__ import annotations

import io
from pathlib import PurePath

import pandas as pd
import sqlalchemy as sa

from data_sources.adapters.common import DIVISIONS
from data_sources.adapters.complaints import COMPLAINTS
from data_sources.city import nearest_community
from data_sources.city_time import CITY_ZONE
from data_sources.ingest import IngestResult, ingest

COLUMNS = ("ticket_id", "type", "organization", "comment", "photo", "photo_after", "coords", "address",
           "subdistrict", "district", "province", "timestamp", "state", "star", "count_reopen", "last_activity")  # fmt: skip
REQUIRED = ("ticket_id", "type", "coords", "timestamp", "state")
UNKNOWN_COMMUNITY = "ไม่ระบุ"

# Traffy's problem types → our categories (the first type of a ticket that we know decides).
CATEGORY_OF_TYPE = {
    "ถนน": "road", "ทางเท้า": "road", "สะพาน": "road", "กีดขวาง": "road",
    "น้ำท่วม": "drainage", "ท่อระบายน้ำ": "drainage", "คลอง": "drainage",
    "ความสะอาด": "waste", "แสงสว่าง": "streetlight", "สายไฟ": "streetlight", "ต้นไม้": "trees",
    "จราจร": "traffic", "ป้ายจราจร": "traffic", "การเดินทาง": "traffic",
    "เสียงรบกวน": "noise", "PM2.5": "public_health", "ห้องน้ำ": "public_health",
    "สัตว์จรจัด": "animals", "น้ำประปา": "water_supply", "หาบเร่แผงลอย": "market",
}  # fmt: skip
# Traffy's states → our statuses (forwarded to another agency is still being handled).
STATUS_OF_STATE = {
    "รอรับเรื่อง": "received", "ใหม่": "received", "กำลังดำเนินการ": "in_progress", "ส่งต่อ": "in_progress",
    "เสร็จสิ้น": "resolved", "ไม่เกี่ยวข้อง": "cancelled", "ปฏิเสธ": "cancelled",
}  # fmt: skip


class TraffyFormatError(ValueError):
    """The file is not a Traffy Fondue export: a required column is missing."""


def _category(types: object) -> str:
    """ "{ถนน,ทางเท้า}" → "road"; a set with no type we know → "other"."""
    for name in str(types or "").strip("{}").split(","):
        if name.strip() in CATEGORY_OF_TYPE:
            return CATEGORY_OF_TYPE[name.strip()]
    return "other"


def _point(coords: object) -> tuple[float | None, float | None]:
    try:
        longitude, latitude = (float(part) for part in str(coords).split(","))
    except ValueError:
        return None, None
    return latitude, longitude


def _city_time(values: pd.Series) -> pd.Series:
    moments = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    return moments.dt.tz_convert(CITY_ZONE).dt.tz_localize(None).dt.floor("s")


def _division(organization: object) -> str | None:
    text = str(organization or "")
    for option in DIVISIONS.options:
        if any(name and name in text for name in (option.label_th, *option.synonyms)):
            return option.key
    return None


def to_complaints(export: pd.DataFrame) -> pd.DataFrame:
    """Traffy rows as a complaints table with our English headers, ready for ingest."""
    missing = [c for c in REQUIRED if c not in export.columns]
    if missing:
        raise TraffyFormatError(f"not a Traffy Fondue export: missing {', '.join(missing)}")
    points = export["coords"].map(_point)
    latitude, longitude = points.map(lambda p: p[0]), points.map(lambda p: p[1])
    status = export["state"].map(lambda s: STATUS_OF_STATE.get(str(s).strip(), str(s).strip()))
    community = [
        (nearest_community(lat, lon) if lat is not None and lon is not None else None) or UNKNOWN_COMMUNITY
        for lat, lon in zip(latitude, longitude, strict=True)
    ]
    finished = _city_time(export.get("last_activity", pd.Series(index=export.index, dtype="string")))
    star = pd.to_numeric(export.get("star"), errors="coerce") if "star" in export else None
    columns = {
        "ticket_id": export["ticket_id"].astype("string").str.strip(),
        "received_at": _city_time(export["timestamp"]),
        "resolved_at": finished.where(status == "resolved"),
        "category": export["type"].map(_category),
        "community": community,
        "latitude": latitude,
        "longitude": longitude,
        "channel": "traffy",
        "assigned_division": export.get("organization", pd.Series(index=export.index)).map(_division),
        "status": status,
        "satisfaction": star.where(star.between(1, 5)).round() if star is not None else None,
        "description": export.get("comment"),
    }
    labels = {c.key: c.label_en for c in COMPLAINTS.columns}
    return pd.DataFrame({labels[key]: value for key, value in columns.items()})


def import_export(engine: sa.Engine, content: bytes, file_name: str, *, user: str | None) -> IngestResult:
    """Import one Traffy CSV export (UTF-8, as Traffy writes it) into complaints."""
    export = pd.read_csv(io.BytesIO(content), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    converted = to_complaints(export).to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S").encode("utf-8")
    name = f"traffy-{PurePath(file_name).stem}.csv"
    return ingest(engine, converted, name, "complaints", mode="append", user=user)
