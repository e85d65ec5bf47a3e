"""The presentation's sample file: the service centre's workbook of this morning's tickets, as a
clerk saves it (a title row, Thai headers, Buddhist-era dates), clean or with four clerk mistakes.

Dropped on the presentation page it goes through the real ingest: the clean file adds twelve
tickets received today, so this month's figures change on the next slide; the other is turned
back with a report naming each wrong cell.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO

from openpyxl import Workbook

from data_sources.adapters import dataset
from data_sources.city import profile
from data_sources.schema import Choice
from data_sources.thai_calendar import be_year

TICKETS = 12
TITLE = "ทะเบียนรับเรื่องร้องเรียน ศูนย์รับเรื่องร้องเรียน เทศบาลนครยะลา"
_CATEGORIES = ("drainage", "waste", "streetlight", "road", "animals", "trees")
_CHANNELS = ("line", "chatbot", "line", "phone")
_COLUMNS = (
    "ticket_id", "received_at", "resolved_at", "category", "community", "latitude", "longitude", "channel",
    "assigned_division", "status", "satisfaction", "description",
)  # fmt: skip
# (row of the ticket, column, what the clerk typed): the mistakes the report must point at.
MISTAKES = (
    (3, "received_at", "31/02/2569 10.00 น."),  # no 31st of February
    (5, "status", "เรียบร้อยมั้ง"),  # not a status of the closed list
    (8, "satisfaction", 7),  # ratings run 1 to 5
    (10, "community", None),  # a required cell left empty
)


def thai_moment(moment: datetime) -> str:
    """ "03/12/2569 09.15 น.": how the service centre's register writes a time.

    >>> thai_moment(datetime(2026, 12, 3, 9, 15))
    '03/12/2569 09.15 น.'
    """
    return f"{moment:%d/%m}/{be_year(moment.year)} {moment:%H.%M} น."


def _label(key: str, value: str | None) -> str | None:
    """The Thai word a clerk writes for a list value (its label in the declaration)."""
    kind = dataset("complaints").column(key).kind
    if value is None or not isinstance(kind, Choice):
        return value
    return next(option.label_th for option in kind.options if option.key == value)


def ticket_rows(now: datetime, *, prefix: str) -> list[list[object]]:
    """Twelve tickets received in the hours before `now`; eight resolved within the hour or two."""
    communities = profile()["communities"]
    # Twenty minutes apart, closer just after midnight: every ticket is received today.
    since_midnight = now - now.replace(hour=0, minute=0, second=0, microsecond=0)
    step = min(timedelta(minutes=20), since_midnight / (TICKETS + 1))
    rows = []
    for index in range(TICKETS):
        received = (now - step * (TICKETS - index)).replace(second=0, microsecond=0)
        resolved = received + timedelta(minutes=35 + 5 * index) if index % 3 != 2 else None
        resolved = resolved if resolved is not None and resolved <= now else None
        community = communities[(index * 5) % len(communities)]
        category = _CATEGORIES[index % len(_CATEGORIES)]
        values = {
            "ticket_id": f"{prefix}-{index + 1:02d}",
            "received_at": thai_moment(received),
            "resolved_at": thai_moment(resolved) if resolved else None,
            "category": _label("category", category),
            "community": community["name_th"],
            "latitude": community["lat"],
            "longitude": community["lon"],
            "channel": _label("channel", _CHANNELS[index % len(_CHANNELS)]),
            "assigned_division": _label("assigned_division", "engineering" if index % 2 else "health"),
            "status": _label("status", "resolved" if resolved else "in_progress"),
            "satisfaction": 5 - index % 2 if resolved else None,
            "description": "แจ้งผ่านการสาธิตระบบ",
        }
        rows.append([values[key] for key in _COLUMNS])
    return rows


def live_sample(now: datetime, *, with_mistakes: bool = False) -> bytes:
    """The workbook as .xlsx bytes; ticket numbers are unique to the minute `now` names."""
    declared = dataset("complaints")
    rows = ticket_rows(now, prefix=f"LIVE-{now:%y%m%d-%H%M}")
    if with_mistakes:
        for ticket, key, typed in MISTAKES:
            rows[ticket - 1][_COLUMNS.index(key)] = typed
    book = Workbook()
    sheet = book.active
    sheet.title = "เรื่องร้องเรียน"
    sheet.append([TITLE])
    sheet.append([declared.column(key).label_th for key in _COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_row(ticket: int) -> int:
    """The spreadsheet row of ticket number `ticket` (1-based): below the title and header rows.

    >>> sheet_row(1)
    3
    """
    return ticket + 2
