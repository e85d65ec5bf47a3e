"""A complaint desk kept in memory (the filing flow's side of the lifecycle), and conversation helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from data_sources.errors import DataSourceError
from data_sources.tickets import Filed, NewComplaint, Similar, rules
from data_sources.tickets.photos import checked_photo


@dataclass
class MemoryDesk:
    """Files into a list; numbers tickets CB70-00001, ...; offers `offered` as likely duplicates."""

    offered: list[Similar] = field(default_factory=list)
    fail: bool = False
    filed: list[NewComplaint] = field(default_factory=list)
    joined: list[tuple[str, str, tuple[int, ...]]] = field(default_factory=list)
    photos: list[bytes] = field(default_factory=list)
    now: datetime = datetime(2026, 11, 20, 9, 0)

    def similar(self, draft: dict[str, Any]) -> list[Similar]:
        return [s for s in self.offered if s.category == draft["category"]]

    def file(self, complaint: NewComplaint) -> Filed:
        if self.fail:
            raise DataSourceError("บันทึกไม่ได้", "cannot save")
        same = next((i for i, c in enumerate(self.filed) if c.submission_key == complaint.submission_key), None)
        if same is not None:
            return Filed(f"CB70-{same + 1:05d}", False, "key-again", rules.division_for(complaint.category), None, None)
        self.filed.append(complaint)
        due = self.now + timedelta(days=rules.SERVICE_DAYS.get(complaint.category, 7))
        return Filed(
            f"CB70-{len(self.filed):05d}",
            True,
            f"key-{len(self.filed)}",
            rules.division_for(complaint.category),
            due,
            len(self.filed),
        )

    def join(self, ticket_id: str, text: str, photo_ids: Sequence[int], submission_key: str) -> Filed:
        self.joined.append((ticket_id, text, tuple(photo_ids)))
        return Filed(ticket_id, False, "key-joined", "engineering", None, None)

    def stage_photo(self, content: bytes) -> int:
        checked_photo(content)
        self.photos.append(content)
        return len(self.photos)


def talk(bot: Any, *messages: str, lang: str | None = None, state: dict[str, Any] | None = None) -> list[Any]:
    """Every reply of a conversation, each message sent with the state the previous reply left."""
    replies = []
    for message in messages:
        reply = bot.reply(message, lang=lang, state=state)
        replies.append(reply)
        state = reply.state
    return replies
