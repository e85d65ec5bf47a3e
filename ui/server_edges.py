"""The edges of the web server, for every HTTP response app.py's st.App gives (no Streamlit here).

- Security headers on every response: the pages may be framed only by the app itself (its own
  components), content types are not sniffed, other sites get no page address in the referrer,
  and forms may post only to this site. The content security policy stops short of `script-src`:
  Streamlit's own page and `st.html` run inline scripts, which a script policy would block.
- `/_stcore/metrics` is closed: Streamlit's internal figures are nobody's business outside.
- `/api/ready` answers 200 only when the city database answers; Streamlit's `/_stcore/health`
  says "ok" whatever the database does, so a load balancer asks here.
- Uploads (`/_stcore/upload_file`) from a browser that is not signed in get a small allowance per
  address and hour: enough for the photos a citizen adds to a complaint or a committee's sample
  file, not for parking hundreds of megabytes in the server's memory. Signed-in staff keep the
  full limit of `server.maxUploadSize` per file.
"""

from __future__ import annotations

import threading
import time
from collections import deque

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from data_sources import store
from data_sources.db import DATABASE_FAULTS
from ui import auth_routes

SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}
CLOSED_PATHS = ("/_stcore/metrics",)
READY_PATH = "/api/ready"
UPLOAD_PATH = "/_stcore/upload_file/"
ANONYMOUS_UPLOAD_BYTES = 30 * 1024 * 1024  # per address and hour, for browsers not signed in
_UPLOAD_WINDOW_SECONDS = 3600


class UploadAllowance:
    """Bytes uploaded per address in the last hour, for browsers that are not signed in."""

    def __init__(self, limit: int = ANONYMOUS_UPLOAD_BYTES) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._sent: dict[str, deque[tuple[float, int]]] = {}

    def take(self, address: str, size: int, now: float | None = None) -> bool:
        """Count `size` bytes for `address`; False (nothing counted) when they would pass the limit."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            for key in [k for k, sent in self._sent.items() if sent and sent[-1][0] < moment - _UPLOAD_WINDOW_SECONDS]:
                del self._sent[key]
            sent = self._sent.setdefault(address, deque())
            while sent and sent[0][0] < moment - _UPLOAD_WINDOW_SECONDS:
                sent.popleft()
            if sum(size for _, size in sent) + size > self.limit:
                return False
            sent.append((moment, size))
            return True


upload_allowance = UploadAllowance()


async def _upload_refused(scope: Scope, receive: Receive) -> Response | None:
    """A response refusing this upload, or None to let Streamlit take it."""
    request = Request(scope, receive)
    if await run_in_threadpool(_signed_in, request):
        return None
    length = request.headers.get("content-length", "")
    if not length.isdigit():  # a streamed body of unknown size: only signed-in browsers may send one
        return PlainTextResponse("Length required", status_code=411, headers=SECURITY_HEADERS)
    address = auth_routes.client_address(request.client.host if request.client else None,
                                         request.headers.get("x-forwarded-for"))  # fmt: skip
    if not upload_allowance.take(address, int(length)):
        return PlainTextResponse("Too much uploaded: sign in, or try again later", status_code=413,
                                 headers=SECURITY_HEADERS)  # fmt: skip
    return None


def _signed_in(request: Request) -> bool:
    try:
        return auth_routes.session_account(request) is not None
    except DATABASE_FAULTS:
        return False


class ServerEdges:
    """ASGI middleware: closed paths answer 404; every other HTTP response gets the headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].rstrip("/") in CLOSED_PATHS:
            await PlainTextResponse("Not found", status_code=404, headers=SECURITY_HEADERS)(scope, receive, send)
            return
        if scope["method"] == "PUT" and scope["path"].startswith(UPLOAD_PATH):
            refused = await _upload_refused(scope, receive)
            if refused is not None:
                await refused(scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _database_answers() -> bool:
    try:
        with store.connect().connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to reach the database means "not ready"
        return False
    return True


async def ready(_request: Request) -> Response:
    """200 "ready" while the city database answers a query, 503 otherwise (no details to visitors)."""
    answers = await run_in_threadpool(_database_answers)
    headers = {"Cache-Control": "no-store"}
    if answers:
        return PlainTextResponse("ready", headers=headers)
    return PlainTextResponse("database unavailable", status_code=503, headers=headers)


ROUTES = [Route(READY_PATH, ready, methods=["GET", "HEAD"])]
