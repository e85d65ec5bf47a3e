"""The chatbot page's pieces: one shared engine, the conversation kept in this session, messages
drawn with their sources, and the topic menu and suggestions as buttons.

Session keys (page prefix "chatbot_"): chatbot_messages (what was said, both sides),
chatbot_state (the engine's conversation state, e.g. a complaint being filed) and
chatbot_pending (a suggestion clicked, sent as the next message).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa
import streamlit as st

from chatbot.engine import MAX_MESSAGE, Chatbot, Reply
from chatbot.knowledge import topics
from chatbot.slots import is_bare_ticket
from chatbot.text import Lang, detect_language
from ui.i18n import lang, t
from ui.plain import plain, plain_lines
from ui.session import database

MESSAGES, STATE, PENDING = "chatbot_messages", "chatbot_state", "chatbot_pending"
STATUS_PAGE = "pages/complaint_status.py"
MAX_CHARS = MAX_MESSAGE
_SOURCE_STARTS = ("ที่มา:", "Source:")
_NUMBERED = re.compile(r"\d{1,2}\. ")


@dataclass
class Message:
    role: str  # "user" or "assistant"
    text: str
    intent: str = ""
    source_note: str = ""  # "ที่มา: ... ข้อมูล ณ ..." shown under an answer
    suggestions: list[str] = field(default_factory=list)
    ticket: str = ""  # a complaint just filed


@st.cache_resource(show_spinner=False)
def _engine(_database: sa.Engine, url: str) -> Chatbot:
    # One engine per database for every session: training the intent model takes seconds.
    return Chatbot(_database)


def engine() -> Chatbot:
    database_engine = database()
    with st.spinner(t("chat.warming_up")):
        return _engine(database_engine, database_engine.url.render_as_string(hide_password=True))


def message_lang(text: str, ui_lang: Lang) -> Lang:
    """The language to answer in: the message's own, else the page's (a bare "CB70-00001" or "2"
    says nothing about the asker's language)."""
    if is_bare_ticket(text):
        return ui_lang
    return detect_language(text) or ui_lang


def split_source(answer: str) -> tuple[str, str]:
    """The answer's body and its closing "ที่มา: ..." / "Source: ..." paragraph, if it has one."""
    body, _, last = answer.rpartition("\n\n")
    if body and last.startswith(_SOURCE_STARTS):
        return body, last
    return answer, ""


def _as_message(reply: Reply) -> Message:
    body, note = split_source(reply.answer)
    ticket = str(reply.slots.get("ticket", "")) if reply.intent == "complaint_new" else ""
    return Message("assistant", body, reply.intent, note, list(reply.suggestions), ticket)


def send(text: str) -> None:
    """Answer `text` and keep both sides of the exchange (and the engine's state) in the session."""
    history = st.session_state.setdefault(MESSAGES, [])
    reply = engine().reply(text, lang=message_lang(text, lang()), state=st.session_state.get(STATE))
    st.session_state[STATE] = reply.state
    history.append(asdict(Message("user", text)))
    history.append(asdict(_as_message(reply)))


def queue(text: str) -> None:
    """Button callback: send `text` as the next message on this rerun."""
    st.session_state[PENDING] = text


def reset() -> None:
    for key in (MESSAGES, STATE, PENDING):
        st.session_state.pop(key, None)


def take_turn(typed: str | None) -> None:
    """Answer this run's message: typed in the chat box, or a suggestion clicked."""
    pending = st.session_state.pop(PENDING, None)
    text = typed if typed and typed.strip() else pending
    if text and text.strip():
        send(text.strip())


def _is_list_line(line: str) -> bool:
    return line.startswith("- ") or _NUMBERED.match(line) is not None


def as_markdown(text: str) -> str:
    r"""Plain answer text as markdown that looks the same: every line break kept, and "- " or
    "1. " lines drawn as a list that ends where they end (markdown would run the next line on).

    >>> as_markdown("ระดับ: ดีมาก\n- ศาลากลาง: 8.9\n- ตลาดเก่า: 9.6\nเหมาะกับกิจกรรมกลางแจ้ง")
    'ระดับ: ดีมาก\n\n- ศาลากลาง: 8.9\n- ตลาดเก่า: 9.6\n\nเหมาะกับกิจกรรมกลางแจ้ง'
    """
    out: list[str] = []
    previous: bool | None = None  # whether the last non-blank line was a list line
    blank = False
    for line in text.split("\n"):
        if not line.strip():
            blank = True
            continue
        listed = _is_list_line(line)
        if previous is not None:
            out.append("\n\n" if blank or listed != previous else ("\n" if listed else "  \n"))
        out.append(line)
        previous, blank = listed, False
    return "".join(out)


def _assistant(message: dict[str, object]) -> None:
    body = as_markdown(plain_lines(str(message["text"])))  # answers quote data: place names, tickets
    if message["intent"] == "emergency":
        st.error(body, icon=":material/emergency:")
    else:
        st.markdown(body)
    if message["source_note"]:
        st.caption(plain(str(message["source_note"])))
    if message["ticket"]:
        st.page_link(STATUS_PAGE, label=t("chat.follow_ticket", ticket=message["ticket"]), icon=":material/search:",
                     query_params={"ticket": str(message["ticket"])})  # fmt: skip


def history() -> None:
    """Every message of this session, oldest first."""
    said = st.session_state.get(MESSAGES, [])
    if not said:
        with st.chat_message("assistant"):
            st.markdown(as_markdown(t("chat.welcome")))
    for message in said:
        with st.chat_message(str(message["role"])):
            if message["role"] == "user":
                st.text(str(message["text"]))
            else:
                _assistant(message)


def suggestions() -> None:
    """Buttons under the last answer: its follow-ups, or the topic menu before anything was said."""
    said = st.session_state.get(MESSAGES, [])
    language = lang()
    if said:
        offered = [(text, text) for text in said[-1]["suggestions"]]
    else:
        offered = [(topic.label(language), topic.ask(language)) for topic in topics()]
    if not offered:
        return
    with st.container(horizontal=True, gap="small", key="chatbot_suggestions"):
        for number, (label, text) in enumerate(offered):
            st.button(label, key=f"chatbot_suggestion_{len(said)}_{number}", on_click=queue, args=(text,))
