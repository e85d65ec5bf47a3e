"""The chatbot: one `reply` per message, from text (and the conversation state) to an answer.

Order of precedence: an emergency answers first, whatever else is going on; then a complaint
being filed; then a chosen menu number or an awaited ticket number; then the intent model.
The state is a plain JSON-able dict (or None): the page stores it and passes it back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from chatbot import answers, civic_answers, complaint_flow, slots
from chatbot.answers import Answer, say
from chatbot.emergency import is_emergency
from chatbot.intents import IntentModel, Prediction, default_model
from chatbot.knowledge import KnowledgeBase, default_knowledge, menu_text, suggestions_for, topics
from chatbot.text import Lang, clean, detect_language
from data_sources import city_time
from data_sources.adapters import DATASETS
from data_sources.errors import DataSourceError
from data_sources.thai_calendar import fiscal_year

if TYPE_CHECKING:
    import sqlalchemy as sa

MAX_MESSAGE = 1000  # characters read from one message
TICKET_PREFIX = "CB"  # chatbot tickets: CB68-00001, numbered per fiscal year
_REVENUE_WORDS = ("รายได้", "รายรับ", "เก็บภาษีได้", "จัดเก็บ", "revenue", "income", "collected", "taxcollect")


@dataclass(frozen=True)
class Reply:
    intent: str
    answer: str
    sources: tuple[str, ...] = ()
    slots: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    suggestions: tuple[str, ...] = ()
    state: dict[str, Any] | None = None  # pass back with the next message
    lang: Lang = "th"
    as_of: str | None = None
    clarify: bool = False  # the model was unsure: the answer is the topic menu

    def to_json(self) -> dict[str, Any]:
        """The CLI's document: intent, answer, sources, slots."""
        return {"intent": self.intent, "answer": self.answer, "sources": list(self.sources), "slots": self.slots}


class DataSource(Protocol):
    def frame(self, key: str) -> pd.DataFrame | None: ...


class StoreData:
    """Current rows from the store, personal columns dropped; None when the store cannot answer.

    Frames are kept per dataset version and never modified, so a reply costs one version query
    instead of a copy of the table (`store.load` hands out a fresh copy each call).
    """

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._frames: dict[str, tuple[int, pd.DataFrame]] = {}

    def frame(self, key: str) -> pd.DataFrame | None:
        from data_sources import store

        try:
            version = store.versions(self.engine).get(key, 0)
            cached = self._frames.get(key)
            if cached is None or cached[0] != version:
                cached = (version, store.load(self.engine, key, include_personal=False))
                self._frames[key] = cached
            return cached[1]
        except (DataSourceError, SQLAlchemyError):
            return None


class FrameData:
    """Hand-made typed frames by dataset key (tests, demos)."""

    def __init__(self, frames: Mapping[str, pd.DataFrame]) -> None:
        self._frames = dict(frames)

    def frame(self, key: str) -> pd.DataFrame | None:
        return self._frames.get(key)


