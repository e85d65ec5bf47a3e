"""The chatbot page's pieces: one shared engine, the conversation kept in this session, messages
drawn as text (a citizen's words are never rendered as Markdown), numbers as tap-to-call links,
photos and a location sent with a message, and the topic menu and suggestions as buttons.

Session keys (page prefix "chatbot_"): chatbot_messages (what was said, both sides),
chatbot_state (the engine's conversation state, e.g. a complaint being filed: never shown),
chatbot_pending (a suggestion clicked) and chatbot_pending_location (a location picked).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa
import streamlit as st

from chatbot.engine import MAX_MESSAGE, Chatbot, Reply
from chatbot.filing_words import coordinates
from chatbot.knowledge import topics
from chatbot.slots import is_bare_ticket
from chatbot.text import Lang, detect_language
from ui.i18n import lang, t
from ui.plain import plain, plain_lines
from ui.session import database

MESSAGES, STATE, PENDING, PENDING_LOCATION = (
    "chatbot_messages",
    "chatbot_state",
    "chatbot_pending",
    "chatbot_pending_location",
)
STATUS_PAGE = "pages/complaint_status.py"
MAX_CHARS = MAX_MESSAGE
PHOTO_TYPES = ["jpg", "jpeg", "png", "webp", "heic"]
MAX_PHOTO_MB = 8
_SOURCE_STARTS = ("ที่มา:", "Source:")


@dataclass
class Message:
    role: str  # "user" or "assistant"
    text: str
    intent: str = ""
    source_note: str = ""  # "ที่มา: ... ข้อมูล ณ ..." shown under an answer
    suggestions: list[str] = field(default_factory=list)
    ticket: str = ""  # a complaint just filed
    ticket_key: str = ""  # its access key, for this citizen's status link only
    calls: list[tuple[str, str]] = field(default_factory=list)  # (number, label)
    places: list[tuple[str, str]] = field(default_factory=list)  # (name, directions link)
    photos: int = 0  # photos the citizen sent with the message
    located: bool = False  # a location was sent with it


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


def _as_message(reply: Reply, language: Lang) -> Message:
    body, note = split_source(reply.answer)
    ticket, key = reply.ticket_access or ("", "")
    label = language if reply.lang not in ("th", "en") else reply.lang
    calls = [(c.number, c.label(label)) for c in reply.calls]
    places = [(p.name, p.directions) for p in reply.places]
    return Message("assistant", body, reply.intent, note, list(reply.suggestions), ticket, key, calls, places)


def send(text: str, *, photos: tuple[bytes, ...] = (), location: tuple[float, float] | None = None) -> None:
    """Answer one message and keep both sides of the exchange (and the engine's state) in the session."""
    history = st.session_state.setdefault(MESSAGES, [])
    language = message_lang(text, lang()) if text else lang()
    reply = engine().reply(text, lang=language, state=st.session_state.get(STATE), photos=photos, location=location)
    st.session_state[STATE] = reply.state
    history.append(asdict(Message("user", text, photos=len(photos), located=location is not None)))
    history.append(asdict(_as_message(reply, lang())))


def queue(text: str) -> None:
    """Button callback: send `text` as the next message on this rerun."""
    st.session_state[PENDING] = text


def reset() -> None:
    for key in (MESSAGES, STATE, PENDING, PENDING_LOCATION):
        st.session_state.pop(key, None)


def take_turn(typed: Any) -> None:
    """Answer this run's message: typed (with photos) in the chat box, a suggestion clicked, or a
    location picked."""
    location = st.session_state.pop(PENDING_LOCATION, None)
    pending = st.session_state.pop(PENDING, None)
    text, files = "", []
    if typed is not None:
        text = typed if isinstance(typed, str) else (typed.text or "")
        files = [] if isinstance(typed, str) else list(typed.files or [])
    photos = tuple(f.getvalue() for f in files)
    if text.strip() or photos:
        send(text.strip(), photos=photos)
    elif pending and pending.strip():
        send(pending.strip())
    elif location is not None:
        send("", location=tuple(location))


def location_picker() -> None:
    """Send a location with the next message: coordinates or a map link typed in (a phone's
    "share location" gives one). The point goes to staff only, never to public pages."""
    with (
        st.expander(t("chat.location.title"), icon=":material/location_on:"),
        st.form("chatbot_location", border=False),
    ):
        typed = st.text_input(
            t("chat.location.coordinates"), placeholder="6.5536, 101.2979", key="chatbot_location_text"
        )
        sent = st.form_submit_button(t("chat.location.send"), icon=":material/send:")
    if sent:
        point = coordinates(typed or "")
        if point is None:
            st.warning(t("chat.location.unreadable"), icon=":material/wrong_location:")
        else:
            st.session_state[PENDING_LOCATION] = point
            st.rerun()


_NUMBERED = re.compile(r"\d{1,2}\. ")


def _is_list_line(line: str) -> bool:
    return line.startswith("- ") or _NUMBERED.match(line) is not None


def as_markdown(text: str) -> str:
    r"""Plain answer text as markdown that looks the same: every line break kept, and "- " or
    "1. " lines drawn as a list that ends where they end (markdown would run the next line on).
    Escape the text first (ui.plain.plain_lines): this only lays the lines out.

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


def _link(label: str, url: str) -> str:
    """A Markdown link whose label is shown as text; `url` is one the app built (tel:, https:)."""
    return f"[{plain(label)}]({url})"


def _assistant(message: dict[str, Any]) -> None:
    if message["calls"]:
        with st.container(horizontal=True, gap="small", key=f"chatbot_calls_{id(message)}"):
            for number, label in message["calls"]:
                st.markdown(f"### {_link(f'📞 {number}', f'tel:{number}')}  \n{plain(label)}")
    # Answers quote data and the citizen's own words (a filing's summary): escaped line by line.
    body = as_markdown(plain_lines(str(message["text"])))
    if message["intent"] == "emergency":
        st.error(body, icon=":material/emergency:")
    else:
        st.markdown(body)
    for name, url in message["places"]:
        st.markdown(_link(f"🧭 {t('chat.directions')} {name}", url))
    if message["source_note"]:
        st.caption(str(message["source_note"]))  # the app's own line: dataset titles and a date
    if message["ticket"]:
        params = {"ticket": str(message["ticket"])}
        if message.get("ticket_key"):
            params["key"] = str(message["ticket_key"])
        st.page_link(STATUS_PAGE, label=t("chat.follow_ticket", ticket=message["ticket"]), icon=":material/search:",
                     query_params=params)  # fmt: skip


def _user(message: dict[str, Any]) -> None:
    if message["text"]:
        st.text(str(message["text"]))
    if message.get("photos"):
        st.caption(t("chat.photos_sent", count=message["photos"]))
    if message.get("located"):
        st.caption(t("chat.location_sent"))


def history() -> None:
    """Every message of this session, oldest first."""
    said = st.session_state.get(MESSAGES, [])
    if not said:
        with st.chat_message("assistant"):
            st.markdown(as_markdown(t("chat.welcome")))
    for message in said:
        with st.chat_message(str(message["role"])):
            if message["role"] == "user":
                _user(message)
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
