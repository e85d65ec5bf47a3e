"""One LINE webhook event in, the city's answer out: the same chatbot engine as the web chat,
with its conversation state kept per LINE user in the database.

Photos and locations go to the engine with the message, as the web chat sends them: a photo's
bytes are fetched from LINE's content API first; a location answers the place question (with the
nearest community named) or is kept for the filing. Every filing carries the channel "line" and
the user id, so the lifecycle's notices find their way back. Nothing here logs a user id, a
message or a reply: only event kinds and outcomes.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs

import sqlalchemy as sa
from linebot.v3.messaging import Message

from channels import line_messages
from channels.conversations import claim_delivery, conversation_key, load_state, save_state
from channels.line_api import LineApi
from channels.line_events import LineEvent
from chatbot.answers import say
from chatbot.engine import Chatbot, Reply
from chatbot.text import Lang
from data_sources import tickets
from data_sources.city import nearest_community

log = logging.getLogger(__name__)
CHANNEL = "line"
GREETING = "สวัสดี"  # what a follow, a sticker or a file is answered as: the greeting and the menu


class LineBot:
    """Handles webhook events for one database; one per process (the engine's model trains once)."""

    def __init__(self, engine: sa.Engine, api: LineApi) -> None:
        self.engine = engine
        self.api = api
        self.chatbot = Chatbot(engine)

    def handle(self, event: LineEvent) -> None:
        if not claim_delivery(self.engine, event.event_id):
            log.info("LINE %s event skipped: already handled", event.kind)
            return
        if not event.user_id or not event.reply_token:
            return  # nothing to answer (unfollow, a group member we cannot address, ...)
        messages = self._answer(event, event.user_id)
        if messages:
            sent = self.api.reply(event.reply_token, messages)
            log.info("LINE %s event answered: %s", event.kind, "sent" if sent else "not sent")

    def _answer(self, event: LineEvent, user_id: str) -> list[Message]:
        record = load_state(self.engine, conversation_key(CHANNEL, user_id))
        message = event.message
        if event.type == "postback" and event.postback_data:
            return self._rating(event.postback_data, record, user_id)
        if event.type == "message" and event.message_type == "text":
            reply = self._reply(record, user_id, str(message.get("text") or ""))
        elif event.type == "message" and event.message_type == "image":
            reply = self._photo(message, record, user_id)
        elif event.type == "message" and event.message_type == "location":
            reply = self._location(message, record, user_id)
        elif event.type in ("message", "follow"):
            reply = self._reply(record if event.type == "message" else {}, user_id, GREETING)
        else:
            return []
        return line_messages.to_messages(reply)

    def _reply(self, record: dict[str, Any], user_id: str, text: str, **sent_with: Any) -> Reply:
        """The engine's answer to one message (and what came with it); the state is kept for the next."""
        lang = None if text else record.get("lang")
        reply = self.chatbot.reply(
            text, lang=lang, state=record.get("engine"), channel=CHANNEL, contact_address=user_id, **sent_with
        )
        record.update(engine=reply.state, lang=reply.lang)
        save_state(self.engine, conversation_key(CHANNEL, user_id), record)
        return reply

    def _photo(self, message: dict[str, Any], record: dict[str, Any], user_id: str) -> Reply:
        hosted_by_line = (message.get("contentProvider") or {}).get("type", "line") == "line"
        fetched = self.api.content(str(message.get("id"))) if hosted_by_line and message.get("id") else None
        if fetched is None:
            lang: Lang = record.get("lang") or "th"
            text = say(
                lang,
                "ขออภัย รับรูปภาพนี้ไม่ได้ ลองส่งใหม่อีกครั้ง",
                "Sorry, that photo could not be received. Please send it again.",
            )
            return Reply("complaint_new", text, state=record.get("engine"), lang=lang)
        return self._reply(record, user_id, "", photos=(fetched[0],))

    def _location(self, message: dict[str, Any], record: dict[str, Any], user_id: str) -> Reply:
        try:
            point = (float(message["latitude"]), float(message["longitude"]))
        except (KeyError, TypeError, ValueError):
            return self._reply(record, user_id, GREETING)
        place = ""
        if (record.get("engine") or {}).get("step") == "place":
            # The place question is open: the address and the nearest community answer it with the point.
            community = nearest_community(*point)
            address = str(message.get("address") or message.get("title") or "")[:200]
            place = " ".join(p for p in (address, f"ชุมชน{community}" if community else "") if p)
        return self._reply(record, user_id, place, location=point)

    def _rating(self, data: str, record: dict[str, Any], user_id: str) -> list[Message]:
        fields = parse_qs(data)
        ticket, score = fields.get("rate", [""])[0], fields.get("score", [""])[0]
        if not ticket or not score.isdigit():
            return []
        lang: Lang = record.get("lang") or "th"
        citizen = tickets.Citizen(channel=CHANNEL, address=user_id)
        try:
            tickets.rate(self.engine, ticket, citizen, int(score))
        except tickets.TicketError as refused:
            return [line_messages.text_message(say(lang, refused.message_th, refused.message_en))]
        thanks = say(lang, f"ขอบคุณสำหรับคะแนน {score}/5 ของเรื่อง {ticket}", f"Thank you for rating {ticket} {score}/5.")
        return [line_messages.text_message(thanks)]
