"""The replica set-up: app processes behind Debian's nginx on one PostgreSQL (deploy/replicas.py).

Through nginx a visitor's websocket runs a page, a sign-in through the cookie route holds for
visitors from other addresses (whichever process their address is hashed to: the session is in the
database, the key shared), and leaving the set-up stops every process. Needs nginx and TEST_POSTGRES_URL: without
them it skips on a laptop and fails in CI (.ci/run installs both).
"""

from __future__ import annotations

import os
import secrets
import urllib.request

import pytest

from benchmarks.streamlit_client import load_page_now, sign_in
from data_sources import accounts, store
from deploy.replicas import free_port, nginx_available, replicas
from helpers.db import POSTGRES_URL_VARIABLE, fresh_postgres_database
from helpers.environment import missing_requirement

pytestmark = pytest.mark.postgres


def test_two_replicas_behind_nginx_serve_pages_and_sign_ins_and_stop_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not nginx_available():
        missing_requirement("nginx is not installed (apt-get install nginx)")
    server_url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not server_url:
        missing_requirement(f"{POSTGRES_URL_VARIABLE} is not set")
    monkeypatch.setenv("CITY_SESSION_SECRET", secrets.token_hex(32))  # this test's sign-in signs with it too
    password = "ยะลา-replica-" + secrets.token_hex(4)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with fresh_postgres_database(server_url) as url:
        engine = store.connect(url)
        accounts.add_account(engine, "exec.one", password, "executive", from_command_line=True)
        with replicas(2, port, {"CITY_DB_URL": url}) as processes:
            with urllib.request.urlopen(base + "/api/ready", timeout=30) as ready:
                assert ready.status == 200

            citizen = load_page_now(base, "", source="127.0.0.2")
            cookie = sign_in(base, engine, "exec.one", password)
            mayors = [load_page_now(base, "mayor", cookie=cookie, source=f"127.0.0.{n}") for n in (3, 4, 5)]
        engine.dispose()

    assert citizen.errors == 0 and citizen.elements > 0
    assert all(load.errors == 0 and load.elements > citizen.elements // 2 for load in mayors)
    assert all(process.poll() is not None for process in processes)
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/api/ready", timeout=5)
