"""The edges of the server (issue #16, item 4), asked of the real app over HTTP.

- no open redirect: `//evil.example?lang=en` stays on this site;
- security headers on pages, Streamlit's own routes, redirects and our routes;
- `/_stcore/metrics` closed;
- `/api/ready` checks the database (Streamlit's health route says "ok" whatever it does);
- uploads from browsers not signed in: an allowance per address and hour, not 200 MB parked.
"""

from __future__ import annotations

import asyncio
import http.client
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from starlette.responses import Response
from starlette.routing import Router

from data_sources import accounts, sign_in_sessions, store
from data_sources.db import connect
from helpers.browser import free_port, serve_app
from helpers.db import sqlite_url
from ui import server_edges
from ui.auth_token import COOKIE_NAME, issue
from ui.server_edges import SECURITY_HEADERS, ServerEdges, UploadAllowance


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One app for the module over an empty city (no page is run, so no demo city is needed)."""
    work: Path = tmp_path_factory.mktemp("edges")
    database_url = sqlite_url(work)
    connect(database_url)
    with serve_app(work, database_url) as url:
        yield url


def _get(app_url: str, path: str) -> http.client.HTTPResponse:
    """One GET sent exactly as written (urllib would tidy `//evil.example` before sending it)."""
    address = urlsplit(app_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_a_path_naming_another_host_is_not_redirected_off_the_site(app_url: str) -> None:
    for path in ("//evil.example?lang=en", "/\\evil.example?lang=en", "///evil.example/x?lang=en"):
        response = _get(app_url, path)
        assert response.status == 307, path
        location = response.getheader("location") or ""
        assert location.startswith("/") and not location.startswith(("//", "/\\")), (path, location)
        assert urlsplit(location).netloc == "", (path, location)


@pytest.mark.parametrize("path", ["/", "/chatbot", "/_stcore/health", "/app/static/favicon.png", "/?lang=en"])
def test_every_response_carries_the_security_headers(app_url: str, path: str) -> None:
    response = _get(app_url, path)
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, (path, name)
    assert "frame-ancestors 'self'" in (response.getheader("content-security-policy") or "")


def test_streamlit_metrics_are_closed(app_url: str) -> None:
    assert _get(app_url, "/_stcore/metrics").status == 404
    assert _get(app_url, "/_stcore/metrics/").status == 404
    assert _get(app_url, "/_stcore/health").status == 200


def test_the_readiness_route_answers_while_the_database_does(app_url: str) -> None:
    response = _get(app_url, "/api/ready")
    assert (response.status, response.getheader("cache-control")) == (200, "no-store")


def _ready_status() -> int:
    messages: list[dict[str, object]] = []
    scope = {"type": "http", "method": "GET", "path": "/api/ready", "query_string": b"", "headers": []}

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        messages.append(message)

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright may hold this thread's loop
        pool.submit(asyncio.run, Router(routes=server_edges.ROUTES)(scope, receive, send)).result()
    return int(next(m for m in messages if m["type"] == "http.response.start")["status"])  # type: ignore[arg-type]


def test_the_readiness_route_says_unavailable_when_the_database_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    # A PostgreSQL nobody listens on: the outage a load balancer must see.
    monkeypatch.setenv("CITY_DB_URL", f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/city?connect_timeout=2")
    assert _ready_status() == 503


# Uploads from browsers that are not signed in: an allowance per address and hour.


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    url = f"sqlite:///{tmp_path / 'city.db'}"
    monkeypatch.setenv("CITY_DB_URL", url)
    monkeypatch.setenv("CITY_SESSION_SECRET", "a test key")
    engine = store.connect(url)
    accounts.add_account(engine, "clerk", "clerk-password", "staff", division="clerk")
    return engine


def _put(address: str, *, length: int | None, cookie: str | None = None) -> int:
    """One upload PUT through ServerEdges to a stand-in for Streamlit's upload route (204 = stored)."""
    headers = [(b"host", b"city.example")]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    if cookie:
        headers.append((b"cookie", f"{COOKIE_NAME}={cookie}".encode()))
    scope = {
        "type": "http", "method": "PUT", "path": "/_stcore/upload_file/session-1/file-1", "query_string": b"",
        "headers": headers, "client": (address, 5000), "scheme": "http", "server": ("city.example", 80),
    }  # fmt: skip
    messages: list[dict[str, object]] = []

    async def streamlit(scope, receive, send) -> None:  # noqa: ANN001 - stands in for Streamlit's route
        await Response(status_code=204)(scope, receive, send)

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        messages.append(message)

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, ServerEdges(streamlit)(scope, receive, send)).result()
    return int(next(m for m in messages if m["type"] == "http.response.start")["status"])  # type: ignore[arg-type]


def test_a_visitor_may_upload_a_few_photos_but_not_park_megabytes(city: sa.Engine) -> None:
    ten_mb = 10 * 1024 * 1024
    assert [_put("10.0.0.1", length=ten_mb) for _ in range(3)] == [204, 204, 204]
    assert _put("10.0.0.1", length=1) == 413  # the hour's allowance is spent
    assert _put("10.0.0.2", length=ten_mb) == 204  # another visitor is not held back by the first
    assert _put("10.0.0.3", length=None) == 411  # a body of unknown size is refused outright


def test_signed_in_staff_upload_without_the_visitors_allowance(city: sa.Engine) -> None:
    account = accounts.get_account(city, "clerk")
    assert account is not None
    cookie = issue("session", "clerk", account.stamp, session=sign_in_sessions.open_session(city, "clerk"))
    big = 40 * 1024 * 1024
    assert [_put("10.0.0.4", length=big, cookie=cookie) for _ in range(3)] == [204, 204, 204]
    forged = issue("session", "clerk", account.stamp, session="not-an-open-session")
    assert _put("10.0.0.4", length=big, cookie=forged) == 413


def test_the_allowance_is_per_hour() -> None:
    allowance = UploadAllowance(limit=100)
    assert allowance.take("a", 100, now=0.0) and not allowance.take("a", 1, now=10.0)
    assert allowance.take("a", 100, now=3601.0)
