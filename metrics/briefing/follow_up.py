"""The meeting pack's follow-up: what changed since the last briefing, read from that briefing's
own workbook (its hidden sheet, see workbook.py): KPIs that turned red or green, alerts opened
and closed. Baltimore's CitiStat sends such a page after every meeting.

The previous workbook is a file someone hands in: it is read as data only (values, never
formulas), capped in size, and anything unreadable is a `FollowUpUnreadable`, not a crash.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl import load_workbook

from metrics.briefing.content import Briefing
from metrics.briefing.words import moment, place, status_word, word
from metrics.errors import MetricsError
from metrics.periods import parse_period

MAX_BYTES = 20 * 1024 * 1024  # a briefing workbook is tens of kilobytes
DATA_SHEET = "briefing_data"


class FollowUpUnreadable(MetricsError):
    """The previous briefing could not be read."""

    code = "follow-up-unreadable"

    def __init__(self, reason_th: str, reason_en: str) -> None:
        super().__init__(f"อ่านสรุปครั้งก่อนไม่ได้: {reason_th}", f"cannot read the previous briefing: {reason_en}")


@dataclass(frozen=True)
class Previous:
    """What a previous briefing recorded."""

    period: str
    community: str | None
    generated_at: datetime | None
    statuses: dict[str, str]  # KPI id → "green" | "amber" | "red" | ""
    names: dict[str, tuple[str, str]]  # KPI id → (Thai, English)
    alerts: dict[str, tuple[str, str]]  # alert key → (Thai message, English message)


def read_previous(content: bytes) -> Previous:
    """The facts a briefing workbook keeps for its follow-up."""
    if len(content) > MAX_BYTES:
        raise FollowUpUnreadable("ไฟล์ใหญ่เกินไป", "the file is too large")
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise FollowUpUnreadable("ไม่ใช่ไฟล์ Excel ของสรุปผู้บริหาร", "not an executive briefing workbook") from error
    if DATA_SHEET not in book.sheetnames:
        raise FollowUpUnreadable("ไม่ใช่ไฟล์ที่ระบบจัดทำ", "not a workbook this system prepared")
    meta: dict[str, str] = {}
    statuses: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    alerts: dict[str, tuple[str, str]] = {}
    for row in book[DATA_SHEET].iter_rows(min_row=2, values_only=True):
        record, key, state, text_th, text_en = (str(v) if v is not None else "" for v in (list(row) + [None] * 5)[:5])
        if record == "meta":
            meta[key] = state
        elif record == "kpi":
            statuses[key], names[key] = state, (text_th, text_en)
        elif record == "alert":
            alerts[key] = (text_th, text_en)
    book.close()
    generated = meta.get("generated_at")
    return Previous(
        period=meta.get("period", ""),
        community=meta.get("community") or None,
        generated_at=datetime.fromisoformat(generated) if generated else None,
        statuses=statuses,
        names=names,
        alerts=alerts,
    )


@dataclass(frozen=True)
class Changes:
    previous: Previous
    became_red: tuple[tuple[str, str, str], ...]  # (KPI id, status before, status now)
    became_green: tuple[tuple[str, str, str], ...]
    opened_keys: tuple[str, ...]
    closed_keys: tuple[str, ...]
    current: Briefing

    def _lines(self, moves: tuple[tuple[str, str, str], ...], lang: str) -> list[str]:
        index = 0 if lang == "th" else 1
        return [
            word("was_now", lang, name=self.previous.names.get(kpi_id, (kpi_id, kpi_id))[index],
                 before=status_word(before or None, lang), now=status_word(now or None, lang))  # type: ignore[arg-type]
            for kpi_id, before, now in moves
        ]  # fmt: skip

    def turned_red(self, lang: str) -> list[str]:
        return self._lines(self.became_red, lang)

    def turned_green(self, lang: str) -> list[str]:
        return self._lines(self.became_green, lang)

    @property
    def opened(self) -> list[str]:
        by_key = {f"{a.kind}:{a.subject}": a for a in self.current.alerts}
        return [by_key[key].message(self.current.lang) for key in self.opened_keys]

    @property
    def closed(self) -> list[str]:
        index = 0 if self.current.lang == "th" else 1
        return [self.previous.alerts[key][index] for key in self.closed_keys]

    def intro(self, lang: str) -> str:
        period = parse_period(self.previous.period).label(lang) if self.previous.period else "—"
        return word("follow_up_intro", lang, period=period, scope=place(self.previous.community, lang),
                    generated=moment(self.previous.generated_at, lang))  # fmt: skip


def compare(previous: Previous, current: Briefing) -> Changes:
    """What changed from `previous` to `current`: status moves into red or into green, and alerts
    raised or cleared (matched by kind and subject)."""
    became_red, became_green = [], []
    for kpi_id, result in current.result.kpis.items():
        before, now = previous.statuses.get(kpi_id, ""), result.status or ""
        if now == "red" and before != "red":
            became_red.append((kpi_id, before, now))
        elif now == "green" and before != "green" and kpi_id in previous.statuses:
            became_green.append((kpi_id, before, now))
    now_keys = [f"{a.kind}:{a.subject}" for a in current.alerts]
    opened = tuple(key for key in now_keys if key not in previous.alerts)
    closed = tuple(key for key in previous.alerts if key not in now_keys)
    return Changes(previous, tuple(became_red), tuple(became_green), opened, closed, current)
