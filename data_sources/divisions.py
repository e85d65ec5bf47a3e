"""The municipality's divisions and the datasets each one keeps, read from the adapters.

A staff account belongs to one division and uploads only that division's datasets. The owner of
a dataset is its adapter's `division_th`; this table only gives each division a stable key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from data_sources.adapters import DATASETS

# The adapters' owner names (division_th) → division key. Strategy & Budget keeps the tourism
# desk's economy figures too. "ทุกกอง" (every division) marks a dataset all of them keep up to date.
_OWNER_KEYS: dict[str, str] = {
    "ศูนย์รับเรื่องร้องเรียน สำนักปลัดเทศบาล": "clerk",
    "กองคลัง": "finance",
    "กองยุทธศาสตร์และงบประมาณ": "strategy",
    "กองยุทธศาสตร์และงบประมาณ (งานส่งเสริมการท่องเที่ยว)": "strategy",
    "กองสาธารณสุขและสิ่งแวดล้อม": "health",
    "งานป้องกันและบรรเทาสาธารณภัย": "disaster",
    "งานทะเบียนราษฎร": "registration",
    "กองสวัสดิการสังคม": "welfare",
}
EVERY_DIVISION = "ทุกกอง"


@dataclass(frozen=True)
class Division:
    key: str
    title_th: str
    title_en: str
    datasets: tuple[str, ...]


@cache
def _divisions() -> dict[str, Division]:
    shared = tuple(key for key, d in DATASETS.items() if d.division_th == EVERY_DIVISION)
    found: dict[str, Division] = {}
    for key, declared in DATASETS.items():
        division = _OWNER_KEYS.get(declared.division_th)
        if division is None:
            continue
        known = found.get(division)
        if known is None:
            # The first dataset's owner names the division (without a desk in brackets).
            title_th, title_en = declared.division_th.split(" (")[0], declared.division_en.split(" (")[0]
            found[division] = Division(division, title_th, title_en, (key,))
        else:
            found[division] = Division(division, known.title_th, known.title_en, (*known.datasets, key))
    return {k: Division(k, d.title_th, d.title_en, d.datasets + shared) for k, d in found.items()}


DIVISIONS: dict[str, Division] = _divisions()


def datasets_of(division: str) -> tuple[str, ...]:
    """The datasets a division's staff upload.

    >>> datasets_of("finance")
    ('revenue', 'facilities')
    """
    found = DIVISIONS.get(division)
    return found.datasets if found else ()


def owner_known(division_th: str) -> bool:
    """True when a dataset owner name maps to a division (or to every division)."""
    return division_th == EVERY_DIVISION or division_th in _OWNER_KEYS
