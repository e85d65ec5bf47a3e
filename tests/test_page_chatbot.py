"""AppTest: the chatbot page answers with its sources, offers topics as buttons, and a complaint
filed in conversation gets a ticket number that the status lookup then finds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from data_sources import store
from data_sources.thai_calendar import fiscal_year
from helpers.apptest import open_app
from helpers.citizen_city import open_small_city
from ui import citizen_chat
from ui.plain import plain_lines

CHAT = "pages/chatbot.py"
STATUS = "pages/complaint_status.py"


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def _say(at: object, *messages: str) -> None:
    for message in messages:
        at.chat_input[0].set_value(message).run()  # type: ignore[attr-defined]
        assert not at.exception, message  # type: ignore[attr-defined]


def _last_answer(at: object) -> object:
    return [m for m in at.chat_message if m.name == "assistant"][-1]  # type: ignore[attr-defined]


def _first_ticket_of_this_fiscal_year() -> str:
    # Chatbot tickets are numbered per fiscal year (BE, two digits), on the city's clock.
    today = datetime.now(ZoneInfo("Asia/Bangkok")).date()
    return f"CB{fiscal_year(today) % 100:02d}-00001"


def test_a_complaint_filed_in_conversation_is_stored_and_found_by_the_status_lookup(small_city: sa.Engine) -> None:
    at = open_app(page=CHAT)
    _say(at, "แจ้งเรื่องร้องเรียนครับ", "1", "ชุมชนเมืองทอง หน้าตลาด", "ถนนเป็นหลุมลึกประมาณ 30 ซม. หน้าร้านขายยา",
         "นางทดสอบ ระบบ 081-000-9999")  # fmt: skip
    summary = _last_answer(at).markdown[0].value
    assert "ถนน/ทางเท้าชำรุด" in summary and "081-000-9999" not in summary
    _say(at, "ยืนยัน")
    ticket = _first_ticket_of_this_fiscal_year()
    answer = _last_answer(at)
    assert f"เลขที่เรื่อง {ticket}" in answer.markdown[0].value
    assert at.get("page_link")[-1].value == f"ติดตามสถานะเรื่อง {ticket}"

    rows = store.load(small_city, "complaints", include_personal=True).set_index("ticket_id")
    filed = rows.loc[ticket]
    assert (filed["category"], filed["community"], filed["channel"], filed["status"]) == (
        "road", "เมืองทอง", "chatbot", "received",
    )  # fmt: skip
    assert filed["complainant_phone"] == "0810009999"
    assert len(rows) == 6  # the small city's five tickets and this one

    lookup = open_app(page=STATUS)
    lookup.text_input(key="complaint_status_ticket").set_value(ticket.lower())
    lookup.button[0].click().run()
    shown = [m.value for m in lookup.markdown]
    assert f"**เรื่องเลขที่ {ticket}**" in shown
    assert any(":blue-badge[รับเรื่องแล้ว รอส่งต่อหน่วยงาน]" in text for text in shown)
    assert "หน่วยงานที่รับผิดชอบ: กองช่าง" in shown
    assert "นางทดสอบ" not in " ".join(shown) and "081-000-9999" not in " ".join(shown)


def test_the_status_page_opens_the_ticket_the_chatbot_links_to(small_city: sa.Engine) -> None:
    at = open_app(page=STATUS)
    at.query_params["ticket"] = "0003/2569"
    at.run()
    assert "**เรื่องเลขที่ 0003/2569**" in [m.value for m in at.markdown]


def test_a_data_answer_shows_its_source_and_as_of(small_city: sa.Engine) -> None:
    at = open_app(page=CHAT)
    _say(at, "ฝุ่นวันนี้เป็นไงบ้างคะ")
    note = _last_answer(at).caption[0].value
    assert note.startswith("ที่มา: ชุดข้อมูลคุณภาพอากาศ ข้อมูล ณ ")


def test_a_topic_button_asks_its_question(small_city: sa.Engine) -> None:
    at = open_app(page=CHAT)
    assert "ระดับน้ำแม่น้ำปัตตานี" in [b.label for b in at.button]
    next(b for b in at.button if b.label == "ระดับน้ำแม่น้ำปัตตานี").click().run()
    assert not at.exception
    user = [m for m in at.chat_message if m.name == "user"]
    assert [m.text[0].value for m in user] == ["ระดับน้ำแม่น้ำปัตตานีตอนนี้"]
    assert _last_answer(at).caption[0].value.startswith("ที่มา: ชุดข้อมูลระดับน้ำแม่น้ำปัตตานี")
    assert len(at.button) > 1  # follow-up suggestions replace the topic menu


def test_an_emergency_is_answered_first_as_an_alert(small_city: sa.Engine) -> None:
    at = open_app(page=CHAT)
    _say(at, "แจ้งเรื่องร้องเรียน", "บ้านไฟไหม้ช่วยด้วย")
    assert "199" in at.error[0].value and "1669" in at.error[0].value


def test_an_english_question_gets_an_english_answer_and_restart_clears(small_city: sa.Engine) -> None:
    at = open_app(lang="en", page=CHAT)
    assert at.title[0].value == "Ask the city"
    _say(at, "what is the pm2.5 today?")
    assert _last_answer(at).caption[0].value.startswith("Source: dataset Air quality")
    at.button(key="chatbot_restart").click().run()
    assert [m.name for m in at.chat_message] == ["assistant"]  # only the welcome


def test_answer_text_keeps_its_line_breaks_and_ends_lists_where_they_end() -> None:
    text = "ระดับ: ดีมาก\n- ศาลากลาง: 8.9\n- ตลาดเก่า: 9.6\nเหมาะกับกิจกรรมกลางแจ้ง\n\nย่อหน้าใหม่\nบรรทัดสอง"
    assert citizen_chat.as_markdown(text) == (
        "ระดับ: ดีมาก\n\n- ศาลากลาง: 8.9\n- ตลาดเก่า: 9.6\n\nเหมาะกับกิจกรรมกลางแจ้ง\n\nย่อหน้าใหม่  \nบรรทัดสอง"
    )


def test_a_citizens_markdown_is_shown_as_text_not_rendered() -> None:
    shown = citizen_chat.as_markdown(
        plain_lines("รายละเอียด: หลุม ![x](http://evil.example/a.png) **ด่วน** :red[!]\n- ok")
    )
    assert "![" not in shown and "**" not in shown and ":red[" not in shown
    assert shown.startswith("รายละเอียด: หลุม !\\[x\\](http\\://evil.example/a.png)")


def test_the_source_paragraph_is_split_off_only_when_it_closes_the_answer() -> None:
    assert citizen_chat.split_source("ค่าฝุ่น 8.9\n\nที่มา: ชุดข้อมูลคุณภาพอากาศ") == (
        "ค่าฝุ่น 8.9", "ที่มา: ชุดข้อมูลคุณภาพอากาศ",
    )  # fmt: skip
    assert citizen_chat.split_source("ที่มา: ไม่ใช่ย่อหน้าท้าย\n\nคำตอบ") == ("ที่มา: ไม่ใช่ย่อหน้าท้าย\n\nคำตอบ", "")


def test_a_bare_ticket_or_number_is_answered_in_the_pages_language() -> None:
    assert citizen_chat.message_lang("CB70-00001", "th") == "th"
    assert citizen_chat.message_lang("2", "th") == "th"
    assert citizen_chat.message_lang("is the river high?", "th") == "en"
    assert citizen_chat.message_lang("ฝุ่นวันนี้", "en") == "th"
