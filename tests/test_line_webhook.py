"""The LINE webhook end to end: `streamlit run app.py` receives signed deliveries and answers
through a local fake of the Messaging API (reply, push, content), as LINE would see it."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_sources import store, tickets
from data_sources.db import connect
from helpers.browser import serve_app
from helpers.db import sqlite_url
from helpers.fake_line import (
    ACCESS_TOKEN,
    CHANNEL_SECRET,
    FakeLine,
    delivery,
    fake_line_server,
    image_event,
    location_event,
    new_user,
    postback_event,
    signature,
    text_event,
)

JPEG = b"\xff\xd8\xff\xe0" + b"photo of a broken road" + b"\xff\xd9"


@pytest.fixture(scope="module")
def line(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeLine, str]]:
    """One app and one fake LINE for the module: (app URL, fake, database URL)."""
    work: Path = tmp_path_factory.mktemp("line")
    database_url = sqlite_url(work)
    connect(database_url)  # schema, no demo city: filing needs none
    with fake_line_server() as fake:
        env = {
            "LINE_CHANNEL_SECRET": CHANNEL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN,
            "LINE_API_BASE": fake.base_url, "LINE_NOTIFY_SECONDS": "0.5",
        }  # fmt: skip
        with serve_app(work, database_url, **env) as app_url:
            yield app_url, fake, database_url


def post(app_url: str, body: bytes, signed_as: str | None) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{app_url}/line/webhook", data=body, method="POST")
    request.add_header("Content-Type", "application/json; charset=utf-8")
    if signed_as is not None:
        request.add_header("X-Line-Signature", signed_as)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def say(line: tuple[str, FakeLine, str], user: str, text: str) -> dict:
    """Send one signed text event and return the first text message of its reply."""
    app_url, fake, _ = line
    token = fake.issue_reply_token()
    body = delivery(text_event(user, text, token))
    assert post(app_url, body, signature(body))[0] == 200
    (call,) = fake.wait_for(lambda: fake.replies(token))
    return next(m for m in call.body["messages"] if m["type"] == "text")


def test_signed_text_event_gets_its_reply_with_the_token(line) -> None:
    app_url, fake, _ = line
    token = fake.issue_reply_token()
    body = delivery(text_event(new_user(), "ติดต่อเทศบาลได้ที่ไหน", token))
    status, answer = post(app_url, body, signature(body))
    assert (status, answer) == (200, b"")
    (call,) = fake.wait_for(lambda: fake.replies(token))
    assert call.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    text = call.body["messages"][0]
    assert text["type"] == "text" and "เทศบาลนครยะลา" in text["text"]
    labels = [item["action"]["label"] for item in text["quickReply"]["items"]]
    assert labels and all(len(label) <= 20 for label in labels)


def test_wrong_signature_gets_401_and_no_reply(line) -> None:
    app_url, fake, _ = line
    token = fake.issue_reply_token()
    body = delivery(text_event(new_user(), "สวัสดี", token))
    assert post(app_url, body, signature(body, "not-the-channel-secret")) == (401, b"")
    assert post(app_url, body, None) == (401, b"")
    tampered = body.replace("สวัสดี".encode(), "ลาก่อน".encode())
    assert post(app_url, tampered, signature(body))[0] == 401
    say(line, new_user(), "สวัสดี")  # a good delivery after them is answered ...
    assert fake.replies(token) == []  # ... and the bad ones never were


def test_verification_call_without_events_gets_200(line) -> None:
    app_url, _, _ = line
    body = delivery()
    assert post(app_url, body, signature(body)) == (200, b"")


def test_redelivered_event_is_not_answered_twice(line) -> None:
    app_url, fake, _ = line
    user = new_user()
    token = fake.issue_reply_token()
    first = text_event(user, "ค่าฝุ่นวันนี้เท่าไหร่", token)
    body = delivery(first)
    assert post(app_url, body, signature(body))[0] == 200
    fake.wait_for(lambda: fake.replies(token))
    fake.reply_tokens.add(token)  # so a second answer would be accepted, and seen
    sentinel_token = fake.issue_reply_token()
    again = {**first, "deliveryContext": {"isRedelivery": True}}
    body = delivery(again, text_event(user, "สวัสดี", sentinel_token))
    assert post(app_url, body, signature(body))[0] == 200
    fake.wait_for(lambda: fake.replies(sentinel_token))
    assert len(fake.replies(token)) == 1


def test_emergency_numbers_come_first_as_call_buttons(line) -> None:
    app_url, fake, _ = line
    token = fake.issue_reply_token()
    body = delivery(text_event(new_user(), "ไฟไหม้บ้าน ช่วยด้วย", token))
    post(app_url, body, signature(body))
    (call,) = fake.wait_for(lambda: fake.replies(token))
    card = call.body["messages"][0]
    assert card["type"] == "flex"
    uris = [button["action"]["uri"] for button in card["contents"]["footer"]["contents"]]
    assert "tel:199" in uris and "tel:1669" in uris


def test_photo_and_location_become_a_complaint_and_status_changes_are_pushed(line) -> None:
    app_url, fake, database_url = line
    user = new_user()
    fake.contents["468789577898262530"] = (JPEG, "image/jpeg")
    token = fake.issue_reply_token()
    body = delivery(image_event(user, "468789577898262530", token))
    post(app_url, body, signature(body))
    (call,) = fake.wait_for(lambda: fake.replies(token))
    assert "ประเภท" in call.body["messages"][0]["text"]  # a photo alone starts a filing
    content_calls = [c for c in fake.calls if c.path == "/v2/bot/message/468789577898262530/content"]
    assert content_calls and content_calls[0].headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    asked_place = say(line, user, "1")  # category: road
    assert "ส่งตำแหน่ง" in [item["action"]["label"] for item in asked_place["quickReply"]["items"]]
    token = fake.issue_reply_token()
    body = delivery(location_event(user, token, latitude=6.5536, longitude=101.2979, address="ถนนสิโรรส ยะลา"))
    post(app_url, body, signature(body))
    fake.wait_for(lambda: fake.replies(token))
    summary = say(line, user, "ถนนเป็นหลุมลึกประมาณ 30 ซม. หน้าร้านขายยา")
    assert "ชุมชนเมืองทอง" in summary["text"] and "1 รูป" in summary["text"]
    done = say(line, user, "ยืนยัน")
    engine = connect(database_url)
    complaints = store.load(engine, "complaints")
    filed = complaints[complaints["ticket_id"].map(lambda t: t in done["text"])]
    assert len(filed) == 1
    row = filed.iloc[0]
    assert (row["channel"], row["category"], row["community"]) == ("line", "road", "เมืองทอง")
    ticket = str(row["ticket_id"])
    kept = tickets.staff_view(engine, ticket).private  # type: ignore[union-attr]
    assert [tickets.photo(engine, photo_id).content for photo_id, _, _ in kept["photos"]] == [JPEG]  # type: ignore[union-attr]

    # Staff move it on in the inbox: the filer hears of it on LINE, once per change.
    tickets.move(engine, ticket, "in_progress", actor="somchai")
    push = fake.wait_for(lambda: fake.pushes(user))[0]
    assert push.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}" and push.headers.get("X-Line-Retry-Key")
    assert ticket in push.body["messages"][0]["text"]
    tickets.move(engine, ticket, "resolved", actor="somchai", public_note="ซ่อมหลุมแล้ว")
    fake.wait_for(lambda: fake.pushes(user)[1:])
    asked = fake.pushes(user)[1].body["messages"][0]
    rating = asked["quickReply"]["items"][3]["action"]
    assert rating["type"] == "postback" and rating["data"] == f"rate={ticket}&score=4"
    token = fake.issue_reply_token()
    body = delivery(postback_event(user, rating["data"], token))
    post(app_url, body, signature(body))
    fake.wait_for(lambda: fake.replies(token))
    rated = store.load(engine, "complaints")
    assert int(rated.loc[rated["ticket_id"] == ticket, "satisfaction"].iloc[0]) == 4
    assert len(fake.pushes(user)) == 2  # each change told once


def test_a_sparse_event_without_quote_token_or_event_id_is_answered_once(line) -> None:
    """Events as older payloads (or hand-built ones) carry them: no quoteToken, no webhookEventId."""
    app_url, fake, _ = line
    token = fake.issue_reply_token()
    event = {"type": "message", "replyToken": token, "timestamp": 1700000000000,
             "source": {"type": "user", "userId": new_user()}, "message": {"type": "text", "id": "1", "text": "สวัสดี"}}  # fmt: skip
    body = delivery(event)
    assert post(app_url, body, signature(body))[0] == 200
    fake.wait_for(lambda: fake.replies(token))
    fake.reply_tokens.add(token)
    sentinel = fake.issue_reply_token()
    body = delivery({**event, "deliveryContext": {"isRedelivery": True}}, text_event(new_user(), "สวัสดี", sentinel))
    assert post(app_url, body, signature(body))[0] == 200
    fake.wait_for(lambda: fake.replies(sentinel))
    assert len(fake.replies(token)) == 1
