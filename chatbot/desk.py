"""The complaint lifecycle as the chatbot's filing flow uses it, on the real store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_sources import tickets
from data_sources.tickets import Filed, NewComplaint, Similar


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
