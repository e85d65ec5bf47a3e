"""Names of the lifecycle's stages and of complaint categories, in Thai and English."""

from __future__ import annotations

from data_sources.adapters.common import DIVISIONS as COMPLAINT_DIVISIONS
from data_sources.adapters.complaints import CATEGORIES
from data_sources.divisions import DIVISIONS

STAGE_LABELS: dict[str, tuple[str, str]] = {
    "new": ("รับเรื่องแล้ว รอส่งต่อหน่วยงาน", "Received, waiting to be assigned"),
    "assigned": ("ส่งต่อหน่วยงานรับผิดชอบแล้ว", "Assigned to the responsible division"),
    "in_progress": ("กำลังดำเนินการ", "In progress"),
    "resolved": ("ดำเนินการเสร็จแล้ว", "Resolved"),
    "closed": ("ปิดเรื่องแล้ว", "Closed"),
    "cancelled": ("ยกเลิก/ยุติเรื่อง", "Cancelled"),
}


def stage_label(stage: str, lang: str) -> str:
    """The stage's name for citizens.

    >>> stage_label("in_progress", "th")
    'กำลังดำเนินการ'
    """
    th, en = STAGE_LABELS.get(stage, (stage, stage))
    return th if lang == "th" else en


def category_label(category: str, lang: str) -> str:
    option = next((o for o in CATEGORIES.options if o.key == category), None)
    if option is None:
        return category
    return option.label_th if lang == "th" else option.label_en


def division_label(division: str | None, lang: str) -> str:
    if not division:
        return "—"
    found = DIVISIONS.get(division)
    if found is not None:
        return found.title_th if lang == "th" else found.title_en
    # Divisions that keep no dataset of their own (Engineering, Education) are named by the
    # complaints adapter's list of divisions.
    option = next((o for o in COMPLAINT_DIVISIONS.options if o.key == division), None)
    if option is None:
        return division
    return option.label_th if lang == "th" else option.label_en


def division_keys() -> tuple[str, ...]:
    """Every division a complaint can be assigned to, in the list's order."""
    return tuple(o.key for o in COMPLAINT_DIVISIONS.options)
