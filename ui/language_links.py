"""Links that name the language by its code (?lang=en, ?lang=th) redirected to the toggle's form.

The language toggle is bound to the URL by its label (?lang=English), which is what the app writes
and what a reload keeps; people and other sites write the codes. Rewriting the link before
Streamlit sees it keeps the one bound form, and the page the link names.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ui.i18n import LABELS, LANG_KEY

_CODE_OF = {"en": "en", "eng": "en", "english": "en", "th": "th", "tha": "th", "thai": "th", "ไทย": "th"}
_NOT_PAGES = ("/_stcore", "/static", "/app/static", "/media", "/component", "/api", "/auth", "/oauth")


def redirect_target(path: str, query: str) -> str | None:
    """Where a page link naming its language by code should go instead; None if it is fine.

    >>> redirect_target("/chatbot", "lang=en&q=1"), redirect_target("/", "lang=English")
    ('/chatbot?lang=English&q=1', None)
    >>> redirect_target("/upload", "lang=TH"), redirect_target("/_stcore/health", "lang=en")
    ('/upload?lang=%E0%B9%84%E0%B8%97%E0%B8%A2', None)

    A path a browser would read as another host (`//evil.example`, `/\\evil.example`) stays on
    this site: the redirect names it with a single slash.

    >>> redirect_target("//evil.example", "lang=en")
    '/evil.example?lang=English'
    """
    if path.startswith(_NOT_PAGES):
        return None
    path = "/" + path.lstrip("/\\")
    pairs = parse_qsl(query, keep_blank_values=True)
    written = next((value for key, value in pairs if key == LANG_KEY), None)
    code = _CODE_OF.get(written.strip().lower()) if written else None
    if code is None or written == LABELS[code]:
        return None
    fixed = [(key, LABELS[code] if key == LANG_KEY else value) for key, value in pairs]
    return f"{path}?{urlencode(fixed, quote_via=quote)}"


class LanguageLinks:
    """ASGI middleware: a 307 to `redirect_target` for GET and HEAD requests that have one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            target = redirect_target(scope["path"], scope["query_string"].decode("utf-8", "replace"))
            if target is not None:
                await RedirectResponse(target, status_code=307)(scope, receive, send)
                return
        await self.app(scope, receive, send)
