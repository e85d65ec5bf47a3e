"""The edges of the web server, for every HTTP response app.py's st.App gives (no Streamlit here).

- Security headers on every response: the pages may be framed only by the app itself (its own
  components), content types are not sniffed, other sites get no page address in the referrer,
  and forms may post only to this site. The content security policy stops short of `script-src`:
  Streamlit's own page and `st.html` run inline scripts, which a script policy would block.
- `/_stcore/metrics` is closed: Streamlit's internal figures are nobody's business outside.
- `/api/ready` answers 200 only when the city database answers; Streamlit's `/_stcore/health`
  says "ok" whatever the database does, so a load balancer asks here.
"""

from __future__ import annotations

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from data_sources import store

SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}
CLOSED_PATHS = ("/_stcore/metrics",)
READY_PATH = "/api/ready"


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
