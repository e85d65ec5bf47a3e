"""A chatbot reply as LINE messages: numbers as call buttons (first, for an emergency), the
answer as plain text, and the next steps as quick replies.

LINE shows text as it is written, so Markdown links become their label and call buttons take the
numbers. Limits are LINE's own: 5,000 characters a text, 13 quick replies, 20 characters a
quick-reply label, 40 a button label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from linebot.v3.messaging import (
    CameraAction,
    CameraRollAction,
    FlexContainer,
    FlexMessage,
    LocationAction,
    Message,
    MessageAction,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)

from chatbot import malay
from chatbot.actions import Call
from chatbot.answers import say
from chatbot.engine import Reply
from chatbot.knowledge import topics
from chatbot.text import Lang

MAX_TEXT = 5000
MAX_QUICK_REPLIES = 13
MAX_CALL_BUTTONS = 6
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
# Thai numbers as the knowledge base writes them: 3-4 digit hotlines (191, 1669) or 0-7321-2345.
_PHONE = re.compile(r"(?<![\d/.-])(1\d{2,3}|0\d(?:[- ]?\d){7,8})(?![\d/.])")


def plain_text(answer: str) -> str:
    """The answer without Markdown: "[1669](tel:1669)" -> "1669", "**ด่วน**" -> "ด่วน"."""
    text = _LINK.sub(lambda m: m.group(1) if m.group(2).startswith("tel:") else f"{m.group(1)} {m.group(2)}", answer)
    return _BOLD.sub(r"\2", text)[:MAX_TEXT]


def call_buttons(text: str) -> list[tuple[str, str]]:
    """(label, number) for each phone number in `text`, in order, each once. A number alone on
    its line is labelled with what the line says about it ("1669 เจ็บป่วยฉุกเฉิน / รถพยาบาล").

    >>> call_buttons("- 199 ไฟไหม้ กู้ภัย\\nโทร 073-212-345 หรือ 1669")
    [('199 ไฟไหม้ กู้ภัย', '199'), ('073-212-345', '073212345'), ('1669', '1669')]
    """
    found: dict[str, str] = {}
    for line in text.splitlines():
        matches = list(_PHONE.finditer(line))
        for match in matches:
            number = re.sub(r"[- ]", "", match.group(1))
            label = match.group(1)
            if len(matches) == 1:
                rest = (line[: match.start()] + " " + line[match.end() :]).strip(" -•:,")
                label = f"{label} {rest}".strip()
            found.setdefault(number, _label(label, 40))
    return [(label, number) for number, label in found.items()][:MAX_CALL_BUTTONS]


def _button_card(title: str, links: Sequence[tuple[str, str]]) -> FlexMessage:
    """A bubble of link buttons: (label, uri) each, the first one stressed."""
    buttons = [
        {"type": "button", "style": "primary" if i == 0 else "secondary", "height": "sm", "margin": "sm",
         "action": {"type": "uri", "label": label[:40], "uri": uri}}
        for i, (label, uri) in enumerate(links)
    ]  # fmt: skip
    bubble: dict[str, Any] = {
        "type": "bubble",
        "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": title, "weight": "bold"}]},
        "footer": {"type": "box", "layout": "vertical", "contents": buttons},
    }
    alt = title + ": " + ", ".join(label for label, _ in links)
    return FlexMessage(alt_text=alt[:400], contents=FlexContainer.from_dict(bubble))


def _calls(reply: Reply, text: str) -> list[tuple[str, str]]:
    """(label, tel: URI) for each number the reply offers (the engine's own list when it has one,
    else the numbers its text names), most useful first."""
    offered = getattr(reply, "calls", ())
    if offered:
        return [(f"{call.number} {_call_label(call, reply.lang)}".strip(), call.uri) for call in offered][
            :MAX_CALL_BUTTONS
        ]
    return [(label, f"tel:{number}") for label, number in call_buttons(text)]


def _call_label(call: Call, lang: str) -> str:
    return (malay.call_label(call.number) or call.label_en) if lang == "ms" else call.label(lang)


def _title(lang: str, thai: str, english: str, malay_key: str) -> str:
    return malay.word(malay_key) if lang == "ms" else say(lang, thai, english)  # type: ignore[arg-type]


def _directions(reply: Reply) -> list[tuple[str, str]]:
    return [(place.name, place.directions) for place in getattr(reply, "places", ())][:MAX_CALL_BUTTONS]


def _label(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quick_replies(reply: Reply) -> list[QuickReplyItem]:
    """The next steps: the engine's suggestions; in a filing, the location, camera and photo
    buttons where they help; otherwise the topic menu."""
    step = (reply.state or {}).get("step")
    items: list[QuickReplyItem] = []
    if step == "place":
        items.append(QuickReplyItem(action=LocationAction(label=say(reply.lang, "ส่งตำแหน่ง", "Send location"))))
    if step in ("place", "description"):
        items.append(QuickReplyItem(action=CameraAction(label=say(reply.lang, "ถ่ายรูป", "Take a photo"))))
        items.append(QuickReplyItem(action=CameraRollAction(label=say(reply.lang, "เลือกรูป", "Choose a photo"))))
    suggestions = list(reply.suggestions)
    if not suggestions and not reply.state and reply.intent != "emergency":
        suggestions = [topic.ask(reply.lang) for topic in topics()]
    labels = {topic.ask(lang): topic.label(lang) for topic in topics() for lang in ("th", "en")}
    for text in suggestions:
        items.append(QuickReplyItem(action=MessageAction(label=_label(labels.get(text, text)), text=text[:300])))
    return items[:MAX_QUICK_REPLIES]


def rating_items(ticket: str, lang: Lang) -> list[QuickReplyItem]:
    """Five quick replies "1" to "5" that post the rating back (not as a chat message)."""
    stars = ("1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐")
    said = say(lang, "ให้คะแนน", "Rating")
    return [
        QuickReplyItem(action=PostbackAction(label=label, data=f"rate={ticket}&score={score}",
                                             display_text=f"{said} {score}"))
        for score, label in enumerate(stars, start=1)
    ]  # fmt: skip


def to_messages(reply: Reply) -> list[Message]:
    """The LINE messages for one chatbot reply (at most three)."""
    text = plain_text(reply.answer)
    calls, places = _calls(reply, text), _directions(reply)
    items = quick_replies(reply)
    answer = TextMessage(text=text, quick_reply=QuickReply(items=items) if items else None)
    messages: list[Message] = [answer]
    if calls:
        card = _button_card(_title(reply.lang, "แตะเพื่อโทร", "Tap to call", "tap_to_call"), calls)
        # An emergency shows its numbers first; elsewhere the answer comes first and the numbers follow.
        messages.insert(0 if reply.intent == "emergency" else 1, card)
    if places:
        messages.append(
            _button_card(_title(reply.lang, "แตะเพื่อนำทาง", "Tap for directions", "tap_for_directions"), places)
        )
    return messages


def text_message(text: str, items: Sequence[QuickReplyItem] = ()) -> TextMessage:
    return TextMessage(text=text[:MAX_TEXT], quick_reply=QuickReply(items=list(items)) if items else None)
