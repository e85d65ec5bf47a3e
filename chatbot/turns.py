"""One turn of the conversation: which of the engine's paths answers a message, in order.

1. Too long: refused plainly (a complaint's description is kept up to MAX_MESSAGE).
2. Malay: answered in Malay (river, floods, emergencies) or with what the bot can do.
3. An emergency: its numbers first; if a complaint was being filed, it goes on afterwards.
4. A complaint being filed: a question asked instead of an answer is answered and the filing
   resumes; anything else goes to the filing flow.
5. A hazard to fix: the number, and a complaint offered (a "yes" files it).
6. An offer, a menu number or an awaited detail (ticket, community); then the rules and the model.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from chatbot import complaint_flow, figure_answers, filing_words, follow_ups, handlers, malay, slots, status_answers
from chatbot.answers import say
from chatbot.emergency import Danger, classify
from chatbot.emergency_answers import calls_for, emergency_answer
from chatbot.emergency_words import DESCRIBES, QUIET_WHILE_FILING
from chatbot.intents import Prediction
from chatbot.knowledge import menu_text, suggestions_for, topics
from chatbot.text import Lang, clean, detect_language
from data_sources.errors import DataSourceError
from data_sources.tickets import rules

if TYPE_CHECKING:
    from chatbot.engine import Chatbot, Reply

# Intents close to a complaint's category: a question about them mid-filing is part of the filing.
RELATED_INTENTS: dict[str, tuple[str, ...]] = {
    "waste": ("waste_collection",), "public_health": ("health_services",), "drainage": ("water_level",),
}  # fmt: skip
_NOT_SIDE_QUESTIONS = ("complaint_new", "out_of_scope", "greeting", "thanks_goodbye")
SIDE_CONFIDENCE = 0.5
# Questions about the filing itself (answered by the filing's own help, never taken as an answer).
ABOUT_THE_FILING = ("ต้องบอก", "ต้องใส่", "ต้องให้", "ต้องแจ้ง", "จำเป็นไหม", "จำเป็นต้อง", "บ้านเลขที่", "ไม่รู้ชื่อ",
                    "ไม่ทราบชื่อ", "ต้องรอ", "นานไหม", "กี่วัน", "ใครเห็น", "เปิดเผย", "need to", "do i have to",
                    "must i", "required", "house number", "how long", "who can see", "private")  # fmt: skip


@dataclass(frozen=True)
class Turn:
    bot: Chatbot
    text: str
    state: dict[str, Any] | None
    photos: tuple[bytes, ...]
    location: tuple[float, float] | None
    channel: str
    contact_address: str | None
    now: datetime


# Latin words Thai speakers type too: they keep the conversation's language ("ok" after a Thai answer).
_EITHER_LANGUAGE = frozenset({"ok", "okay", "oke", "okey", "k", "kk", "yes", "no", "yep", "nope", "thx", "tks"})


def language(turn: Turn, hint: Lang | None) -> str:
    if turn.text and malay.is_malay(turn.text):
        return "ms"
    kept = (turn.state or {}).get("lang")
    if kept and clean(turn.text).strip(" .!?~") in _EITHER_LANGUAGE:
        return hint or kept
    return hint or detect_language(turn.text) or kept or turn.bot.lang_default


def answer(turn: Turn, hint: Lang | None) -> Reply:
    from chatbot.engine import MAX_MESSAGE

    lang = language(turn, hint)
    if len(turn.text) > MAX_MESSAGE:
        return _too_long(turn, "th" if lang == "th" else "en", len(turn.text), MAX_MESSAGE)
    if lang == "ms":
        return _malay(turn)
    lang_: Lang = "th" if lang == "th" else "en"
    danger = classify(turn.text) if turn.text else None
    filing = complaint_flow.is_active(turn.state)
    if danger is not None and not danger.near:
        return _emergency(turn, danger, lang_, filing)
    if filing:
        return _filing(turn, lang_, danger)
    if danger is not None:
        return _hazard(turn, danger, lang_)
    return _route(turn, lang_)


def _too_long(turn: Turn, lang: Lang, length: int, limit: int) -> Reply:
    from chatbot.engine import Reply

    text = say(lang, f"ข้อความยาวเกินไป ({length:,} ตัวอักษร) ระบบรับได้ไม่เกิน {limit:,} ตัวอักษรต่อข้อความ กรุณาย่อหรือแบ่งส่งเป็นหลายข้อความ",
               f"That message is too long ({length:,} characters); the limit is {limit:,} per message. Please shorten it or send it in parts.")  # fmt: skip
    return Reply("out_of_scope", text, (), {}, 1.0, (), turn.state, lang)


def _malay(turn: Turn) -> Reply:
    from chatbot.engine import Reply

    danger = classify(turn.text)
    if danger is not None and not danger.near:
        calls = calls_for(danger.kind)
        text, sources = malay.emergency_answer(danger), ()
        if danger.kind == "flood":
            river = malay.river_answer(turn.bot.frame("water_level"), turn.bot.frame("facilities"), turn.now)
            text, sources = f"{text}\n\n{river}", ("water_level", "facilities")
        return Reply("emergency", text, sources, {"emergency": danger.kind}, lang="ms", state=turn.state, calls=calls)
    if malay.wants_river(turn.text):
        text = malay.river_answer(turn.bot.frame("water_level"), turn.bot.frame("facilities"), turn.now)
        return Reply("water_level", text, ("water_level", "facilities"), {}, lang="ms")
    kind = malay.greeting_or_thanks(turn.text)
    intent = {"greeting": "greeting", "thanks": "thanks_goodbye"}.get(kind or "", "out_of_scope")
    return Reply(intent, malay.reply_text(kind or "capabilities"), (), {}, lang="ms")


def _origin(turn: Turn) -> tuple[float, float] | None:
    if turn.location:
        return turn.location
    draft_point = ((turn.state or {}).get("draft") or {}).get("latitude")
    if draft_point is not None:
        draft = turn.state["draft"]  # type: ignore[index]
        return float(draft["latitude"]), float(draft["longitude"])
    return handlers.community_point(turn.text)


def _emergency(turn: Turn, danger: Danger, lang: Lang, filing: bool) -> Reply:
    from chatbot.engine import Reply

    found = emergency_answer(danger, lang, turn.now, water=turn.bot.frame("water_level"),
                             facilities=turn.bot.frame("facilities"), origin=_origin(turn))  # fmt: skip
    reply = Reply("emergency", found.text, found.sources, dict(found.slots), 1.0, (), turn.state, lang, found.as_of,
                  calls=found.calls, places=found.places)  # fmt: skip
    if filing and not _describes_the_filing(turn.state or {}, danger):  # another matter: numbers, the question again
        resume = say(lang, "กลับมาที่การแจ้งเรื่อง (ถ้าปลอดภัยแล้ว): ", "Back to your complaint (once you are safe): ")
        return replace(reply, answer=f"{reply.answer}\n\n{resume}{complaint_flow.current_question(turn.state, lang)}")
    if filing:  # the numbers first, then the description ("ต้นไม้ล้มทับรถ" while filing a tree is still one)
        step = _advance(turn, lang)
        return replace(reply, answer=f"{reply.answer}\n\n{step.answer}", state=step.state, suggestions=step.suggestions,
                       ticket_access=step.ticket_access)  # fmt: skip
    if found.offer_category:
        return _offer(reply, turn, found.offer_category, lang)
    if danger.kind == "flood":  # the shelters' list asks for a community: the next message may name one
        return replace(reply, state={"after": "water_level", "lang": lang})
    return reply


def _describes_the_filing(state: dict[str, Any], danger: Danger) -> bool:
    category = (state.get("draft") or {}).get("category")
    return state.get("step") == "description" and category in DESCRIBES.get(danger.kind, ())


_ASKS_NUMBER = (
    "เบอร์",
    "โทรแจ้ง",
    "โทรหา",
    "what number",
    "which number",
    "phone number",
    "who do i call",
    "who to call",
)
_ASKS_TO_FILE = ("แจ้ง", "ร้องเรียน", "ขอให้มา", "อยากให้มา", "ช่วยมา", "report", "complain", "please fix", "come and fix")


def _hazard(turn: Turn, danger: Danger, lang: Lang) -> Reply:
    from chatbot.engine import Reply

    found = emergency_answer(danger, lang, turn.now)
    asks_number = handlers.has_any(turn.text, _ASKS_NUMBER)
    if handlers.has_any(turn.text, _ASKS_TO_FILE) and not asks_number:  # asked to file: the number, then the filing
        filing = _start_filing(turn, turn.text, lang, category=danger.category)
        return replace(filing, answer=f"{found.text}\n\n{filing.answer}", calls=found.calls,
                       slots={**filing.slots, "hazard": danger.kind})  # fmt: skip
    reply = Reply("complaint_new", found.text, (), {"hazard": danger.kind, "category": danger.category}, 1.0, (), None,
                  lang, calls=found.calls)  # fmt: skip
    return _offer(reply, turn, danger.category or "other", lang)


def _offer(reply: Reply, turn: Turn, category: str, lang: Lang) -> Reply:
    """Numbers given; now offer to file the complaint (a "yes" next starts it with this message)."""
    if turn.bot.desk(channel=turn.channel, contact_address=turn.contact_address) is None:
        return reply
    offer = say(
        lang,
        'ต้องการแจ้งเรื่องนี้ให้เทศบาลแก้ไขไหม? ตอบ "แจ้งเลย" แล้วจะถามสถานที่ต่อ',
        'Would you like the municipality to fix this? Reply "report it" and I will ask where.',
    )
    state = {"offer": {"category": category, "description": filing_words.scrub(turn.text)[:2000]}, "lang": lang}
    return replace(reply, answer=f"{reply.answer}\n\n{offer}", state=state,
                   suggestions=(say(lang, "แจ้งเลย", "report it"), say(lang, "ไม่ต้อง", "no thanks")))  # fmt: skip


def _accepts_offer(text: str) -> bool:
    return filing_words.said(text) == "yes" or any(
        w in clean(text).replace(" ", "") for w in ("แจ้งเลย", "แจ้งเรื่อง", "reportit", "report", "ร้องเรียน")
    )


def _before_the_model(turn: Turn, lang: Lang) -> Reply | None:
    """An accepted offer, a photo or a location alone, or a long message: decided without asking the model."""
    from chatbot.engine import MAX_QUESTION

    state = turn.state or {}
    text = turn.text
    offer = state.get("offer")
    if offer and (_accepts_offer(text) or slots.community(text) or filing_words.coordinates(text)):
        place = "" if _accepts_offer(text) and not slots.community(text) else text
        return _start_filing(turn, f"{offer['description']} {place}".strip(), lang, category=offer["category"])
    followed = follow_ups.follow_up(turn, lang)  # "ชุมชนธนวิถี" after the shelters, "ไม่รู้เลขที่", ...
    if followed is not None:
        return followed
    if turn.photos or (turn.location and not text):
        return _start_filing(turn, text, lang)
    if len(text) > MAX_QUESTION:
        if turn.bot.model.classify(text[:MAX_QUESTION]).intent != "complaint_new":
            return _too_long(turn, lang, len(text), MAX_QUESTION)
        return _start_filing(turn, text, lang)
    return None


def _route(turn: Turn, lang: Lang) -> Reply:
    early = _before_the_model(turn, lang)
    if early is not None:
        return early
    state = turn.state or {}
    text = turn.text
    if state.get("awaiting") == "community" and slots.community(text):
        text = f"{text} ขยะ"
    text = _menu_choice(text, lang, state)
    if slots.is_bare_ticket(text) or (state.get("awaiting") == "ticket" and slots.ticket(text)):
        return status_answers.status_reply(turn, text, lang, Prediction("complaint_status", 1.0, (), by_rule=True))
    ruled = handlers.rule_intent(text) or _asks_to_report(text)
    prediction = Prediction(ruled, 1.0, (), by_rule=True) if ruled else turn.bot.model.classify(text)
    if prediction.clarify and not handlers.has_any(text, handlers.DENGUE_WORDS):
        return _clarify(lang, prediction)
    if prediction.intent == "complaint_new":
        asked = _figure_not_filing(text, prediction)
        if asked is not None:  # "how long does it take to fix a complaint": a question, not a filing
            return handlers.figure_reply(turn, text, lang, prediction, asked)
        return _start_filing(turn, text, lang)
    if prediction.intent == "emergency":  # asked for the numbers, or danger the rules did not name
        return _emergency(turn, Danger("general"), lang, False)
    reply = handlers.handle(turn, text, lang, prediction)
    return reply if reply.state is not None else replace(reply, state=follow_ups.remember(reply, lang))


_REPORT_START = ("แจ้ง", "ร้องเรียน", "report", "complain about", "complaint about")


def _asks_to_report(text: str) -> str | None:
    """ "แจ้งขยะ", "report garbage": a report of a kind of problem we file, not a question about it."""
    starts = clean(text).strip().startswith(_REPORT_START)
    return "complaint_new" if starts and slots.category(text) is not None else None


def _figure_not_filing(text: str, prediction: Prediction) -> str | None:
    """The KPI a message the model took for a new complaint really asks the figure of: it names no
    kind of problem and does not start as a report ("มีคนร้องเรียนเยอะไหม", "how long does it take
    to fix a complaint"); "ร้องเรียนถนนพังกี่ครั้งแล้ว" stays a filing."""
    if prediction.by_rule or slots.category(text) is not None or clean(text).strip().startswith(_REPORT_START):
        return None
    return figure_answers.figure_asked(text)


def _menu_choice(text: str, lang: Lang, state: dict[str, Any]) -> str:
    """After the menu was shown, a bare number stands for that topic's question."""
    number = clean(text).strip(" .")
    if state.get("menu") and number.isdigit() and 1 <= int(number) <= len(topics()):
        return topics()[int(number) - 1].ask(lang)
    return text


def _clarify(lang: Lang, prediction: Prediction) -> Reply:
    from chatbot.engine import Reply

    head = say(
        lang,
        "ขออภัย ยังไม่แน่ใจว่าหมายถึงเรื่องใด เลือกหัวข้อ หรือพิมพ์ถามใหม่อีกครั้ง",
        "Sorry, I'm not sure what you mean. Pick a topic or ask again.",
    )
    guessed = [t.ask(lang) for intent, _ in prediction.ranked[:2] for t in topics() if t.intent == intent]
    return Reply("out_of_scope", f"{head}\n{menu_text(lang)}", (), {}, prediction.confidence, tuple(guessed),
                 {"menu": True, "lang": lang}, lang, clarify=True)  # fmt: skip


# ----------------------------------------------------------------- filing


def _staged(turn: Turn, desk: Any) -> list[int]:
    ids = []
    for photo in turn.photos:
        try:
            ids.append(desk.stage_photo(photo))
        except (DataSourceError, SQLAlchemyError):
            continue  # a refused photo is reported by the reply below, the filing goes on
    return ids


def _unavailable(lang: Lang, text: str) -> Reply:
    from chatbot.engine import Reply

    unavailable = say(lang, "ขณะนี้ยังรับเรื่องร้องเรียนผ่านแชตไม่ได้ (ระบบไม่ได้เชื่อมต่อฐานข้อมูล) โปรดติดต่อเทศบาลโดยตรง",
                      "Complaints can't be filed through the chat right now (no database connected). Please contact the municipality.")  # fmt: skip
    return Reply(
        "complaint_new",
        unavailable,
        (),
        slots.extract(text, "complaint_new"),
        1.0,
        suggestions_for("complaint_new", lang),
        None,
        lang,
    )


def _start_filing(turn: Turn, text: str, lang: Lang, *, category: str | None = None) -> Reply:
    from chatbot.engine import Reply

    desk = turn.bot.desk(channel=turn.channel, contact_address=turn.contact_address)
    if desk is None:
        return _unavailable(lang, text)
    photo_ids = _staged(turn, desk)
    step = complaint_flow.start(text, lang, channel=turn.channel, contact_known=turn.contact_address is not None,
                                category=category, location=turn.location, photo_ids=photo_ids, desk=desk)  # fmt: skip
    refused = _photo_note(turn, photo_ids, lang)
    return Reply("complaint_new", refused + step.answer, (), slots.extract(text, "complaint_new"), 1.0, step.suggestions,
                 step.state, lang)  # fmt: skip


def _photo_note(turn: Turn, photo_ids: list[int], lang: Lang) -> str:
    if len(photo_ids) < len(turn.photos):
        return say(lang, "รูปบางรูปรับไม่ได้ (รับเฉพาะไฟล์รูป JPEG/PNG/WEBP/HEIC ไม่เกิน 8 MB)\n",
                   "Some photos could not be taken (JPEG/PNG/WEBP/HEIC up to 8 MB only).\n")  # fmt: skip
    return ""


def _advance(turn: Turn, lang: Lang) -> Reply:
    from chatbot.engine import Reply

    desk = turn.bot.desk(channel=turn.channel, contact_address=turn.contact_address)
    if desk is None:
        return _unavailable(lang, turn.text)
    photo_ids = _staged(turn, desk)
    step = complaint_flow.advance(
        turn.state or {}, turn.text, lang, desk=desk, photo_ids=photo_ids, location=turn.location
    )
    filed = step.filed
    found = {"ticket": filed.ticket_id} if filed else {}
    access = (filed.ticket_id, filed.access_key) if filed else None
    return Reply("complaint_new", _photo_note(turn, photo_ids, lang) + step.answer, ("complaints",) if filed else (),
                 found, 1.0, step.suggestions, step.state, lang, ticket_access=access)  # fmt: skip


def _filing(turn: Turn, lang: Lang, danger: Danger | None) -> Reply:
    side = _side_question(turn, lang)
    if side is not None:
        return side
    step = _advance(turn, lang)
    filing_category = ((turn.state or {}).get("draft") or {}).get("category")
    if danger is not None and QUIET_WHILE_FILING.get(danger.kind, "") == filing_category:
        return step  # "ไฟดับ 2 ต้น" while filing street lights describes them; no power-cut number
    if danger is not None:  # a hazard mentioned mid-filing: its number, then the filing as it goes
        found = emergency_answer(danger, lang, turn.now)
        return replace(step, answer=f"{found.text}\n\n{step.answer}", calls=found.calls)
    return step


def _filing_help(step: str | None, category: str | None, lang: Lang) -> str:
    """What people ask about the filing itself while it goes on."""
    if step == "place":
        return say(lang, "ไม่ต้องมีบ้านเลขที่ก็ได้ค่ะ บอกชื่อชุมชน ถนน ซอย หรือจุดสังเกตใกล้ ๆ หรือส่งตำแหน่งมา",
                   "No house number needed: a community, road, soi or nearby landmark is enough, or send a location.")  # fmt: skip
    if step == "contact":
        return say(lang, "เบอร์โทรเห็นเฉพาะเจ้าหน้าที่ ใช้ติดต่อกลับเรื่องนี้เท่านั้น ไม่ให้ก็ได้",
                   "Your number is seen by staff only, to call you about this complaint; it is optional.")  # fmt: skip
    if step == "duplicate":
        return say(lang, "ร่วมติดตาม = ไม่เปิดเรื่องใหม่ แต่เพิ่มข้อมูลของคุณในเรื่องเดิมและได้รับแจ้งความคืบหน้า",
                   "Joining adds what you said to the open complaint and keeps you posted, instead of a new ticket.")  # fmt: skip
    if category:
        days = rules.SERVICE_DAYS.get(category, rules.DEFAULT_SERVICE_DAYS)
        return say(lang, f"เรื่องประเภทนี้ปกติดำเนินการภายใน {days} วัน และติดตามสถานะได้ด้วยเลขที่เรื่องหลังส่ง",
                   f"This kind of complaint is usually handled within {days} days; you can follow it with its number once sent.")  # fmt: skip
    return say(lang, "ขออภัย ตอบคำถามนี้ไม่ได้ระหว่างแจ้งเรื่อง", "Sorry, I can't answer that while we file this.")


def _side_question(turn: Turn, lang: Lang) -> Reply | None:
    """A question asked instead of the awaited answer: answered, then the filing's question again."""
    state = turn.state or {}
    text = turn.text
    step = state.get("step")
    if not text or filing_words.said(text) is not None or filing_words.edit_request(text) is not None:
        return None
    if (
        step == "place"
        and (slots.community(text) or filing_words.coordinates(text))
        and not filing_words.looks_like_question(text)
    ):
        return None
    if not filing_words.looks_like_question(text):
        return None
    if handlers.has_any(text, ABOUT_THE_FILING):
        return _resume(
            state, _filing_help(step, (state.get("draft") or {}).get("category"), lang), "complaint_new", 1.0, lang
        )
    prediction = turn.bot.model.classify(text)
    related = RELATED_INTENTS.get((state.get("draft") or {}).get("category", ""), ())
    unrelated = not prediction.clarify and prediction.intent not in (*_NOT_SIDE_QUESTIONS, *related)
    if step == "description" and (not unrelated or prediction.confidence < 0.6):
        return None
    if step == "category" and not unrelated:
        return None
    if unrelated and prediction.confidence >= SIDE_CONFIDENCE and prediction.intent != "complaint_status":
        body = handlers.handle(turn, text, lang, prediction).answer
    else:
        body = _filing_help(step, (state.get("draft") or {}).get("category"), lang)
    return _resume(state, body, prediction.intent if unrelated else "complaint_new", prediction.confidence, lang)


def _resume(state: dict[str, Any], body: str, intent: str, confidence: float, lang: Lang) -> Reply:
    from chatbot.engine import Reply

    resume = say(lang, "กลับมาที่การแจ้งเรื่อง: ", "Back to your complaint: ") + complaint_flow.current_question(state, lang)
    return Reply(intent, f"{body}\n\n{resume}", (), {}, confidence, (), state, lang)
