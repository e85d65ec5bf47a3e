"""HTTP routes served by app.py's st.App for the sign-in cookie and original files.

A Streamlit script cannot set an HTTP-only cookie, so after a right password the sign-in page
posts a one-minute ticket to /api/session/start from the app's own page; this route accepts it
once, only when the browser says the post came from this site (Origin, Sec-Fetch-Site), so a
sign-in link or form planted elsewhere cannot sign a victim in as someone else. Sign-out posts to
/api/session/end the same way. /api/original/{id} hands an upload's original file to a browser
whose session cookie belongs to an account allowed to have it (data_sources/originals.py).
"""

from __future__ import annotations

from contextlib import suppress
from urllib.parse import parse_qs, quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from data_sources import accounts, originals, sign_in_sessions, store
from data_sources.accounts import Account
from data_sources.db import DATABASE_FAULTS
from ui.auth_token import COOKIE_NAME, SESSION_SECONDS, issue, read, safe_next

START_PATH = "/api/session/start"
END_PATH = "/api/session/end"
ORIGINAL_PATH = "/api/original"
_MAX_FORM_BYTES = 8192
# Set by app.py when its st.App serves these routes; without them a sign-in lasts one page load.
mounted = False


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"


def same_site(request: Request) -> bool:
    """True when the browser says this request comes from a page of this site."""
    fetched_from = request.headers.get("sec-fetch-site")
    if fetched_from is not None and fetched_from != "same-origin":
        return False
    origin = request.headers.get("origin")
    return origin is not None and urlsplit(origin).netloc == request.headers.get("host")


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > _MAX_FORM_BYTES:
        return {}
    return {key: values[0] for key, values in parse_qs(body.decode("utf-8", "replace")).items()}


def _redirect(target: str | None) -> Response:
    response = RedirectResponse(safe_next(target), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def session_account(request: Request) -> Account | None:
    """The account whose open session the request's cookie names (checked against the database)."""
    claims = read(request.cookies.get(COOKIE_NAME), "session")
    if claims is None:
        return None
    engine = store.connect()
    found = accounts.get_account(engine, claims.username)
    if found is None or not found.active or found.stamp != claims.stamp:
        return None
    return found if sign_in_sessions.is_open(engine, claims.session, claims.username) else None


def _claim(claims_username: str, session: str) -> bool:
    try:
        return sign_in_sessions.claim(store.connect(), session, claims_username)
    except DATABASE_FAULTS:  # busy or down: no cookie this time (the page keeps its own sign-in)
        return False


def _end(session: str) -> None:
    # Busy or down: the page ended the session already when it could; the cookie goes anyway.
    with suppress(*DATABASE_FAULTS):
        sign_in_sessions.end(store.connect(), session)


async def start_session(request: Request) -> Response:
    """Exchange a valid, unused ticket posted from this site for the session cookie; then go to `next`."""
    form = await _form(request)
    response = _redirect(form.get("next"))
    if not same_site(request):
        return response  # a planted link or a form on another site: nobody is signed in
    claims = read(form.get("ticket"), "ticket")
    if claims is None or not await run_in_threadpool(_claim, claims.username, claims.session):
        return response  # an old, used or forged ticket: the visitor simply stays signed out
    response.set_cookie(
        COOKIE_NAME,
        issue("session", claims.username, claims.stamp, session=claims.session),
        max_age=SESSION_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_is_https(request),
    )
    return response


async def end_session(request: Request) -> Response:
    """Sign out: end the cookie's session on the server, then delete the cookie."""
    form = await _form(request)
    response = _redirect(form.get("next"))
    if not same_site(request):
        return response
    claims = read(request.cookies.get(COOKIE_NAME), "session")
    if claims is not None:
        await run_in_threadpool(_end, claims.session)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=_is_https(request))
    return response


# Addresses a reverse proxy of ours forwards from: only then is X-Forwarded-For believed.
TRUSTED_PROXIES = frozenset({"127.0.0.1", "::1"})


def client_address(peer: str | None, forwarded_for: str | None) -> str:
    """Who is knocking: the browser's address, as our own reverse proxy saw it when there is one.

    >>> client_address("10.1.2.3", "6.6.6.6"), client_address("127.0.0.1", "6.6.6.6, 10.9.8.7")
    ('10.1.2.3', '10.9.8.7')
    """
    address = peer or "local"
    if address in TRUSTED_PROXIES:
        return (forwarded_for or "").split(",")[-1].strip() or address
    return address


def _client(request: Request) -> str:
    return client_address(request.client.host if request.client else None, request.headers.get("x-forwarded-for"))


async def original_file(request: Request) -> Response:
    """An upload's original file, to a signed-in account allowed to have it; 403 otherwise."""
    try:
        upload_id = int(request.path_params["upload_id"])
    except ValueError:
        return PlainTextResponse("Not found", status_code=404)
    try:
        account = await run_in_threadpool(session_account, request)
        name, content = await run_in_threadpool(originals.download, store.connect(), account, upload_id,
                                                 client=_client(request))  # fmt: skip
    except originals.OriginalRefused:
        return PlainTextResponse("Forbidden / ไม่มีสิทธิ์", status_code=403, headers={"Cache-Control": "no-store"})
    except DATABASE_FAULTS:
        busy = "The database is busy: try again in a minute / ฐานข้อมูลไม่ว่าง กรุณาลองใหม่ในอีกสักครู่"
        return PlainTextResponse(busy, status_code=503, headers={"Cache-Control": "no-store", "Retry-After": "60"})
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(content, media_type="application/octet-stream", headers=headers)


ROUTES = [
    Route(START_PATH, start_session, methods=["POST"]),
    Route(END_PATH, end_session, methods=["POST"]),
    Route(ORIGINAL_PATH + "/{upload_id}", original_file, methods=["GET"]),
]
