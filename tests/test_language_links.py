"""Links naming the language by code are redirected to the toggle's own URL form, page kept."""

from __future__ import annotations

import doctest
from collections.abc import Coroutine

import pytest

from ui import language_links
from ui.language_links import LanguageLinks, redirect_target


def test_doctests() -> None:
    assert doctest.testmod(language_links).failed == 0


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/chatbot", "lang=en", "/chatbot?lang=English"),
        ("/", "lang=%20EN%20", "/?lang=English"),
        (
            "/complaint-status",
            "ticket=000123%2F2569&lang=english",
            "/complaint-status?ticket=000123%2F2569&lang=English",
        ),
        ("/", "lang=English", None),
        ("/", "lang=%E0%B9%84%E0%B8%97%E0%B8%A2", None),  # ไทย, the toggle's own label
        ("/", "lang=klingon", None),
        ("/", "", None),
        ("/_stcore/stream", "lang=en", None),
        ("/api/session/start", "next=%2F%3Flang%3Den", None),
    ],
)
def test_redirect_targets(path: str, query: str, expected: str | None) -> None:
    assert redirect_target(path, query) == expected


def _run_to_end(coroutine: Coroutine[object, object, None]) -> None:
    # Nothing here waits on I/O, so one step finishes it; asyncio.run would refuse to start while
    # Playwright's loop from the browser tests is running in this thread.
    with pytest.raises(StopIteration):
        coroutine.send(None)


def _call(method: str, path: str, query: bytes) -> list[dict]:
    sent: list[dict] = []
    reached: list[str] = []

    async def app(scope, receive, send) -> None:  # noqa: ANN001 - a stand-in for Streamlit's ASGI app
        reached.append(scope["path"])

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": []}
    _run_to_end(LanguageLinks(app)(scope, receive, send))
    return sent if sent else [{"reached": reached}]


def test_the_middleware_redirects_page_requests_and_passes_the_rest_through() -> None:
    start = _call("GET", "/chatbot", b"lang=en")[0]
    assert start["status"] == 307
    assert (b"location", b"/chatbot?lang=English") in start["headers"]
    assert _call("GET", "/chatbot", b"lang=English") == [{"reached": ["/chatbot"]}]
    assert _call("POST", "/chatbot", b"lang=en") == [{"reached": ["/chatbot"]}]
