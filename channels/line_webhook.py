"""The LINE webhook route (`POST /line/webhook`, mounted by app.py's st.App).

Order matters: the signature (Base64 HMAC-SHA256 of the raw body with the channel secret) is
checked before anything else is read, and a bad one gets a bare 401. A good delivery is
answered 200 at once; its events are handled on a worker thread, one delivery after another
per LINE user, so LINE never waits for the chatbot (LINE times a webhook out after a few
seconds and then retries, which would only add redeliveries).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path

from linebot.v3.webhook import SignatureValidator
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from channels import notices, settings
from channels.line_api import LineApi
from channels.line_bot import LineBot
from channels.line_events import LineEvent, read_delivery
from data_sources.db import connect

log = logging.getLogger(__name__)
PATH = "/line/webhook"
MAX_BODY = 1_000_000  # LINE's deliveries are a few kilobytes; anything near this is not LINE
WORKERS = 2


class Dispatcher:
    """Runs each delivery's events off the request; a LINE user's deliveries never overlap."""

    def __init__(self, bot: LineBot) -> None:
        self.bot = bot
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="line-webhook")
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def submit(self, events: Sequence[LineEvent]) -> Future[None]:
        return self._pool.submit(self._run, list(events))

    def _lock_for(self, event: LineEvent) -> threading.Lock:
        user = event.user_id or ""
        with self._guard:
            return self._locks[user]

    def _run(self, events: list[LineEvent]) -> None:
        for event in events:
            try:
                with self._lock_for(event):
                    self.bot.handle(event)
            except Exception as error:  # one bad event must not stop the others, nor the worker
                # Where, not what: an error's text can hold the citizen's words or id (SQL parameters).
                where = traceback.extract_tb(error.__traceback__)[-1]
                log.error("LINE %s event failed: %s at %s:%d", event.kind, type(error).__name__,
                          Path(where.filename).name, where.lineno)  # fmt: skip


@cache
def _dispatcher(secret: str, token: str, api_base: str, data_api_base: str) -> Dispatcher:
    line = settings.LineSettings(secret, token, api_base, data_api_base, 0)
    return Dispatcher(LineBot(connect(), LineApi(line)))


def dispatcher() -> Dispatcher:
    line = settings.line()
    return _dispatcher(line.channel_secret or "", line.access_token or "", line.api_base, line.data_api_base)


async def line_webhook(request: Request) -> Response:
    line = settings.line()
    if not line.configured:
        return Response(status_code=503)  # not set up: LINE's console shows the webhook as failing
    body = await request.body()
    if len(body) > MAX_BODY:
        return Response(status_code=413)
    try:
        signed = SignatureValidator(line.channel_secret).validate(
            body.decode("utf-8"), request.headers.get("x-line-signature", "")
        )
    except UnicodeDecodeError:
        signed = False
    if not signed:
        return Response(status_code=401)
    try:
        events = read_delivery(body)
    except ValueError:
        return Response(status_code=400)  # signed with our secret, but not a webhook body
    if events:  # the console's "Verify" sends a signed delivery with no events: 200 is all it wants
        dispatcher().submit(events)
    return Response(status_code=200)


ROUTES = [Route(PATH, line_webhook, methods=["POST"])]


@cache
def start_notifier() -> threading.Event | None:
    """Once per process: push status changes to LINE filers every LINE_NOTIFY_SECONDS.
    Returns the event that stops it (None when LINE is not configured or notices are off)."""
    line = settings.line()
    if not line.configured or line.notify_seconds <= 0:
        return None
    stop = threading.Event()
    bot = dispatcher().bot
    threading.Thread(
        target=notices.run_notifier, args=(bot.engine, bot.api, line.notify_seconds, stop),
        name="line-notices", daemon=True,
    ).start()  # fmt: skip
    return stop
