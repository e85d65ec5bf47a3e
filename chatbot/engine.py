"""The chatbot: one `reply` per message, from text (and the conversation state) to an answer.

Order of precedence: an emergency answers first, whatever else is going on (a hazard to fix also
offers a complaint); then a complaint being filed (a question asked mid-filing is answered and
the filing resumes); then a chosen menu number or an awaited detail (ticket, community); then the
intent model. A message in Malay is answered in Malay where the bot can (chatbot.malay).
The state is a plain JSON-able dict (or None): the caller stores it and passes it back (web: the
session; LINE: a row per user), so one engine serves every channel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from chatbot import complaint_flow, turns
from chatbot.actions import Call, Place
from chatbot.answers import Answer, say
from chatbot.intents import IntentModel, default_model
from chatbot.knowledge import KnowledgeBase, default_knowledge
from chatbot.text import Lang
from data_sources import city_time
from data_sources.adapters import DATASETS
from data_sources.errors import DataSourceError

if TYPE_CHECKING:
    import sqlalchemy as sa

MAX_QUESTION = 1000  # characters of a question; a longer message is refused plainly...
MAX_MESSAGE = 5000  # ...unless it is a complaint's description, kept whole up to this length


@dataclass(frozen=True)
class Reply:
    intent: str
    answer: str
    sources: tuple[str, ...] = ()
    slots: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    suggestions: tuple[str, ...] = ()
    state: dict[str, Any] | None = None  # pass back with the next message; never show it
    lang: str = "th"  # "th", "en" or "ms"
    as_of: str | None = None
    clarify: bool = False  # the model was unsure: the answer is the topic menu
    calls: tuple[Call, ...] = ()  # numbers to offer as tap-to-call, most useful first
    places: tuple[Place, ...] = ()  # places to offer with a directions link
    ticket_access: tuple[str, str] | None = None  # (ticket, access key) just filed: for the caller's status link only

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
    """One per process (the intent model trains once); `reply` is safe to call from many sessions.

    `desk` files complaints (chatbot.desk.StoreDesk on the store, built per reply so a channel can
    pass its citizen's address); without a database nothing can be filed and the bot says so.
    """

    def __init__(
        self, engine: sa.Engine | None = None, *, lang_default: Lang = "th", data: DataSource | None = None,
        desk: complaint_flow.Desk | None = None, model: IntentModel | None = None,
        knowledge: KnowledgeBase | None = None, clock: Callable[[], datetime] = city_time.now,
    ) -> None:  # fmt: skip
        self.engine = engine
        self.lang_default = lang_default
        self.data: DataSource | None = data or (StoreData(engine) if engine is not None else None)
        self._desk = desk
        self.model = model or default_model()
        self.knowledge = knowledge or default_knowledge()
        self.clock = clock

    def desk(self, *, channel: str = "chatbot", contact_address: str | None = None) -> complaint_flow.Desk | None:
        if self._desk is not None:
            return self._desk
        if self.engine is None:
            return None
        from chatbot.desk import StoreDesk

        return StoreDesk(self.engine, clock=self.clock, channel=channel, contact_address=contact_address)

    def frame(self, key: str) -> pd.DataFrame | None:
        return self.data.frame(key) if self.data is not None else None

    def reply(
        self, text: str, *, lang: Lang | None = None, state: dict[str, Any] | None = None, photos: Sequence[bytes] = (),
        location: tuple[float, float] | None = None, channel: str = "chatbot", contact_address: str | None = None,
    ) -> Reply:  # fmt: skip
        """Answer one message. `photos` (bytes) and `location` (lat, lon) may come with it or alone;
        `channel` and `contact_address` (e.g. "line" and a LINE user id) go with any complaint
        filed, so its status changes reach the citizen on that channel."""
        turn = turns.Turn(
            bot=self, text=(text or "").strip(), state=state or None, photos=tuple(photos), location=location,
            channel=channel, contact_address=contact_address, now=self.clock(),
        )  # fmt: skip
        return turns.answer(turn, lang)


def finish(answer: Answer, intent: str, lang: str, *, confidence: float = 1.0, suggestions: tuple[str, ...] = (),
           state: dict[str, Any] | None = None, extra_slots: dict[str, Any] | None = None) -> Reply:  # fmt: skip
    """A data or service answer as a Reply, with its "ที่มา / Source" line."""
    slots = {**(extra_slots or {}), **(answer.slots or {})}
    body = answer.text + source_line(answer, lang)
    return Reply(intent, body, answer.sources, slots, confidence, suggestions, state, lang, answer.as_of)


def source_line(answer: Answer, lang: str) -> str:
    """ "ที่มา: ชุดข้อมูลคุณภาพอากาศ ข้อมูล ณ ..." under every data answer."""
    from chatbot.answers import clock
    from metrics.periods import day_label

    names = [say(lang, DATASETS[k].title_th, DATASETS[k].title_en) for k in answer.sources if k in DATASETS]  # type: ignore[arg-type]
    if not names:
        return ""
    as_of = ""
    if answer.as_of:
        moment = datetime.fromisoformat(answer.as_of)
        as_of = " " + say(lang, "ข้อมูล ณ ", "as of ") + day_label(moment.date(), "th" if lang == "th" else "en")  # type: ignore[arg-type]
        if moment.time() != datetime.min.time():
            as_of += " " + clock(moment, "th" if lang == "th" else "en")
    return "\n\n" + say(lang, "ที่มา: ชุดข้อมูล", "Source: dataset ") + ", ".join(names) + as_of  # type: ignore[arg-type]


def with_state(reply: Reply, state: dict[str, Any] | None) -> Reply:
    return replace(reply, state=state)
