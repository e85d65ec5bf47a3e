"""Webhook events read leniently from their JSON: what this bot needs, with LINE's defaults.

The SDK's models are strict: a text message without `quoteToken` (payloads before 2023, or built
by hand) becomes an UnknownEvent, and an event without `webhookEventId` fails the whole delivery.
A signed delivery is LINE's word, so each event is read for what it carries and nothing it lacks
stops the others. An event without an id gets one from its content, so a redelivery still matches.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LineEvent:
    type: str  # message, postback, follow, unfollow, join, ...
    event_id: str
    user_id: str | None  # personal: never logged
    reply_token: str | None
    message: dict[str, Any] = field(default_factory=dict)  # the message object of a message event
    postback_data: str | None = None

    @property
    def message_type(self) -> str | None:
        return str(self.message.get("type")) if self.message else None

    @property
    def kind(self) -> str:
        """What the logs may say: "message/text", "postback", "follow"."""
        return f"{self.type}/{self.message_type}" if self.message_type else self.type


def _event_id(raw: dict[str, Any]) -> str:
    given = raw.get("webhookEventId")
    if isinstance(given, str) and given:
        return given[:64]
    stable = {key: value for key, value in raw.items() if key != "deliveryContext"}
    return "sha256:" + hashlib.sha256(json.dumps(stable, sort_keys=True).encode()).hexdigest()[:56]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_event(raw: dict[str, Any]) -> LineEvent:
    source = raw.get("source") if isinstance(raw.get("source"), dict) else {}
    message = raw.get("message") if isinstance(raw.get("message"), dict) else {}
    postback = raw.get("postback") if isinstance(raw.get("postback"), dict) else {}
    return LineEvent(
        type=str(raw.get("type") or "unknown"),
        event_id=_event_id(raw),
        user_id=_text(source.get("userId")),
        reply_token=_text(raw.get("replyToken")),
        message=message,
        postback_data=_text(postback.get("data")),
    )


def read_delivery(body: bytes) -> list[LineEvent]:
    """The events of a (signature-checked) webhook body; ValueError when it is not one."""
    document = json.loads(body)
    if not isinstance(document, dict) or not isinstance(document.get("events", []), list):
        raise ValueError("not a LINE webhook body")
    return [read_event(raw) for raw in document.get("events", []) if isinstance(raw, dict)]
