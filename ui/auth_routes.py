"""The two HTTP routes that set and clear the sign-in cookie (served by app.py's st.App).

A Streamlit script cannot set an HTTP-only cookie, so the sign-in page sends the browser to
/api/session/start with a one-minute, one-use ticket; this route swaps it for the session
cookie and sends the browser on to the page. /api/session/end deletes the cookie.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ui.auth_token import COOKIE_NAME, SESSION_SECONDS, issue, read, safe_next, used_tickets

START_PATH = "/api/session/start"
END_PATH = "/api/session/end"
# Set by app.py when its st.App serves these routes; without them a sign-in lasts one page load.
mounted = False


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"


async def start_session(request: Request) -> Response:
    """Exchange a valid, unused ticket for the session cookie; then go to `next`."""
    claims = read(request.query_params.get("ticket"), "ticket")
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    if claims is None or not used_tickets.claim(claims):
        return response  # an old or forged ticket: the visitor simply stays signed out
    response.set_cookie(
        COOKIE_NAME,
        issue("session", claims.username, claims.stamp),
        max_age=SESSION_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_is_https(request),
    )
    return response


async def end_session(request: Request) -> Response:
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=_is_https(request))
    return response


ROUTES = [Route(START_PATH, start_session, methods=["GET"]), Route(END_PATH, end_session, methods=["GET"])]
