"""LINE conversations live in the database: any process (or a restarted one) picks a filing up
where the last left it, and each webhook event is claimed once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from linebot.v3.webhook import WebhookParser

from channels import settings
from channels.conversations import claim_delivery, conversation_key, load_state
from channels.line_api import LineApi
from channels.line_bot import LineBot
from data_sources.db import connect
from helpers.fake_line import ACCESS_TOKEN, CHANNEL_SECRET, FakeLine, delivery, fake_line_server, signature, text_event


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
    (event,) = WebhookParser(CHANNEL_SECRET).parse(body.decode(), signature(body))
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


def test_each_webhook_event_is_claimed_once(db_url: str) -> None:
    engine = connect(db_url)
    assert claim_delivery(engine, "01HZX3F1TESTEVENT0000000001") is True
    assert claim_delivery(engine, "01HZX3F1TESTEVENT0000000001") is False
    assert claim_delivery(engine, "01HZX3F1TESTEVENT0000000002") is True
