"""The edges of the server (issue #16, item 4), asked of the real app over HTTP.

- no open redirect: `//evil.example?lang=en` stays on this site;
- security headers on pages, Streamlit's own routes, redirects and our routes;
- `/_stcore/metrics` closed;
- `/api/ready` checks the database (Streamlit's health route says "ok" whatever it does).
"""

from __future__ import annotations

import asyncio
import http.client
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from starlette.routing import Router

from data_sources.db import connect
from helpers.browser import free_port, serve_app
from helpers.db import sqlite_url
from ui import server_edges
from ui.server_edges import SECURITY_HEADERS


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
