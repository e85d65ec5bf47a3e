"""The municipality's divisions, the one home of their keys and names, and the datasets each keeps.

A staff account belongs to one division and uploads only that division's datasets; a dataset's
adapter names its owner by key (`Dataset.owner`); complaints are assigned to a division by key
(`assigned_division`); KPIs name their owning division by key. Synonyms are the other ways staff
write a division's name in a spreadsheet cell.
"""

from __future__ import annotations

from dataclasses import dataclass

EVERY_DIVISION = "all"  # the owner of a dataset every division keeps up to date (facilities)


@dataclass(frozen=True)
class Division:
    key: str
    title_th: str
    title_en: str
    synonyms: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return self.title_th if lang == "th" else self.title_en


DIVISIONS: dict[str, Division] = {
    d.key: d
    for d in (
        Division("clerk", "สำนักปลัดเทศบาล", "Office of the Municipal Clerk", ("สำนักปลัด", "สป.")),
        Division("finance", "กองคลัง", "Finance Division", ("คลัง",)),
        Division("engineering", "กองช่าง", "Engineering Division", ("ช่าง", "โยธา")),
        Division(
            "health",
            "กองสาธารณสุขและสิ่งแวดล้อม",
            "Public Health & Environment Division",
            ("สาธารณสุข", "สาธารณสุขฯ", "กองสาธารณสุข", "สิ่งแวดล้อม"),
        ),
        Division("education", "กองการศึกษา", "Education Division", ("การศึกษา",)),
        Division("welfare", "กองสวัสดิการสังคม", "Social Welfare Division", ("สวัสดิการสังคม",)),
        Division(
            "strategy",
            "กองยุทธศาสตร์และงบประมาณ",
            "Strategy & Budget Division",
            ("ยุทธศาสตร์", "กองวิชาการและแผนงาน", "แผนงาน"),
        ),
        Division(
            "disaster",
            "งานป้องกันและบรรเทาสาธารณภัย",
            "Disaster Prevention",
            ("ป้องกันฯ", "ปภ.", "ป้องกันและบรรเทาสาธารณภัย", "งานป้องกัน"),
        ),
        Division("registration", "งานทะเบียนราษฎร", "Civil Registration", ("ทะเบียนราษฎร",)),
    )
}
_EVERY = Division(EVERY_DIVISION, "ทุกกอง", "All divisions")


def division(key: str) -> Division:
    """The division declared under `key` ("all" for every division).

    >>> division("finance").title_en
    'Finance Division'
    """
    return _EVERY if key == EVERY_DIVISION else DIVISIONS[key]


def datasets_of(key: str) -> tuple[str, ...]:
    """The datasets a division's staff upload: its own, then those every division keeps.

    >>> datasets_of("finance")
    ('revenue', 'facilities')
    """
    from data_sources.adapters import DATASETS  # the adapters name their owner from this module

    if key not in DIVISIONS:
        return ()
    own = tuple(k for k, d in DATASETS.items() if d.owner == key)
    shared = tuple(k for k, d in DATASETS.items() if d.owner == EVERY_DIVISION)
    return own + shared
