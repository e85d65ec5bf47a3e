"""A complaint's status for the person asking: category, responsible division, stage, dates, the
expected date and the latest public step, from the lifecycle (public view: nothing personal)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from chatbot import civic_answers, slots
from chatbot.answers import Answer, say
from chatbot.knowledge import suggestions_for
from chatbot.slots import matching_tickets
from chatbot.text import Lang, clean
from data_sources.tickets import TicketView, public_view
from data_sources.tickets.labels import category_label, division_label, stage_label
from metrics.periods import day_label

if TYPE_CHECKING:
    from chatbot.engine import Reply
    from chatbot.intents import Prediction
    from chatbot.turns import Turn


def ask_ticket(lang: Lang) -> Reply:
    from chatbot.engine import Reply

    text = say(
        lang,
        "ขอเลขที่เรื่องร้องเรียนด้วยค่ะ (เช่น 0001/2568 หรือ CB70-00012)",
        "What is the ticket number? (e.g. 0001/2568 or CB70-00012)",
    )
    return Reply("complaint_status", text, (), {}, 1.0, (), {"awaiting": "ticket", "lang": lang}, lang)


RATING_WORDS = ("ให้คะแนน", "คะแนนความพึงพอใจ", "ประเมินความพึงพอใจ", "ให้ดาว", "rate my complaint", "give a rating",
                "rate the service", "rate it")  # fmt: skip


def asks_to_rate(text: str) -> bool:
    """ "ให้คะแนน 5", "I want to rate my complaint": a rating, which the status page and LINE take."""
    cleaned = clean(text)
    return any(word in cleaned.replace(" ", "") or word in cleaned for word in RATING_WORDS)


def _how_to_rate(lang: Lang) -> Reply:
    from chatbot.engine import Reply

    text = say(
        lang,
        "ให้คะแนนความพึงพอใจ 1–5 ได้เมื่อเรื่องดำเนินการเสร็จแล้ว ที่หน้าติดตามเรื่อง (ลิงก์ที่ได้รับตอนแจ้ง) "
        'หรือบน LINE เมื่อได้รับแจ้งว่าเสร็จ พิมพ์เลขที่เรื่อง เช่น "สถานะ CB70-00012" เพื่อดูว่าเสร็จหรือยัง',
        "You can rate a complaint 1–5 once it is resolved, on its status page (the link you got when filing) or on "
        'LINE when you are told it is done. Type its number, e.g. "status CB70-00012", to see whether it is.',
    )
    return Reply("complaint_status", text, (), {}, 1.0, (), {"awaiting": "ticket", "lang": lang}, lang)


def view_text(view: TicketView, lang: Lang, now: datetime) -> str:
    lines = [
        say(lang, f"เรื่องเลขที่ {view.ticket_id}", f"Complaint {view.ticket_id}"),
        say(lang, "ประเภท: ", "Kind: ") + category_label(view.category, lang),
        say(lang, "หน่วยงานที่รับผิดชอบ: ", "Responsible: ") + division_label(view.division, lang),
        say(lang, "สถานะ: ", "Status: ") + stage_label(view.stage, lang),
    ]
    if view.received_at:
        lines.append(say(lang, "วันที่รับเรื่อง: ", "Received: ") + day_label(view.received_at.date(), lang))
    if view.resolved_at and view.stage in ("resolved", "closed"):
        lines.append(say(lang, "วันที่แล้วเสร็จ: ", "Resolved: ") + day_label(view.resolved_at.date(), lang))
    elif view.due_at and view.stage not in ("cancelled",):
        late = view.overdue(now)
        due = day_label(view.due_at.date(), lang)
        lines.append(say(lang, f"กำหนดแล้วเสร็จ: {due}" + (" (เกินกำหนดแล้ว เจ้าหน้าที่กำลังเร่งดำเนินการ)" if late else ""),
                         f"Expected by: {due}" + (" (overdue)" if late else "")))  # fmt: skip
    notes = [e for e in view.timeline if e.kind == "note" and e.text]
    if notes:
        lines.append(say(lang, "ข้อความจากเจ้าหน้าที่: ", "From staff: ") + notes[-1].text)  # type: ignore[operator]
    if view.may_rate:
        lines.append(
            say(
                lang,
                "ให้คะแนนความพึงพอใจ 1–5 ได้ที่หน้าติดตามเรื่อง (ลิงก์ที่ได้รับตอนแจ้ง)",
                "Rate it 1–5 on the status page (the link you got when filing).",
            )
        )
    return "\n".join(lines)


def status_reply(turn: Turn, text: str, lang: Lang, prediction: Prediction) -> Reply:
    from chatbot.engine import finish

    ticket = slots.ticket(text)
    if ticket is None and asks_to_rate(text):
        return _how_to_rate(lang)
    if ticket is None:
        return ask_ticket(lang)
    frame = turn.bot.frame("complaints")
    found_id = None
    if frame is not None and not frame.empty:
        matches = frame.loc[matching_tickets(frame["ticket_id"].astype("string"), ticket), "ticket_id"]
        found_id = str(matches.iloc[-1]) if len(matches) else None
    view = public_view(turn.bot.engine, found_id, now=turn.now) if turn.bot.engine is not None and found_id else None
    if view is not None:
        answer = Answer(view_text(view, lang, turn.now), ("complaints",), turn.now.date().isoformat())
    else:
        answer = civic_answers.complaint_status(frame, lang, ticket, turn.now.date())
    return finish(answer, "complaint_status", lang, confidence=prediction.confidence,
                  suggestions=suggestions_for("complaint_status", lang), extra_slots={"ticket": ticket})  # fmt: skip
