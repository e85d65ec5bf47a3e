"""Filing a complaint in conversation: category -> place -> description -> contact -> confirm -> write.

The conversation state is a plain JSON-able dict the page keeps between messages (the caller
never needs to read it). Contact details stay in that state and in the complaint's personal
columns only; no reply repeats them. Phone and ID numbers typed into the description or place
are removed from them, since those columns are public.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from chatbot import slots
from chatbot.answers import say
from chatbot.text import Lang, clean, tokens
from data_sources import frames
from data_sources.adapters.complaints import CATEGORIES, COMPLAINTS
from data_sources.city import profile
from data_sources.errors import DataSourceError
from data_sources.personal_numbers import first_phone, mask_personal_numbers

FLOW = "complaint"
UNKNOWN_COMMUNITY = "ไม่ระบุ"
MIN_DESCRIPTION = 5
FIRST_MESSAGE_DETAIL = 20  # letters of detail that make a first message the description
# Words that ask to file rather than describe: "อยากแจ้งว่า..." carries no detail by itself.
_REQUEST_WORDS = frozenset(
    {"อยาก", "แจ้ง", "ร้องเรียน", "เรื่อง", "ขอ", "ว่า", "ที่", "ชุมชน", "ให้", "มา", "ช่วย", "ด้วย", "หน่อย", "การ",
     "i", "want", "to", "would", "like", "report", "file", "make", "a", "an", "the", "complaint", "about", "at", "in", "please"}
)  # fmt: skip
Writer = Callable[[pd.DataFrame], None]
TicketMaker = Callable[[datetime], str]

_CANCEL = frozenset({"ยกเลิก", "ไม่แจ้งแล้ว", "เลิก", "หยุด", "ไม่เอาแล้ว", "cancel", "stop", "quit", "nevermind"})
_YES = frozenset({"ยืนยัน", "ใช่", "ตกลง", "ok", "ส่ง", "ส่งเลย", "ได้", "yes", "y", "confirm", "submit", "sure"})
_NO = frozenset({"ไม่", "ไม่ส่ง", "ไม่ใช่", "no", "n"})
_SKIP = frozenset({"ข้าม", "ไม่", "ไม่ต้อง", "ไม่ระบุ", "ไม่ให้", "-", "skip", "no", "none", "n"})


@dataclass(frozen=True)
class FlowReply:
    answer: str
    state: dict[str, Any] | None  # None once the conversation is over
    suggestions: tuple[str, ...] = ()
    ticket: str | None = None  # set when the complaint was written


def is_active(state: dict[str, Any] | None) -> bool:
    return bool(state) and state.get("flow") == FLOW


def _said(text: str) -> str:
    return clean(text).replace(" ", "").strip(".!?")


def scrub(text: str) -> str:
    """`text` without phone or national ID numbers (they belong in the personal columns only)."""
    return mask_personal_numbers(text, mask="[…]").strip()


def start(text: str, lang: Lang) -> FlowReply:
    """Open the conversation, keeping what the first message already told (category, community)."""
    draft: dict[str, Any] = {}
    category = slots.category(text)
    community = slots.community(text)
    if category and category != "other":
        draft["category"] = category
    if community:
        draft["community"], draft["place"] = community, community
    # "the road outside the pharmacy has a hole a metre wide" is already the description;
    # "report a broken street light at Saphrang" is not, so details are asked for.
    detail = "".join(word for word in tokens(text) if word not in _REQUEST_WORDS)
    detail = detail.replace((community or "").replace(" ", ""), "")
    if category and len(detail) >= FIRST_MESSAGE_DETAIL:
        draft["description"] = scrub(text)[:1000]
    reply = _next_question({"flow": FLOW, "lang": lang, "draft": draft}, lang)
    if "description" in draft:  # say what was understood, so a second description is not typed as a name
        noted = say(lang, f"รับทราบรายละเอียด: {draft['description']}", f"Noted: {draft['description']}")
        return FlowReply(f"{noted}\n{reply.answer}", reply.state, reply.suggestions)
    return reply


def advance(
    state: dict[str, Any], text: str, lang: Lang, *, write: Writer, new_ticket: TicketMaker, now: datetime
) -> FlowReply:
    """One step of the conversation; "ยกเลิก"/"cancel" ends it at any step."""
    if _said(text) in _CANCEL:
        return FlowReply(say(lang, "ยกเลิกการแจ้งเรื่องแล้วค่ะ", "The complaint was cancelled."), None)
    state = {**state, "lang": lang, "draft": dict(state.get("draft", {}))}
    step = state.get("step")
    if step == "confirm":
        return _confirm(state, text, lang, write, new_ticket, now)
    problem = _take_answer(state, step, text)
    return _next_question(state, lang, problem)


def _take_answer(state: dict[str, Any], step: str | None, text: str) -> str | None:
    """Store the answer to `step` in the draft; returns a problem key when it cannot be used."""
    draft = state["draft"]
    if step == "category":
        category = _category_choice(text)
        if category is None:
            return "category"
        draft["category"] = category
    elif step == "place":
        draft["place"] = scrub(text)[:200]
        draft["community"] = slots.community(text) or UNKNOWN_COMMUNITY
    elif step == "description":
        if len(text.strip()) < MIN_DESCRIPTION:
            return "description"
        draft["description"] = scrub(text)[:1000]
    elif step == "contact":
        state["contact_asked"] = True
        if _said(text) not in _SKIP:
            draft["contact_phone"] = first_phone(clean(text))
            name = mask_personal_numbers(text, mask="").strip(" ,:-")
            draft["contact_name"] = name[:200] or None
    return None


def _category_choice(text: str) -> str | None:
    chosen = _said(text)
    options = CATEGORIES.options
    if chosen.isdigit() and 1 <= int(chosen) <= len(options):
        return options[int(chosen) - 1].key
    return slots.category(text)


def _next_question(state: dict[str, Any], lang: Lang, problem: str | None = None) -> FlowReply:
    draft = state["draft"]
    for step, missing in (
        ("category", "category" not in draft),
        ("place", "community" not in draft),
        ("description", "description" not in draft),
        ("contact", not state.get("contact_asked")),
    ):
        if missing:
            state["step"] = step
            return FlowReply(_question(step, lang, problem == step), state, _choices(step, lang))
    state["step"] = "confirm"
    return FlowReply(_summary(draft, lang), state, (say(lang, "ยืนยัน", "confirm"), say(lang, "ยกเลิก", "cancel")))


def _question(step: str, lang: Lang, again: bool) -> str:
    retry = say(lang, "ขออภัย ยังไม่เข้าใจคำตอบ ", "Sorry, I didn't catch that. ") if again else ""
    if step == "category":
        listing = "\n".join(
            f"{i}. {say(lang, o.label_th, o.label_en)}" for i, o in enumerate(CATEGORIES.options, start=1)
        )
        return retry + say(
            lang,
            f'แจ้งเรื่องร้องเรียน (พิมพ์ "ยกเลิก" เพื่อหยุดได้ทุกเมื่อ)\nเป็นเรื่องประเภทใด? พิมพ์หมายเลขหรือชื่อประเภท\n{listing}',
            f'Filing a complaint (type "cancel" to stop at any time).\nWhat kind of problem is it? Type a number or the kind.\n{listing}',
        )
    questions = {
        "place": ("เกิดที่ชุมชนหรือสถานที่ใด? (เช่น ชุมชนเมืองทอง, หน้าตลาดเก่า ถนนสิโรรส)",
                  "Where is it: which community or place? (e.g. Mueang Thong community, Sirorot Road by Talat Kao)"),
        "description": ("เล่ารายละเอียดของปัญหาสั้น ๆ (เช่น หลุมลึกประมาณ 30 ซม. หน้าร้านขายยา)",
                        "Describe the problem briefly (e.g. a hole about 30 cm deep outside the pharmacy)."),
        "contact": ("ต้องการให้เจ้าหน้าที่ติดต่อกลับไหม? พิมพ์ชื่อและเบอร์โทร (เห็นเฉพาะเจ้าหน้าที่) หรือพิมพ์ \"ข้าม\"",
                    "Would you like staff to contact you? Type your name and phone number (seen by staff only), or \"skip\"."),
    }  # fmt: skip
    return retry + say(lang, *questions[step])


def _choices(step: str, lang: Lang) -> tuple[str, ...]:
    if step == "category":
        return tuple(say(lang, o.label_th, o.label_en) for o in CATEGORIES.options[:4])
    if step == "contact":
        return (say(lang, "ข้าม", "skip"),)
    return ()


def _summary(draft: dict[str, Any], lang: Lang) -> str:
    option = next((o for o in CATEGORIES.options if o.key == draft["category"]), None)
    category = say(lang, option.label_th, option.label_en) if option else draft["category"]
    contact = draft.get("contact_phone") or draft.get("contact_name")
    place = draft.get("place", draft["community"])
    if draft["community"] not in (UNKNOWN_COMMUNITY, place):
        place = f"{place} ({say(lang, 'ชุมชน' + draft['community'], _english_name(draft['community']) + ' community')})"
    lines = [
        say(lang, "ตรวจสอบก่อนส่งเรื่อง:", "Please check before sending:"),
        say(lang, f"- ประเภท: {category}", f"- Kind: {category}"),
        say(lang, f"- สถานที่: {place}", f"- Place: {place}"),
        say(lang, f"- รายละเอียด: {draft['description']}", f"- Details: {draft['description']}"),
        say(lang, "- ข้อมูลติดต่อ: " + ("ให้ไว้แล้ว (เห็นเฉพาะเจ้าหน้าที่)" if contact else "ไม่ระบุ"),
            "- Contact: " + ("given (staff only)" if contact else "none")),
        say(lang, "ยืนยันส่งเรื่องไหม? พิมพ์ \"ยืนยัน\" หรือ \"ยกเลิก\"", "Send it? Type \"confirm\" or \"cancel\"."),
    ]  # fmt: skip
    return "\n".join(lines)


def _english_name(community: str) -> str:
    return next((c["name_en"] for c in profile()["communities"] if c["name_th"] == community), community)


def _confirm(
    state: dict[str, Any], text: str, lang: Lang, write: Writer, new_ticket: TicketMaker, now: datetime
) -> FlowReply:
    said = _said(text)
    if said in _NO:
        return FlowReply(say(lang, "ยกเลิกการแจ้งเรื่องแล้วค่ะ", "The complaint was cancelled."), None)
    if said not in _YES:
        return FlowReply(
            _summary(state["draft"], lang), state, (say(lang, "ยืนยัน", "confirm"), say(lang, "ยกเลิก", "cancel"))
        )
    try:
        ticket = new_ticket(now)
        write(complaint_row(state["draft"], ticket, now))
    except (DataSourceError, SQLAlchemyError):
        failed = say(
            lang,
            'ขออภัย ระบบบันทึกเรื่องไม่สำเร็จในขณะนี้ พิมพ์ "ยืนยัน" เพื่อลองอีกครั้ง หรือติดต่อเทศบาลโดยตรง',
            'Sorry, the complaint could not be saved just now. Type "confirm" to try again, or contact the municipality.',
        )
        return FlowReply(failed, state, (say(lang, "ยืนยัน", "confirm"), say(lang, "ยกเลิก", "cancel")))
    text = say(
        lang,
        f'ส่งเรื่องเรียบร้อยแล้ว เลขที่เรื่อง {ticket}\nเก็บเลขนี้ไว้ติดตามสถานะ: พิมพ์ "สถานะ {ticket}"\nเจ้าหน้าที่จะตรวจสอบและดำเนินการตามลำดับ',
        f'Your complaint was sent. Ticket number {ticket}\nKeep it to follow up: type "status {ticket}"\nStaff will review it and act in turn.',
    )
    return FlowReply(text, None, ticket=ticket)


def complaint_row(draft: dict[str, Any], ticket: str, now: datetime) -> pd.DataFrame:
    """The complaints row for a confirmed draft, typed as the store expects."""
    description = draft["description"]
    place = draft.get("place")
    if place and place.replace("ชุมชน", "").strip() != draft["community"] and place not in description:
        description = f"{description} (สถานที่: {place})"
    row = {
        "ticket_id": ticket, "received_at": pd.Timestamp(now).floor("s"), "resolved_at": pd.NaT,
        "category": draft["category"], "community": draft["community"], "channel": "chatbot", "status": "received",
        "description": description[:1000], "complainant_name": draft.get("contact_name"),
        "complainant_phone": draft.get("contact_phone"),
    }  # fmt: skip
    return frames.coerce(pd.DataFrame([row]), COMPLAINTS)
