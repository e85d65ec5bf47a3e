"""Channel speed: how fast the LINE webhook answers LINE, beside the work it moves off the request,
and Open311's request list beside the store read it is built on.

- line.webhook_ack: POST /line/webhook (signature, parse, hand-off) until its 200, through the
  ASGI app as the server runs it; goal (issue #14): well under LINE's timeout, p95 < 50 ms.
- line.event_handled: the same text events handled inline (dedupe, state, chatbot, reply attempt
  to a closed local port): what each request would cost if answered before its 200.
- open311.requests_json: GET requests.json (the last 90 days of the demo city) beside
  store.load of complaints, its own first step.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
from starlette.routing import Router

from data_sources import seed, store

SECRET, TOKEN = "bench-channel-secret", "bench-access-token"
QUESTIONS = ("ค่าฝุ่นวันนี้เท่าไหร่", "ระดับน้ำแม่น้ำปัตตานีตอนนี้", "ติดต่อเทศบาลได้ที่ไหน", "ไฟไหม้บ้าน", "รถเก็บขยะมาวันไหน")
ACK_GOAL_MS = 50.0


def _body(text: str) -> bytes:
    event = {"type": "message", "mode": "active", "timestamp": int(time.time() * 1000),
             "source": {"type": "user", "userId": "U" + uuid.uuid4().hex}, "replyToken": uuid.uuid4().hex,
             "webhookEventId": uuid.uuid4().hex.upper()[:26], "deliveryContext": {"isRedelivery": False},
             "message": {"type": "text", "id": "1", "quoteToken": "q", "text": text}}  # fmt: skip
    return json.dumps({"destination": "Ubench", "events": [event]}, ensure_ascii=False).encode()


def _signed(body: bytes) -> str:
    return base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()


async def _asgi(app: Router, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> int:
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
             "scheme": "http", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}  # fmt: skip
    pending = [{"type": "http.request", "body": body, "more_body": False}]
    status = 0

    async def receive() -> dict[str, Any]:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


def _percentiles(name: str, samples: list[float], **extra: Any) -> dict[str, Any]:
    values = np.array(samples)
    return {"name": name, "value": round(float(np.percentile(values, 95)), 2), "p50_ms": round(float(np.percentile(values, 50)), 2),
            "p95_ms": round(float(np.percentile(values, 95)), 2), "n": len(samples), **extra}  # fmt: skip


def run(*, quick: bool = False) -> list[dict[str, Any]]:
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='channels-bench-')) / 'city.db'}"
    seed.load_demo(store.connect(url))
    os.environ.update({"CITY_DB_URL": url, "LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
                       "LINE_API_BASE": "http://127.0.0.1:9", "LINE_NOTIFY_SECONDS": "0"})  # fmt: skip

    from channels import line_webhook, open311
    from channels.line_events import read_delivery

    app = Router(routes=[*line_webhook.ROUTES, *open311.ROUTES])
    rounds = 4 if quick else 20
    bodies = [_body(q) for _ in range(rounds) for q in QUESTIONS]
    bot = line_webhook.dispatcher().bot
    for body in bodies[:5]:  # warm: model trained, datasets read once
        for event in read_delivery(body):
            bot.handle(event)
    acks, handled = [], []
    for body in bodies:
        started = time.perf_counter()
        status = asyncio.run(_asgi(app, "POST", line_webhook.PATH, body, {"X-Line-Signature": _signed(body)}))
        acks.append((time.perf_counter() - started) * 1000)
        assert status == 200
    line_webhook.dispatcher()._pool.shutdown(wait=True)
    for body in bodies:
        inline = _body(json.loads(body)["events"][0]["message"]["text"])
        events = read_delivery(inline)
        started = time.perf_counter()
        for event in events:
            bot.handle(event)
        handled.append((time.perf_counter() - started) * 1000)
    figures = [
        _percentiles("line.webhook_ack_ms_p95", acks, goal_ms=ACK_GOAL_MS),
        _percentiles("line.event_handled_inline_ms_p95", handled),
    ]
    loads, lists = [], []
    for _ in range(3 if quick else 10):
        store._cache.clear()
        started = time.perf_counter()
        store.load(store.connect(url), "complaints", include_personal=False)
        loads.append((time.perf_counter() - started) * 1000)
        store._cache.clear()
        started = time.perf_counter()
        assert asyncio.run(_asgi(app, "GET", "/open311/v2/requests.json")) == 200
        lists.append((time.perf_counter() - started) * 1000)
    figures.append(_percentiles("open311.requests_json_cold_ms_p95", lists))
    figures.append(_percentiles("open311.baseline_store_load_ms_p95", loads))
    return figures
