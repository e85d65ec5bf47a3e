"""A next message read in the light of the last answer: "ชุมชนธนวิถี" after the shelters' list finds
the nearest, "แล้วชุมชนเมืองทองล่ะ" after a garbage day gives that community's day, "ไม่รู้เลขที่"
when a ticket number was asked gives the line that finds it, and a bare "ยืนยัน" with nothing to
confirm says so. The state carries only the last topic ({"after": intent}) or what was asked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chatbot import filing_words, handlers, slots
from chatbot.actions import Call
from chatbot.answers import say
from chatbot.intents import Prediction
from chatbot.knowledge import menu_text
from chatbot.text import Lang, clean
from data_sources.city import profile

if TYPE_CHECKING:
    from chatbot.engine import Reply
    from chatbot.turns import Turn

# Topics whose answer invites a community next (the shelters nearest to it, its garbage day).
REMEMBERED = ("water_level", "waste_collection")
_NEAR_WORDS = ("ใกล้", "near", "closest", "nearest")
_AND_THEN = ("แล้ว", "ล่ะ", "ละ", "what about", "and ", "how about")
_LOST = frozenset({"ไม่เข้าใจ", "ไม่เข้าใจค่ะ", "ไม่เข้าใจครับ", "งง", "งงค่ะ", "งงครับ", "หมายความว่าไง", "idon'tunderstand",
                   "idontunderstand", "what?", "what", "huh", "tidakfaham", "takfaham"})  # fmt: skip
_UNKNOWN_TICKET = ("ไม่รู้", "ไม่ทราบ", "ลืม", "หาย", "ไม่มีเลข", "จำไม่ได้", "don't know", "dont know", "forgot", "lost",
                   "no number")  # fmt: skip


def remember(reply: Reply, lang: Lang) -> dict[str, Any] | None:
    """What the next message may need: the last topic, when its answer invites a community."""
    return {"after": reply.intent, "lang": lang} if reply.intent in REMEMBERED else None


def names_a_community_only(text: str) -> bool:
    """A short answer that names a community and asks nothing else ("ชุมชนธนวิถีค่ะ", "Saphrang")."""
    return len(clean(text)) <= 40 and slots.community(text) is not None and not filing_words.looks_like_question(text)


def _about_a_community(text: str) -> bool:
    """ "ชุมชนสะพรั่งค่ะ", "แล้วชุมชนเมืองทองล่ะ", "ใกล้ชุมชนเมืองทองที่สุดที่ไหน": the same topic, for that community."""
    if slots.community(text) is None or len(clean(text)) > 60:
        return False
    return names_a_community_only(text) or handlers.has_any(text, _NEAR_WORDS) or handlers.has_any(text, _AND_THEN)


def follow_up(turn: Turn, lang: Lang) -> Reply | None:
    """The reply when the last answer decides what this message means; else None."""
    state = turn.state or {}
    text = turn.text
    after = state.get("after")
    if after == "water_level" and (turn.location and not text or _about_a_community(text)):
        return handlers.handle(turn, text, lang, Prediction("water_level", 1.0, (), by_rule=True))
    if after == "waste_collection" and _about_a_community(text):
        return handlers.handle(turn, f"{text} ขยะ", lang, Prediction("waste_collection", 1.0, (), by_rule=True))
    if state.get("awaiting") == "ticket" and not slots.ticket(text) and handlers.has_any(text, _UNKNOWN_TICKET):
        return _no_ticket_number(lang)
    if not state.get("offer") and filing_words.says_send(text):
        return _nothing_to_confirm(lang)
    if clean(text).strip(" .!?~").replace(" ", "") in _LOST:
        return _menu(lang, say(lang, "ขออภัยที่ตอบไม่ชัดเจนค่ะ เลือกหัวข้อด้านล่าง หรือพิมพ์คำถามสั้น ๆ อีกครั้ง",
                               "Sorry that wasn't clear. Pick a topic below, or ask again in a few words."))  # fmt: skip
    return None


def _no_ticket_number(lang: Lang) -> Reply:
    from chatbot.engine import Reply

    line = next((p for p in profile().get("office_phones", []) if p["key"] == "complaints"), None)
    calls = (Call(line["number"], line["label_th"], line["label_en"]),) if line else ()
    number = f" {line['number']}" if line else ""
    text = say(lang, f"ไม่เป็นไรค่ะ โทรศูนย์รับเรื่องร้องเรียน{number} ในวันและเวลาราชการ แจ้งชื่อ วันที่แจ้ง และเรื่องที่แจ้ง เจ้าหน้าที่ค้นเลขที่ให้ได้ "
                     "(เลขที่เรื่องอยู่ในข้อความตอบกลับตอนแจ้ง เช่น CB70-00012)",
               f"No problem: call the complaints centre{number} during office hours with your name, the day you filed "
               "and what it was about, and staff will find the number (it was in the reply when you filed, e.g. CB70-00012).")  # fmt: skip
    return Reply("complaint_status", text, (), {}, 1.0, (), None, lang, calls=calls)


def _nothing_to_confirm(lang: Lang) -> Reply:
    head = say(lang, "ยังไม่มีเรื่องที่รอการยืนยันค่ะ ถ้าจะแจ้งเรื่อง พิมพ์ \"แจ้งเรื่องร้องเรียน\" หรือเลือกหัวข้อ",
               'There is nothing waiting to be confirmed. To file a complaint type "file a complaint", or pick a topic.')  # fmt: skip
    return _menu(lang, head)


def _menu(lang: Lang, head: str) -> Reply:
    from chatbot.engine import Reply

    return Reply("out_of_scope", f"{head}\n{menu_text(lang)}", (), {}, 1.0, (), {"menu": True, "lang": lang}, lang,
                 clarify=True)  # fmt: skip
