"""A local fake of the LINE Messaging API, speaking its real protocol, and signed webhook bodies.

The fake serves what this app calls: POST /v2/bot/message/reply, POST /v2/bot/message/push and
GET /v2/bot/message/{messageId}/content (LINE's api-data host; one base here). Like LINE it
answers 401 without the channel access token as `Authorization: Bearer`, 400 for a reply token
it never issued or already used, 409 for a push whose X-Line-Retry-Key was seen, and 404 for
unknown content. Every request is recorded for the test to read.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHANNEL_SECRET = "test-channel-secret-0123456789ab"
ACCESS_TOKEN = "test-channel-access-token"


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    status: int


@dataclass
class FakeLine:
    base_url: str = ""
    calls: list[Call] = field(default_factory=list)
    reply_tokens: set[str] = field(default_factory=set)  # issued, not yet used
    contents: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    retry_keys: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def issue_reply_token(self) -> str:
        token = uuid.uuid4().hex
        with self.lock:
            self.reply_tokens.add(token)
        return token

    def replies(self, token: str | None = None) -> list[Call]:
        with self.lock:
            return [
                c
                for c in self.calls
                if c.path == "/v2/bot/message/reply" and (token is None or (c.body or {}).get("replyToken") == token)
            ]

    def pushes(self, to: str | None = None) -> list[Call]:
        with self.lock:
            return [
                c
                for c in self.calls
                if c.path == "/v2/bot/message/push" and (to is None or (c.body or {}).get("to") == to)
            ]

    def wait_for(self, found: Callable[[], list[Call]], *, timeout: float = 60.0) -> list[Call]:
        """Poll until `found()` is non-empty (the app works off the request), failing after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = found()
            if calls:
                return calls
            time.sleep(0.05)
        raise AssertionError(f"nothing arrived at the fake LINE server within {timeout:.0f} s; calls: {self.calls}")


class _Handler(BaseHTTPRequestHandler):
    fake: FakeLine  # set on the subclass each server gets

    def log_message(self, *args: Any) -> None:  # quiet test output
        return

    def _answer(self, status: int, document: dict[str, Any] | None = None, *, raw: bytes | None = None,
                content_type: str = "application/json") -> None:  # fmt: skip
        payload = raw if raw is not None else json.dumps(document or {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _record(self, body: dict[str, Any] | None, status: int) -> None:
        with self.fake.lock:
            self.fake.calls.append(Call(self.command, self.path, dict(self.headers.items()), body, status))

    def _authorised(self) -> bool:
        return self.headers.get("Authorization") == f"Bearer {ACCESS_TOKEN}"

    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        if not self._authorised():
            self._record(None, 401)
            return self._answer(
                401,
                {
                    "message": "Authentication failed. Confirm that the access token in the authorization header is valid."
                },
            )
        if len(parts) == 5 and parts[:3] == ["v2", "bot", "message"] and parts[4] == "content":
            found = self.fake.contents.get(parts[3])
            self._record(None, 200 if found else 404)
            if found is None:
                return self._answer(404, {"message": "Not found"})
            return self._answer(200, raw=found[0], content_type=found[1])
        self._record(None, 404)
        return self._answer(404, {"message": "Not found"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        status, document = self._post(body)
        self._record(body, status)
        self._answer(status, document)

    def _post(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if not self._authorised():
            return 401, {"message": "Authentication failed."}
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            return 415, {"message": "Unsupported Media Type"}
        messages = body.get("messages")
        if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
            return 400, {"message": "The request body has 1 error(s)", "details": [{"property": "messages"}]}
        sent = {"sentMessages": [{"id": uuid.uuid4().hex[:18], "quoteToken": uuid.uuid4().hex} for _ in messages]}
        if self.path == "/v2/bot/message/reply":
            with self.fake.lock:
                if body.get("replyToken") not in self.fake.reply_tokens:
                    return 400, {"message": "Invalid reply token"}
                self.fake.reply_tokens.discard(body["replyToken"])
            return 200, sent
        if self.path == "/v2/bot/message/push":
            key = self.headers.get("X-Line-Retry-Key")
            with self.fake.lock:
                if key and key in self.fake.retry_keys:
                    return 409, {"message": "The retry key is already accepted"}
                if key:
                    self.fake.retry_keys.add(key)
            if not str(body.get("to", "")).startswith("U"):
                return 400, {"message": "The property, 'to', in the request body is invalid"}
            return 200, sent
        return 404, {"message": "Not found"}


@contextmanager
def fake_line_server() -> Iterator[FakeLine]:
    fake = FakeLine()
    handler = type("Handler", (_Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fake-line", daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- webhook bodies, as LINE sends them


def signature(body: bytes, secret: str = CHANNEL_SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def delivery(*events: dict[str, Any]) -> bytes:
    return json.dumps(
        {"destination": "U0123456789abcdef0123456789abcdef", "events": list(events)}, ensure_ascii=False
    ).encode()


def _event(kind: str, user: str, reply_token: str | None, *, redelivery: bool = False, event_id: str | None = None,
           **extra: Any) -> dict[str, Any]:  # fmt: skip
    event: dict[str, Any] = {
        "type": kind,
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user},
        "webhookEventId": event_id or uuid.uuid4().hex[:26].upper(),
        "deliveryContext": {"isRedelivery": redelivery},
        **extra,
    }
    if reply_token is not None:
        event["replyToken"] = reply_token
    return event


def text_event(user: str, text: str, reply_token: str, **options: Any) -> dict[str, Any]:
    message = {"type": "text", "id": str(uuid.uuid4().int)[:18], "quoteToken": uuid.uuid4().hex, "text": text}
    return _event("message", user, reply_token, message=message, **options)


def image_event(user: str, message_id: str, reply_token: str) -> dict[str, Any]:
    message = {"type": "image", "id": message_id, "quoteToken": uuid.uuid4().hex, "contentProvider": {"type": "line"}}
    return _event("message", user, reply_token, message=message)


def location_event(user: str, reply_token: str, *, latitude: float, longitude: float, address: str) -> dict[str, Any]:
    message = {"type": "location", "id": str(uuid.uuid4().int)[:18], "title": "ตำแหน่งของฉัน", "address": address,
               "latitude": latitude, "longitude": longitude}  # fmt: skip
    return _event("message", user, reply_token, message=message)


def postback_event(user: str, data: str, reply_token: str) -> dict[str, Any]:
    return _event("postback", user, reply_token, postback={"data": data})


def new_user() -> str:
    return "U" + uuid.uuid4().hex
