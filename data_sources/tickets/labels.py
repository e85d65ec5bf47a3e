"""Names of the lifecycle's stages and of complaint categories, in Thai and English."""

from __future__ import annotations

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
    """A division's name (data_sources.divisions), or its key when the list has no such division."""
    if not division:
        return "—"
    found = DIVISIONS.get(division)
    return found.title(lang) if found is not None else division


def division_keys() -> tuple[str, ...]:
    """Every division a complaint can be assigned to, in the list's order."""
    return tuple(DIVISIONS)
