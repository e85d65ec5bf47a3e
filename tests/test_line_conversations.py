"""LINE conversations live in the database: any process (or a restarted one) picks a filing up
where the last left it, and each webhook event is claimed once."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa

from channels import notices, settings
from channels.conversations import claim_delivery, conversation_key, load_state, save_state
from channels.line_api import LineApi
from channels.line_bot import LineBot
from channels.line_events import read_delivery
from data_sources import tickets
from data_sources.city_time import now as city_now
from data_sources.db import chat_conversations, connect, write_transaction
from helpers.fake_line import ACCESS_TOKEN, CHANNEL_SECRET, FakeLine, delivery, fake_line_server, text_event


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeLine]:
    with fake_line_server() as server:
        yield server


def a_bot(db_url: str, fake: FakeLine) -> LineBot:
    """A bot as a freshly started process would build it."""
    line = settings.LineSettings(CHANNEL_SECRET, ACCESS_TOKEN, fake.base_url, fake.base_url, 0)
    return LineBot(connect(db_url), LineApi(line))


def send(bot: LineBot, fake: FakeLine, user: str, text: str) -> str:
    token = fake.issue_reply_token()
    body = delivery(text_event(user, text, token))
    (event,) = read_delivery(body)
    bot.handle(event)
    (call,) = fake.replies(token)
    return call.body["messages"][0]["text"]


def test_a_filing_goes_on_in_another_process(db_url: str, fake: FakeLine) -> None:
    user = "U" + "a" * 32
    first = send(a_bot(db_url, fake), fake, user, "แจ้งเรื่องร้องเรียน")
    assert "ประเภท" in first
    # A second bot over the same database (another worker, or after a restart) gets the answer.
    second = send(a_bot(db_url, fake), fake, user, "2")
    assert "สถานที่" in second or "ชุมชน" in second
    state = load_state(connect(db_url), conversation_key("line", user))
    assert state["engine"]["draft"]["category"] == "drainage"


def test_nothing_personal_reaches_the_logs(db_url: str, fake: FakeLine, caplog: pytest.LogCaptureFixture) -> None:
    user = "U" + "b" * 32
    bot = a_bot(db_url, fake)
    with caplog.at_level(logging.DEBUG):
        for text in ("แจ้งเรื่องร้องเรียน", "1", "ชุมชนเมืองทอง", "ถนนเป็นหลุมลึกหน้าบ้าน", "สมศรี 0812345678", "ยืนยัน"):
            send(bot, fake, user, text)
    logged = caplog.text
    assert "LINE" in logged  # the outcomes are logged ...
    assert user not in logged and "0812345678" not in logged and "สมศรี" not in logged  # ... never who or what


def test_each_webhook_event_is_claimed_once(db_url: str) -> None:
    engine = connect(db_url)
    assert claim_delivery(engine, "01HZX3F1TESTEVENT0000000001") is True
    assert claim_delivery(engine, "01HZX3F1TESTEVENT0000000001") is False
    assert claim_delivery(engine, "01HZX3F1TESTEVENT0000000002") is True


def test_a_conversation_left_for_a_day_starts_afresh_and_is_cleared(db_url: str) -> None:
    engine = connect(db_url)
    old, new = conversation_key("line", "U" + "c" * 32), conversation_key("line", "U" + "d" * 32)
    save_state(engine, old, {"engine": {"flow": "complaint", "draft": {"contact_phone": "0812345678"}}})
    assert load_state(engine, old)["engine"]["flow"] == "complaint"
    assert load_state(engine, old, now=city_now() + timedelta(days=1, minutes=1)) == {}
    with write_transaction(engine) as connection:  # as if a day went by
        connection.execute(chat_conversations.update().values(updated_at=city_now() - timedelta(days=2)))
    save_state(engine, new, {"lang": "th"})  # any later save clears what was left
    with engine.connect() as connection:
        left = connection.scalar(sa.select(chat_conversations.c.state).where(chat_conversations.c.conversation == old))
    assert left is None


def test_a_notice_taken_by_two_processes_reaches_the_citizen_once(db_url: str, fake: FakeLine) -> None:
    engine = connect(db_url)
    user = "U" + uuid.uuid4().hex
    complaint = tickets.NewComplaint(category="waste", description="ขยะไม่ได้เก็บมาสามวันแล้ว", community="เมืองทอง",
                                     channel="line", contact_address=user)  # fmt: skip
    ticket = tickets.file_complaint(engine, complaint).ticket_id
    tickets.move(engine, ticket, "in_progress", actor="somchai")
    (notice,) = tickets.pending_notices(engine, channel="line")
    api = a_bot(db_url, fake).api
    assert notices.deliver_status_changes(engine, api) == 1
    assert tickets.pending_notices(engine, channel="line") == []
    # A second process that listed the same notice before it was marked pushes it again:
    # LINE refuses the repeated retry key (409) and the push still counts as done.
    assert api.push(notice.recipient, notices.notice_messages(notice, "th"), retry_key=notices.retry_key(notice))
    assert [call.status for call in fake.pushes(user)] == [200, 409]
    assert ticket in fake.pushes(user)[0].body["messages"][0]["text"]
