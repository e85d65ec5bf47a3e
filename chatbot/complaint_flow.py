"""Filing a complaint in conversation: category → place → description → (a likely duplicate to
join) → contact → confirm → filed through the complaint lifecycle (data_sources.tickets).

The conversation state is a plain JSON-able dict the caller keeps between messages (web: the
session; LINE: a row per user) and never shows: it holds the draft, the contact details and the
ids of photos staged so far. Any field can be changed before confirming ("แก้ไข 2",
"แก้สถานที่เป็น ..."); "ยกเลิก"/"cancel" ends it at any step. Phone and ID numbers typed into the
description or place are removed from them; contact details go only to the personal columns.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from chatbot import filing_texts, filing_words, slots
from chatbot.answers import say
from chatbot.text import Lang, clean, tokens
from data_sources.adapters.complaints import CATEGORIES
from data_sources.errors import DataSourceError
from data_sources.tickets import Filed, NewComplaint, Similar

FLOW = "complaint"
MIN_DESCRIPTION = 5
FIRST_MESSAGE_DETAIL = 20  # letters of detail that make a first message the description
MAX_DESCRIPTION = 5000
# Words that ask to file rather than describe: "อยากแจ้งว่า..." carries no detail by itself.
_REQUEST_WORDS = frozenset(
    {"อยาก", "แจ้ง", "ร้องเรียน", "เรื่อง", "ขอ", "ว่า", "ที่", "ชุมชน", "ให้", "มา", "ช่วย", "ด้วย", "หน่อย", "การ",
     "i", "want", "to", "would", "like", "report", "file", "make", "a", "an", "the", "complaint", "about", "at", "in", "please"}
)  # fmt: skip
_UNKNOWN_PLACE = ("ไม่รู้", "ไม่ทราบ", "ไม่แน่ใจ", "don't know", "dont know", "not sure", "tak tahu")
_JOIN = ("ร่วม", "ติดตาม", "join", "follow", "same", "เรื่องเดียวกัน", "อันเดียวกัน")
_NEW = ("แจ้งใหม่", "ใหม่", "new", "another", "different", "ไม่ใช่เรื่องเดียวกัน", "คนละเรื่อง")


class Desk(Protocol):
    """What the flow needs from the complaint lifecycle (chatbot.desk.StoreDesk on the real store)."""

    def similar(self, draft: dict[str, Any]) -> list[Similar]: ...
    def file(self, complaint: NewComplaint) -> Filed: ...
    def join(self, ticket_id: str, text: str, photo_ids: Sequence[int], submission_key: str) -> Filed: ...


@dataclass(frozen=True)
class FlowReply:
    answer: str
    state: dict[str, Any] | None  # None once the conversation is over
    suggestions: tuple[str, ...] = ()
    filed: Filed | None = None  # set when the complaint was filed (or joined)


def is_active(state: dict[str, Any] | None) -> bool:
    return bool(state) and state.get("flow") == FLOW


def current_question(state: dict[str, Any], lang: Lang) -> str:
    """The question the flow is waiting on (to repeat after answering something else)."""
    step = state.get("step", "category")
    if step == "confirm":
        return filing_texts.summary(
            state["draft"], len(state.get("photo_ids", [])), lang, contact_known=bool(state.get("contact_known"))
        )
    if step == "duplicate":
        return say(
            lang, 'พิมพ์ "ร่วม" เพื่อร่วมติดตามเรื่องเดิม หรือ "แจ้งใหม่"', 'Type "join" to follow the open complaint, or "new".'
        )
    return filing_texts.question(step, lang)


def start(
    text: str, lang: Lang, *, channel: str = "chatbot", contact_known: bool = False, category: str | None = None,
    location: tuple[float, float] | None = None, photo_ids: Sequence[int] = (), desk: Desk | None = None,
) -> FlowReply:  # fmt: skip
    """Open the conversation, keeping what the first message already told (category, community,
    details, coordinates). `contact_known`: the channel can reach the citizen (LINE), so no
    phone number is asked for."""
    draft: dict[str, Any] = {}
    found = category or slots.category(text)
    if found and found != "other" or category:
        draft["category"] = found
    community = slots.community(text)
    if community:
        draft["community"], draft["place"] = community, community
    point = location or filing_words.coordinates(text)
    if point:
        draft["latitude"], draft["longitude"] = point
    detail = "".join(word for word in tokens(text) if word not in _REQUEST_WORDS)
    detail = detail.replace((community or "").replace(" ", ""), "")
    if draft.get("category") and len(detail) >= FIRST_MESSAGE_DETAIL:
        draft["description"] = filing_words.scrub(text)[:MAX_DESCRIPTION]
    state = {"flow": FLOW, "lang": lang, "draft": draft, "channel": channel, "contact_known": contact_known,
             "photo_ids": list(photo_ids), "submission_key": uuid.uuid4().hex}  # fmt: skip
    reply = _next_question(state, lang, desk)
    if "description" in draft:  # say what was understood, so a second description is not typed as a name
        noted = say(lang, f"รับทราบรายละเอียด: {_short(draft['description'])}", f"Noted: {_short(draft['description'])}")
        return FlowReply(f"{noted}\n{reply.answer}", reply.state, reply.suggestions)
    return reply


def _short(text: str) -> str:
    return text if len(text) <= 200 else text[:200] + "…"


def advance(
    state: dict[str, Any], text: str, lang: Lang, *, desk: Desk, photo_ids: Sequence[int] = (),
    location: tuple[float, float] | None = None,
) -> FlowReply:  # fmt: skip
    """One step: `text` (and any photo or location sent with it) answers the question asked."""
    state = {**state, "lang": lang, "draft": dict(state.get("draft", {})),
             "photo_ids": [*state.get("photo_ids", []), *photo_ids]}  # fmt: skip
    if location:
        state["draft"]["latitude"], state["draft"]["longitude"] = location
    if text.strip() and filing_words.said(text) == "cancel":
        return FlowReply(say(lang, "ยกเลิกการแจ้งเรื่องแล้วค่ะ", "The complaint was cancelled."), None)
    edit = filing_words.edit_request(text) if text.strip() else None
    if edit is not None:
        return _edit(state, edit, lang, desk)
    step = state.get("step")
    corrected = (
        filing_words.place_correction(text, state["draft"].get("community"), any_mention=step == "duplicate")
        if step in ("description", "duplicate", "contact", "confirm")
        else None
    )
    if corrected:  # "ไม่ใช่ ต้องเป็นชุมชนสามัคคี": the place changes, not the description (nor a join elsewhere)
        return _edit(state, ("place", corrected), lang, desk)
    if not text.strip():  # only a photo or a location: keep it and ask on
        return _next_question(state, lang, desk, noted=bool(photo_ids or location))
    if step == "confirm":
        return _confirm(state, text, lang, desk)
    if step == "edit":  # after "แก้ไข": a number or a field's name says which
        return _edit(state, filing_words.edit_request(f"แก้ไข {text}") or (None, None), lang, desk)
    if step == "duplicate":
        return _duplicate_choice(state, text, lang, desk)
    problem = _take_answer(state, step, text, location is not None)
    return _next_question(state, lang, desk, problem=problem)


def _take_answer(state: dict[str, Any], step: str | None, text: str, located: bool) -> str | None:
    """Store the answer to `step` in the draft; returns the step to ask again when it cannot be used."""
    draft = state["draft"]
    if step in ("place", "description") and filing_words.said(text) == "yes":
        return step  # "ใช่ค่ะ" answers nothing that was asked here
    if step == "category":
        _keep_place(draft, text)
        category = _category_choice(text)
        if category is None and any(word in clean(text) for word in _UNKNOWN_PLACE):
            if state.pop("category_asked_again", False):
                category = "other"  # "ไม่รู้" twice: staff sort it out; the filing goes on
            else:
                state["category_asked_again"] = True
        if category is None:
            return "category"
        draft["category"] = category
    elif step == "place":
        return _take_place(state, text, located)
    elif step == "description":
        if len(text.strip()) < MIN_DESCRIPTION:
            return "description"
        draft["description"] = filing_words.scrub(text)[:MAX_DESCRIPTION]
    elif step == "contact":
        return _take_contact(state, text)
    return None


def _keep_place(draft: dict[str, Any], text: str) -> None:
    """A community or coordinates said before they were asked for are kept."""
    community = slots.community(text)
    if community and "community" not in draft:
        draft["community"], draft["place"] = community, filing_words.scrub(text)[:200]
    point = filing_words.coordinates(text)
    if point and draft.get("latitude") is None:
        draft["latitude"], draft["longitude"] = point


def _more_detail(state: dict[str, Any], text: str) -> bool:
    """A statement given where a short answer was awaited adds to the description (and is said so)."""
    if len(text.strip()) < 15 or filing_words.looks_like_question(text) or filing_words.phone(text):
        return False
    draft = state["draft"]
    addition = filing_words.scrub(text)
    draft["description"] = f"{draft.get('description', '')}\n{addition}".strip()[:MAX_DESCRIPTION]
    state["noted_more"] = True
    return True


def _take_place(state: dict[str, Any], text: str, located: bool) -> str | None:
    draft = state["draft"]
    unknown = any(word in clean(text) for word in _UNKNOWN_PLACE) or filing_words.skipped(text)
    if unknown and not located:
        if state.get("place_asked_again"):
            draft["community"] = None
            draft["place"] = None
            return None
        state["place_asked_again"] = True
        return "place_again"
    point = filing_words.coordinates(text)
    if point:
        draft["latitude"], draft["longitude"] = point
    if not point or len(text) > 40:
        draft["place"] = filing_words.without_particles(filing_words.scrub(text))[:200]
    draft["community"] = slots.community(text) or draft.get("community")
    return None


def _take_contact(state: dict[str, Any], text: str) -> str | None:
    draft = state["draft"]
    if filing_words.skipped(text) or filing_words.says_send(text):  # "ยืนยัน" here: no contact, on to the summary
        state["contact_asked"] = True
        return None
    number = filing_words.phone(text)
    if number is None:
        return "more" if _more_detail(state, text) else "contact"
    name = filing_words.without_numbers(text)
    draft["contact_phone"] = number
    draft["contact_name"] = name[:200] if name and len(name.split()) <= 5 else None
    state["contact_asked"] = True
    return None


def _category_choice(text: str) -> str | None:
    chosen = clean(text).replace(" ", "").strip(".")
    options = CATEGORIES.options
    if chosen.isdigit() and 1 <= int(chosen) <= len(options):
        return options[int(chosen) - 1].key
    return slots.category(text)


def _missing(state: dict[str, Any]) -> str | None:
    draft = state["draft"]
    for step, missing in (
        ("category", "category" not in draft),
        ("place", "community" not in draft and "place" not in draft and draft.get("latitude") is None),
        ("description", "description" not in draft),
        ("duplicate", "duplicates_checked" not in state),
        ("contact", not state.get("contact_asked") and not state.get("contact_known")),
    ):
        if missing:
            return step
    return None


def _next_question(
    state: dict[str, Any], lang: Lang, desk: Desk | None, *, problem: str | None = None, noted: bool = False
) -> FlowReply:
    if problem == "more":  # more detail instead of a phone number: noted, the question stands
        state["step"] = "contact"
        noted = say(lang, "รับทราบรายละเอียดเพิ่มเติมแล้ว ", "Added to the details. ")
        return FlowReply(noted + filing_texts.question("contact", lang), state, _choices("contact", lang))
    if problem is not None:
        state["step"] = "place" if problem == "place_again" else problem
        return FlowReply(
            filing_texts.question(problem, lang, again=problem != "place_again"), state, _choices(problem, lang)
        )
    step = (
        "confirm"
        if state.pop("return_to_confirm", False) and _missing(state) in (None, "duplicate", "contact")
        else _missing(state)
    )
    if step == "duplicate":
        state["duplicates_checked"] = True
        similar = desk.similar(state["draft"]) if desk is not None else []
        if similar:
            state["step"], state["offered"] = "duplicate", [s.ticket_id for s in similar]
            return FlowReply(
                filing_texts.duplicate_offer(similar, lang),
                state,
                (say(lang, "ร่วม", "join"), say(lang, "แจ้งใหม่", "new")),
            )
        step = _missing(state)
    state["step"] = step or "confirm"
    prefix = say(lang, "ได้รับแล้ว ", "Got it. ") if noted else ""
    if state["step"] == "confirm":
        return FlowReply(prefix + current_question(state, lang), state, _confirm_choices(lang))
    return FlowReply(prefix + filing_texts.question(state["step"], lang), state, _choices(state["step"], lang))


def _choices(step: str, lang: Lang) -> tuple[str, ...]:
    if step == "category":
        return tuple(say(lang, o.label_th, o.label_en) for o in CATEGORIES.options[:4])
    if step in ("contact", "place_again"):
        return (say(lang, "ข้าม", "skip"),)
    return ()


def _confirm_choices(lang: Lang) -> tuple[str, ...]:
    return (say(lang, "ยืนยัน", "confirm"), say(lang, "แก้ไขสถานที่", "edit place"),
            say(lang, "แก้ไขรายละเอียด", "edit details"), say(lang, "ยกเลิก", "cancel"))  # fmt: skip


def _edit(state: dict[str, Any], edit: tuple[str | None, str | None], lang: Lang, desk: Desk) -> FlowReply:
    field, value = edit
    if field is None:
        state["step"] = "edit"
        options = say(
            lang,
            "แก้ไขข้อใด? 1 ประเภท · 2 สถานที่ · 3 รายละเอียด · 5 ข้อมูลติดต่อ",
            "Change which? 1 kind · 2 place · 3 details · 5 contact",
        )
        return FlowReply(options, state, tuple(say(lang, f"แก้ไข {n}", f"edit {n}") for n in (1, 2, 3, 5)))
    if field == "photo":
        state["photo_ids"] = []
        state["return_to_confirm"] = True
        return _next_question(state, lang, desk, noted=False)
    draft = state["draft"]
    for key in {"category": ("category",), "place": ("place", "community", "latitude", "longitude"),
                "description": ("description",), "contact": ("contact_phone", "contact_name")}[field]:  # fmt: skip
        draft.pop(key, None)
    if field == "contact":
        state.pop("contact_asked", None)
        state["contact_known"] = False if not state.get("channel_reaches") else state["contact_known"]
    state["return_to_confirm"] = True
    if value:
        state["step"] = field
        problem = _take_answer(state, field, value, False)
        return _next_question(state, lang, desk, problem=problem)
    state["step"] = field
    return FlowReply(filing_texts.question(field, lang), state, _choices(field, lang))


def _duplicate_choice(state: dict[str, Any], text: str, lang: Lang, desk: Desk) -> FlowReply:
    compact = clean(text).replace(" ", "")
    offered = state.get("offered", [])
    chosen = offered[0] if offered else None
    if compact.isdigit() and 1 <= int(compact) <= len(offered):
        chosen = offered[int(compact) - 1]
    elif any(word.replace(" ", "") in compact for word in _NEW) or filing_words.said(text) == "no":
        state.pop("offered", None)
        return _next_question(state, lang, desk)
    elif not (any(word in compact for word in _JOIN) or filing_words.said(text) == "yes"):
        return FlowReply(current_question(state, lang), state, (say(lang, "ร่วม", "join"), say(lang, "แจ้งใหม่", "new")))
    try:
        joined = desk.join(
            str(chosen), state["draft"].get("description", ""), state.get("photo_ids", []), state["submission_key"]
        )
    except (DataSourceError, SQLAlchemyError):
        return _failed(state, lang)
    return FlowReply(
        filing_texts.filed(joined.ticket_id, joined.division, None, lang, created=False, joined=True),
        None,
        filed=joined,
    )


def _confirm(state: dict[str, Any], text: str, lang: Lang, desk: Desk) -> FlowReply:
    answer = filing_words.said(text)
    if answer == "no":
        return FlowReply(say(lang, 'ยังไม่ส่งค่ะ ต้องการแก้ข้อใด พิมพ์ เช่น "แก้ไข 2" หรือ "ยกเลิก" เพื่อยกเลิกเรื่องนี้',
                             'Not sent. To change something type e.g. "edit 2", or "cancel" to drop it.'), state, _confirm_choices(lang))  # fmt: skip
    if answer != "yes":
        prefix = say(lang, "เพิ่มในรายละเอียดแล้ว\n", "Added to the details.\n") if _more_detail(state, text) else ""
        return FlowReply(prefix + current_question(state, lang), state, _confirm_choices(lang))
    try:
        result = desk.file(new_complaint(state))
    except (DataSourceError, SQLAlchemyError):
        return _failed(state, lang)
    text = filing_texts.filed(
        result.ticket_id, result.division, result.due_at, lang, created=result.created, joined=False
    )
    return FlowReply(text, None, filed=result)


def _failed(state: dict[str, Any], lang: Lang) -> FlowReply:
    failed = say(
        lang,
        'ขออภัย ระบบบันทึกเรื่องไม่สำเร็จในขณะนี้ พิมพ์ "ยืนยัน" เพื่อลองอีกครั้ง หรือติดต่อเทศบาลโดยตรง',
        'Sorry, the complaint could not be saved just now. Type "confirm" to try again, or contact the municipality.',
    )
    state["step"] = "confirm"
    return FlowReply(failed, state, _confirm_choices(lang))


def new_complaint(state: dict[str, Any], *, contact_address: str | None = None) -> NewComplaint:
    """The lifecycle's filing for a confirmed draft."""
    draft = state["draft"]
    return NewComplaint(
        category=draft["category"], description=draft["description"], community=draft.get("community"),
        place=draft.get("place"), channel=state.get("channel", "chatbot"), contact_name=draft.get("contact_name"),
        contact_phone=draft.get("contact_phone"), contact_address=contact_address,
        latitude=draft.get("latitude"), longitude=draft.get("longitude"),
        photo_ids=tuple(state.get("photo_ids", [])), submission_key=state.get("submission_key"),
    )  # fmt: skip
