"""The complaint lifecycle as the chatbot's filing flow uses it, on the real store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_sources import frames, tickets
from data_sources.adapters.complaints import COMPLAINTS
from data_sources.errors import DataSourceError
from data_sources.thai_calendar import fiscal_year
from data_sources.tickets import Filed, NewComplaint, Similar, rules
from data_sources.tickets.filing import TICKET_PREFIX, dataset_row


class StoreDesk:
    """Files, joins and finds likely duplicates through `data_sources.tickets`.

    `contact_address` (e.g. a LINE user id) is added to every filing so notices reach the citizen.
    """

    def __init__(
        self, engine: sa.Engine, *, clock: Callable[[], datetime], contact_address: str | None = None,
        channel: str = "chatbot",
    ) -> None:  # fmt: skip
        self.engine = engine
        self.clock = clock
        self.contact_address = contact_address
        self.channel = channel

    def similar(self, draft: dict[str, Any]) -> list[Similar]:
        return tickets.similar_open(
            self.engine, draft["category"], community=draft.get("community"), latitude=draft.get("latitude"),
            longitude=draft.get("longitude"), now=self.clock(),
        )  # fmt: skip

    def file(self, complaint: NewComplaint) -> Filed:
        filing = replace(complaint, channel=self.channel, contact_address=self.contact_address)
        return tickets.file_complaint(self.engine, filing, now=self.clock())

    def join(self, ticket_id: str, text: str, photo_ids: Sequence[int], submission_key: str) -> Filed:
        return tickets.join_complaint(
            self.engine, ticket_id, channel=self.channel, contact_address=self.contact_address, text=text or None,
            photo_ids=tuple(photo_ids), submission_key=submission_key, now=self.clock(),
        )  # fmt: skip

    def stage_photo(self, content: bytes) -> int:
        return tickets.stage_photo(self.engine, content, channel=self.channel, now=self.clock())


def complaint_row(draft: dict[str, Any], ticket: str, now: datetime) -> pd.DataFrame:
    """The typed complaints row for a confirmed draft (interim: for callers that store rows themselves)."""
    complaint = NewComplaint(
        category=draft["category"], description=draft["description"], community=draft.get("community"),
        place=draft.get("place"), contact_name=draft.get("contact_name"), contact_phone=draft.get("contact_phone"),
        latitude=draft.get("latitude"), longitude=draft.get("longitude"),
    )  # fmt: skip
    return frames.coerce(dataset_row(complaint, ticket, now), COMPLAINTS)


class RowWriterDesk:
    """Interim desk for a caller that stores the complaint row itself (the LINE channel until it
    files through `data_sources.tickets`): numbers the ticket after the highest one it can see and
    hands the typed row to `write`. No duplicates are offered and no photos are staged here.
    New code uses StoreDesk: the lifecycle numbers tickets safely under concurrency.
    """

    def __init__(self, write: Callable[[pd.DataFrame], None], *, frame: Callable[[], pd.DataFrame | None],
                 clock: Callable[[], datetime]) -> None:  # fmt: skip
        self.write = write
        self.frame = frame
        self.clock = clock

    def similar(self, draft: dict[str, Any]) -> list[Similar]:
        return []

    def file(self, complaint: NewComplaint) -> Filed:
        now = self.clock()
        ticket = self._next_ticket(now)
        draft = {"category": complaint.category, "description": complaint.description, "community": complaint.community,
                 "place": complaint.place, "contact_name": complaint.contact_name, "contact_phone": complaint.contact_phone,
                 "latitude": complaint.latitude, "longitude": complaint.longitude}  # fmt: skip
        self.write(complaint_row(draft, ticket, now))
        return Filed(
            ticket, True, "", rules.division_for(complaint.category), rules.due_at(complaint.category, now), None
        )

    def join(self, ticket_id: str, text: str, photo_ids: Sequence[int], submission_key: str) -> Filed:
        raise DataSourceError("เข้าร่วมเรื่องเดิมไม่ได้ในช่องทางนี้", "Joining is not available on this channel")

    def stage_photo(self, content: bytes) -> int:
        raise DataSourceError("ช่องทางนี้เก็บรูปเอง", "This channel keeps its own photos")

    def _next_ticket(self, now: datetime) -> str:
        prefix = f"{TICKET_PREFIX}{fiscal_year(now.date()) % 100:02d}-"
        frame = self.frame()
        numbers = [0]
        if frame is not None and not frame.empty:
            ids = frame["ticket_id"].dropna().astype(str)
            numbers += [int(i[len(prefix) :]) for i in ids if i.startswith(prefix) and i[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers) + 1:05d}"
