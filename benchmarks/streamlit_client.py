"""A protocol-level Streamlit visitor: what a browser tab does over the wire, without the browser.

It opens the websocket `/_stcore/stream` as the page's JavaScript does, asks for one run of a page
(a `rerun_script` BackMsg naming the page by its URL path, with the query string) and reads
ForwardMsgs until the run's `script_finished`. The server does all of its per-visitor work
(session, script run, every element) exactly as for a browser; only the drawing is left out.

A signed-in visitor signs in as the app does after a right password (ui/auth.py `attempt`):
the password is checked, a server-side session opened, a one-minute ticket signed with the
shared key and posted to /api/session/start from the app's own origin; the cookie that route
sets goes with the websocket, and the app restores the sign-in from it (ui/auth.py `restore`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from data_sources import accounts, sign_in_sessions
from data_sources.city_time import CITY_ZONE
from data_sources.demo_accounts import demo_passwords
from ui.auth_routes import START_PATH
from ui.auth_token import COOKIE_NAME, issue

_FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


@dataclass(frozen=True)
class PageLoad:
    seconds: float  # from opening the websocket to the run's script_finished
    elements: int  # deltas received
    errors: int  # exception elements and compile errors


def _errors(message: ForwardMsg) -> int:
    kind = message.WhichOneof("type")
    if kind == "page_not_found":  # the page is not in this visitor's navigation (not signed in?)
        return 1
    if kind == "script_finished":
        return int(message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        return int(message.delta.new_element.WhichOneof("type") == "exception")
    return 0


async def load_page(
    base: str, page: str, *, query: str = "", cookie: str | None = None, source: str | None = None
) -> PageLoad:
    """One visitor's page load: connect, run `page` (a URL path such as "mayor"; "" is the default
    page), wait for the end. `source` is a local address to connect from (127.0.0.x: each visitor
    its own address, as separate phones have, so a proxy's sticky hashing spreads them)."""
    origin = base.rstrip("/")
    stream = origin.replace("http", "ws", 1) + "/_stcore/stream"
    headers = {"Origin": origin}
    if cookie:
        headers["Cookie"] = f"{COOKIE_NAME}={cookie}"
    request = BackMsg()
    request.rerun_script.query_string = query
    request.rerun_script.page_name = page
    request.rerun_script.context_info.timezone = CITY_ZONE.key
    request.rerun_script.context_info.locale = "th-TH"
    request.rerun_script.context_info.url = f"{origin}/{page}{'?' + query if query else ''}"
    started = time.perf_counter()
    elements = errors = 0
    bind = {"local_addr": (source, 0)} if source else {}
    try:
        # No keepalive pings: a browser sends none, and a busy server answering late is what we measure.
        async with websockets.connect(stream, subprotocols=["streamlit"], additional_headers=headers, max_size=None,
                                      open_timeout=600, ping_interval=None, **bind) as socket:  # fmt: skip
            await socket.send(request.SerializeToString())
            async for frame in socket:
                message = ForwardMsg()
                message.ParseFromString(frame)
                elements += message.WhichOneof("type") == "delta"
                errors += _errors(message)
                if message.WhichOneof("type") == "script_finished" and message.script_finished in _FINISHED:
                    break
            else:
                errors += 1  # closed by the server before the page's end
    except (OSError, websockets.WebSocketException):
        errors += 1  # refused, reset or closed: the visitor saw no page
    return PageLoad(time.perf_counter() - started, elements, errors)


def load_page_now(*args: object, **kwargs: object) -> PageLoad:
    """`load_page` from synchronous code, on a thread of its own: the caller's thread may already
    run an event loop (Playwright's sync API leaves one in a test worker), where asyncio.run fails."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, load_page(*args, **kwargs)).result()  # type: ignore[arg-type]


def sign_in(base: str, engine, username: str = "demo.mayor", password: str | None = None) -> str:  # noqa: ANN001
    """The session cookie for an account (a demo account: its generated password), through the
    app's own sign-in route."""
    password = password if password is not None else demo_passwords(engine)[username]
    result = accounts.verify(engine, username, password, client="benchmark")
    if result.account is None:
        raise RuntimeError(f"sign-in refused: {result.outcome}")
    session = sign_in_sessions.open_session(engine, username)
    ticket = issue("ticket", username, result.account.stamp, session=session)
    origin = base.rstrip("/")
    body = urllib.parse.urlencode({"ticket": ticket, "next": "/mayor"}).encode("ascii")
    post = urllib.request.Request(origin + START_PATH, data=body, method="POST", headers={"Origin": origin})

    class _Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            return None  # keep the 303 and its Set-Cookie

    try:
        response = urllib.request.build_opener(_Stay).open(post, timeout=60)
        cookies = response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as redirect:
        cookies = redirect.headers.get_all("Set-Cookie") or []
    for cookie in cookies:
        name, _, rest = cookie.partition("=")
        if name.strip() == COOKIE_NAME:
            return rest.split(";", 1)[0]
    raise RuntimeError("the sign-in route set no cookie (is CITY_SESSION_SECRET the same on both sides?)")


async def crowd(
    base: str, page: str, visitors: int, *, cookie: str | None = None, first_address: int = 2
) -> list[PageLoad]:
    """`visitors` page loads of `page` arriving together, each from its own loopback address."""
    loads = (load_page(base, page, cookie=cookie, source=f"127.0.0.{first_address + i}") for i in range(visitors))
    return list(await asyncio.gather(*loads))