class Chatbot:
    def __init__(
        self,
        engine: sa.Engine | None = None,
        *,
        lang_default: Lang = "th",
        data: DataSource | None = None,
        writer: complaint_flow.Writer | None = None,
        model: IntentModel | None = None,
        knowledge: KnowledgeBase | None = None,
        clock: Callable[[], datetime] = city_time.now,
    ) -> None:
        self.engine = engine
        self.lang_default = lang_default
        self.data: DataSource | None = data or (StoreData(engine) if engine is not None else None)
        self.writer = writer or (self._store_writer if engine is not None else None)
        self.model = model or default_model()
        self.knowledge = knowledge or default_knowledge()
        self.clock = clock

    # ------------------------------------------------------------- entry point

    def reply(self, text: str, *, lang: Lang | None = None, state: dict[str, Any] | None = None) -> Reply:
        text = (text or "").strip()[:MAX_MESSAGE]
        lang = lang or detect_language(text) or (state or {}).get("lang") or self.lang_default
        if is_emergency(text):
            emergency = self._service("emergency", text, lang, Prediction("emergency", 1.0, (), by_rule=True), state)
            return (
                self._emergency_while_filing(emergency, text, lang, state)
                if complaint_flow.is_active(state)
                else emergency
            )
        if complaint_flow.is_active(state):
            return self._continue_filing(text, lang, state or {})
        text = self._menu_choice(text, lang, state)
        if slots.is_bare_ticket(text) or ((state or {}).get("awaiting") == "ticket" and slots.ticket(text)):
            prediction = Prediction("complaint_status", 1.0, (), by_rule=True)
        else:
            prediction = self.model.classify(text)
        return self._answer(text, lang, prediction)

    # ------------------------------------------------------------- routing

    def _answer(self, text: str, lang: Lang, prediction: Prediction) -> Reply:
        intent = prediction.intent
        if prediction.clarify:
            return self._clarify(lang, prediction)
        if intent == "complaint_new":
            return self._start_filing(text, lang, prediction)
        handler = {
            "air_quality": self._air, "water_level": self._water, "complaint_status": self._status,
            "city_statistics": self._statistics, "budget_transparency": self._budget,
        }.get(intent)  # fmt: skip
        if handler is None:
            return self._service(intent, text, lang, prediction, None)
        found = slots.extract(text, intent)
        result = handler(found, text, lang, self.clock())
        if isinstance(result, Reply):
            return result
        settled = {**found, **(result.slots or {})}
        body = result.text + _source_line(result, lang)
        return Reply(
            intent, body, result.sources, settled, prediction.confidence, suggestions_for(intent, lang), None, lang,
            result.as_of,
        )  # fmt: skip

    def _frame(self, key: str) -> pd.DataFrame | None:
        return self.data.frame(key) if self.data is not None else None

    def _air(self, found: dict[str, Any], text: str, lang: Lang, now: datetime) -> Answer:
        return answers.air_quality(
            self._frame("air_quality"), lang, now, station=found.get("station"), period=found.get("period")
        )

    def _water(self, found: dict[str, Any], text: str, lang: Lang, now: datetime) -> Answer:
        return answers.water_level(self._frame("water_level"), lang, now, station=found.get("station"))

    def _status(self, found: dict[str, Any], text: str, lang: Lang, now: datetime) -> Answer | Reply:
        if "ticket" not in found:
            return self._ask_ticket(lang)
        return civic_answers.complaint_status(self._frame("complaints"), lang, found["ticket"], now.date())

    def _statistics(self, found: dict[str, Any], text: str, lang: Lang, now: datetime) -> Answer:
        period = found.get("period") or {}
        year = period.get("year") if period.get("kind") == "year" else None
        return civic_answers.city_statistics(
            self._frame("population"), lang, community=found.get("community"), year=year
        )

    def _budget(self, found: dict[str, Any], text: str, lang: Lang, now: datetime) -> Answer:
        asked = civic_answers.fiscal_year_asked(found.get("period"))
        unspaced = clean(text).replace(" ", "")
        if any(word in unspaced for word in _REVENUE_WORDS):
            return civic_answers.revenue(self._frame("revenue"), lang, now, fiscal_year_be=asked)
        return civic_answers.budget(self._frame("budget"), lang, now, fiscal_year_be=asked)

    def _service(
        self, intent: str, text: str, lang: Lang, prediction: Prediction, state: dict[str, Any] | None
    ) -> Reply:
        answer = self.knowledge.answer(intent, text, lang) or self.knowledge.answer("out_of_scope", text, lang)
        assert answer is not None, "knowledge.json must keep an out_of_scope answer"
        found = slots.extract(text, intent)
        suggestions = () if intent == "emergency" else suggestions_for(intent, lang)
        # An emergency in the middle of filing a complaint keeps the filing where it was.
        return Reply(
            intent, answer.text, answer.sources, found, prediction.confidence, suggestions, state, lang, answer.as_of
        )

    def _clarify(self, lang: Lang, prediction: Prediction) -> Reply:
        head = say(
            lang,
            "ขออภัย ยังไม่แน่ใจว่าหมายถึงเรื่องใด เลือกหัวข้อ หรือพิมพ์ถามใหม่อีกครั้ง",
            "Sorry, I'm not sure what you mean. Pick a topic or ask again.",
        )
        guessed = [t.ask(lang) for intent, _ in prediction.ranked[:2] for t in topics() if t.intent == intent]
        return Reply(
            "out_of_scope", f"{head}\n{menu_text(lang)}", (), {}, prediction.confidence, tuple(guessed),
            {"menu": True, "lang": lang}, lang, clarify=True,
        )  # fmt: skip

    def _menu_choice(self, text: str, lang: Lang, state: dict[str, Any] | None) -> str:
        """After the menu was shown, a bare number stands for that topic's question."""
        number = clean(text).strip(" .")
        if (state or {}).get("menu") and number.isdigit() and 1 <= int(number) <= len(topics()):
            return topics()[int(number) - 1].ask(lang)
        return text

    def _ask_ticket(self, lang: Lang) -> Reply:
        text = say(
            lang,
            "ขอเลขที่เรื่องร้องเรียนด้วยค่ะ (เช่น 0001/2568 หรือ CB68-00012)",
            "What is the ticket number? (e.g. 0001/2568 or CB68-00012)",
        )
        return Reply("complaint_status", text, (), {}, 1.0, (), {"awaiting": "ticket", "lang": lang}, lang)

    # ------------------------------------------------------------- complaint filing

    def _start_filing(self, text: str, lang: Lang, prediction: Prediction) -> Reply:
        found = slots.extract(text, "complaint_new")
        if self.writer is None:
            unavailable = say(
                lang,
                "ขณะนี้ยังรับเรื่องร้องเรียนผ่านแชตไม่ได้ (ระบบไม่ได้เชื่อมต่อฐานข้อมูล) โปรดติดต่อเทศบาลโดยตรง",
                "Complaints can't be filed through the chat right now (no database connected). Please contact the municipality.",
            )
            return Reply(
                "complaint_new",
                unavailable,
                (),
                found,
                prediction.confidence,
                suggestions_for("complaint_new", lang),
                None,
                lang,
            )
        step = complaint_flow.start(text, lang)
        return Reply("complaint_new", step.answer, (), found, prediction.confidence, step.suggestions, step.state, lang)

    def _continue_filing(self, text: str, lang: Lang, state: dict[str, Any]) -> Reply:
        if self.writer is None:
            return self._start_filing(text, lang, Prediction("complaint_new", 1.0, ()))
        step = complaint_flow.advance(
            state, text, lang, write=self.writer, new_ticket=self._new_ticket, now=self.clock()
        )
        found = {"ticket": step.ticket} if step.ticket else {}
        sources = ("complaints",) if step.ticket else ()
        return Reply("complaint_new", step.answer, sources, found, 1.0, step.suggestions, step.state, lang)

    def _emergency_while_filing(self, emergency: Reply, text: str, lang: Lang, state: dict[str, Any] | None) -> Reply:
        """The emergency numbers first, then the filing goes on: a description that mentions an
        accident ("รถชนเสาไฟบ่อย") must not block the complaint for ever."""
        step = self._continue_filing(text, lang, state or {})
        return replace(
            emergency, answer=f"{emergency.answer}\n\n{step.answer}", state=step.state, suggestions=step.suggestions
        )

    def _store_writer(self, frame: pd.DataFrame) -> None:
        from data_sources import store

        store.append_rows(self.engine, "complaints", frame, user="chatbot")

    def _new_ticket(self, now: datetime) -> str:
        """The next chatbot ticket of the fiscal year: CB68-00001, CB68-00002, ..."""
        prefix = f"{TICKET_PREFIX}{fiscal_year(now.date()) % 100:02d}-"
        frame = self._frame("complaints")
        numbers = [0]
        if frame is not None and not frame.empty:
            ids = frame["ticket_id"].dropna().astype(str)
            numbers += [int(m.group(1)) for m in (re.fullmatch(re.escape(prefix) + r"(\d+)", i) for i in ids) if m]
        return f"{prefix}{max(numbers) + 1:05d}"


def _source_line(answer: Answer, lang: Lang) -> str:
    """ "ที่มา: ชุดข้อมูลคุณภาพอากาศ (กองสาธารณสุขฯ) ข้อมูล ณ ..." under every data answer."""
    names = [say(lang, DATASETS[k].title_th, DATASETS[k].title_en) for k in answer.sources if k in DATASETS]
    if not names:
        return ""
    as_of = ""
    if answer.as_of:
        moment = datetime.fromisoformat(answer.as_of)
        as_of = " " + say(lang, "ข้อมูล ณ ", "as of ") + answers.day_label(moment.date(), lang)
        if moment.time() != datetime.min.time():
            as_of += " " + answers.clock(moment, lang)
    return "\n\n" + say(lang, "ที่มา: ชุดข้อมูล", "Source: dataset ") + ", ".join(names) + as_of
