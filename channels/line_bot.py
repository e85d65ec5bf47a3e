"""One LINE webhook event in, the city's answer out: the same chatbot engine as the web chat,
with its conversation state kept per LINE user in the database.

Photos and locations are what LINE adds to a filing: a photo (its bytes fetched from LINE's
content API) is kept for the complaint being filed, a location fills in the place and the
coordinates; either one sent outside a filing starts one. Nothing here logs a user id, a
message or a reply: only event types and outcomes.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
import sqlalchemy as sa
from linebot.v3.messaging import Message

from channels import filing, line_messages
from channels.conversations import claim_delivery, conversation_key, load_state, save_state
from channels.line_api import LineApi
from channels.line_events import LineEvent
from chatbot.answers import say
from chatbot.engine import Chatbot, Reply
from chatbot.intents import default_model
from chatbot.knowledge import default_knowledge
from chatbot.text import Lang, detect_language

log = logging.getLogger(__name__)
CHANNEL = "line"
_START_FILING = {"th": "แจ้งเรื่องร้องเรียน", "en": "I want to file a complaint"}


class LineBot:
    """Handles the events of one webhook delivery, in order, for one database and channel."""

    def __init__(self, engine: sa.Engine, api: LineApi) -> None:
        self.engine = engine
        self.api = api

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
        conversation = conversation_key(CHANNEL, user_id)
        record = load_state(self.engine, conversation)
        message = event.message
        if event.type == "message" and event.message_type == "text":
            reply = self._converse(str(message.get("text") or ""), record, conversation, user_id)
        elif event.type == "message" and event.message_type == "image":
            reply = self._photo(message, record, conversation, user_id)
        elif event.type == "message" and event.message_type == "location":
            reply = self._location(message, record, conversation, user_id)
        elif event.type == "message" or event.type == "follow":
            reply = self._converse("สวัสดี", record if event.type == "message" else {}, conversation, user_id)
        elif event.type == "postback" and event.postback_data:
            return self._postback(event.postback_data, record, user_id)
        else:
            return []
        return line_messages.to_messages(reply)

    # ------------------------------------------------------------- conversation

    def _chatbot(self, record: dict[str, Any], conversation: str, user_id: str) -> Chatbot:
        def write(row: pd.DataFrame) -> None:
            lang: Lang = record.get("lang") or "th"
            shared = record.get("location")
            location = filing.Location(**shared) if shared else None
            filing.file_complaint(
                self.engine, row, channel=CHANNEL, location=location, follower=(user_id, lang),
                conversation=conversation,
            )  # fmt: skip

        return Chatbot(self.engine, writer=write, model=default_model(), knowledge=default_knowledge())

    def _converse(
        self, text: str, record: dict[str, Any], conversation: str, user_id: str, *, lang: Lang | None = None
    ) -> Reply:
        lang = lang or detect_language(text) or record.get("lang") or "th"
        record["lang"] = lang
        bot = self._chatbot(record, conversation, user_id)
        reply = bot.reply(text, lang=lang, state=record.get("engine"))
        if (reply.state or {}).get("step") == "place" and record.get("location"):
            # The citizen already shared where: that answers the place question.
            place = _place_text(record["location"])
            follow_on = bot.reply(place, lang=lang, state=reply.state)
            reply = _joined(
                reply, follow_on, say(lang, f"ใช้ตำแหน่งที่ส่งมา: {place}", f"Using the location you sent: {place}")
            )
        self._remember(record, reply, conversation)
        return reply

    def _remember(self, record: dict[str, Any], reply: Reply, conversation: str) -> None:
        record["engine"] = reply.state
        filed = reply.intent == "complaint_new" and "ticket" in reply.slots
        if reply.state is None and (filed or reply.intent == "complaint_new"):
            # The filing is over (sent or cancelled): what was shared for it is not kept around.
            record.pop("location", None)
            if not filed:
                filing.drop_pending_photos(self.engine, conversation)
        save_state(self.engine, conversation, record)

    def _photo(self, message: dict[str, Any], record: dict[str, Any], conversation: str, user_id: str) -> Reply:
        lang: Lang = record.get("lang") or "th"
        hosted_by_line = (message.get("contentProvider") or {}).get("type", "line") == "line"
        fetched = self.api.content(str(message.get("id"))) if hosted_by_line and message.get("id") else None
        if fetched is None:
            text = say(
                lang,
                "ขออภัย รับรูปภาพนี้ไม่ได้ ลองส่งใหม่อีกครั้ง",
                "Sorry, that photo could not be received. Please send it again.",
            )
            return Reply("complaint_new", text, state=record.get("engine"), lang=lang)
        filing.keep_photo(self.engine, conversation, *fetched)
        count = filing.pending_photos(self.engine, conversation)
        noted = say(
            lang,
            f"ได้รับรูปภาพแล้ว ({count} รูป) จะแนบไปกับเรื่องที่แจ้ง",
            f"Photo received ({count}); it will go with your complaint.",
        )
        return self._note_or_start(noted, record, conversation, user_id, lang)

    def _location(self, message: dict[str, Any], record: dict[str, Any], conversation: str, user_id: str) -> Reply:
        lang: Lang = record.get("lang") or "th"
        try:
            latitude, longitude = float(message["latitude"]), float(message["longitude"])
        except (KeyError, TypeError, ValueError):
            return self._converse("สวัสดี", record, conversation, user_id)
        address = str(message.get("address") or message.get("title") or "")[:200]
        shared = filing.Location(latitude, longitude, address)
        record["location"] = {"latitude": shared.latitude, "longitude": shared.longitude, "address": shared.address}
        engine_state = record.get("engine") or {}
        if engine_state.get("step") == "place":
            return self._converse(_place_text(record["location"]), record, conversation, user_id, lang=lang)
        noted = say(
            lang, "ได้รับตำแหน่งแล้ว จะใช้เป็นสถานที่ของเรื่องที่แจ้ง", "Location received; it will be the place of your complaint."
        )
        return self._note_or_start(noted, record, conversation, user_id, lang)

    def _note_or_start(self, noted: str, record: dict[str, Any], conversation: str, user_id: str, lang: Lang) -> Reply:
        """Inside a filing, acknowledge; outside one, start filing with what was just sent."""
        engine_state = record.get("engine") or {}
        if engine_state.get("flow"):
            save_state(self.engine, conversation, record)
            return Reply("complaint_new", noted, state=engine_state, lang=lang)
        reply = self._converse(_START_FILING[lang], record, conversation, user_id, lang=lang)
        return _joined(Reply("complaint_new", "", lang=lang), reply, noted)

    # ------------------------------------------------------------- rating

    def _postback(self, data: str, record: dict[str, Any], user_id: str) -> list[Message]:
        fields = parse_qs(data)
        ticket, score = fields.get("rate", [""])[0], fields.get("score", ["0"])[0]
        lang: Lang = record.get("lang") or "th"
        if not ticket or not score.isdigit() or filing.follower_of(self.engine, ticket, CHANNEL) != user_id:
            return []
        if filing.rate(self.engine, ticket, int(score), channel=CHANNEL):
            text = say(lang, f"ขอบคุณสำหรับคะแนน {score}/5 ของเรื่อง {ticket}", f"Thank you for rating {ticket} {score}/5.")
        else:
            text = say(
                lang,
                f"เรื่อง {ticket} ให้คะแนนได้ครั้งเดียวเมื่อดำเนินการเสร็จแล้ว",
                f"{ticket} can be rated once, after it is resolved.",
            )
        return [line_messages.text_message(text)]


def _place_text(location: dict[str, Any]) -> str:
    community = filing.nearest_community(location["latitude"], location["longitude"])
    parts = [location.get("address") or f"{location['latitude']:.5f}, {location['longitude']:.5f}"]
    if community and community not in parts[0]:
        parts.append(f"ชุมชน{community}")
    return " ".join(parts)


def _joined(first: Reply, then: Reply, note: str) -> Reply:
    """`then` with `note` (and `first`'s answer) in front of its answer."""
    head = "\n".join(part for part in (first.answer, note) if part)
    return Reply(then.intent, f"{head}\n\n{then.answer}", then.sources, then.slots, then.confidence, then.suggestions,
                 then.state, then.lang, then.as_of)  # fmt: skip
