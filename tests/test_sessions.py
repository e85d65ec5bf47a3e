"""Sessions and sign-in (issue #16, item 3) and the original-file route (item 1).

- a sign-in ends on the server: a cookie saved before sign-out no longer works;
- sign-in and sign-out are POSTs from the app's own page: a planted link or a form on another
  site signs nobody in (login CSRF), and a ticket works once, whichever process sees it;
- throttling is per client and per (name, client): the same answer and the same work for a name
  that does not exist, a stranger cannot keep the admin out, and no typed secret reaches the log;
- an original file with personal columns goes only to admins and the owning division, to a
  browser whose session is open, and every download is audited.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pytest
import sqlalchemy as sa
from starlette.responses import Response
from starlette.routing import Router

from data_sources import accounts, audit_trail, sign_in_sessions, store
from ui import auth_routes
from ui.auth_token import COOKIE_NAME, issue, read

SITE = "city.example"
NOON = datetime(2026, 11, 23, 12, 0, 0)


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    url = f"sqlite:///{tmp_path / 'city.db'}"
    monkeypatch.setenv("CITY_DB_URL", url)
    monkeypatch.setenv("CITY_SESSION_SECRET", "a test key")
    engine = store.connect(url)
    accounts.add_account(engine, "root", "root-password", "admin")
    accounts.add_account(engine, "mayor", "mayor-password", "executive")
    accounts.add_account(engine, "clerk", "clerk-password", "staff", division="clerk")
    return engine


def _send(method: str, path: str, *, form: dict[str, str] | None = None, headers: dict[str, str] | None = None,
          cookie: str | None = None) -> Response:  # fmt: skip
    """One request through the routes' own Starlette router, as app.py mounts them."""
    body = urlencode(form or {}).encode()
    sent = {"host": SITE, "content-type": "application/x-www-form-urlencoded", **(headers or {})}
    if cookie:
        sent["cookie"] = f"{COOKIE_NAME}={cookie}"
    path, _, query = path.partition("?")
    scope = {
        "type": "http", "method": method, "path": path, "query_string": query.encode(), "scheme": "http",
        "headers": [(k.encode(), v.encode()) for k, v in sent.items()], "server": (SITE, 80), "client": ("10.0.0.9", 5000),
    }  # fmt: skip
    messages: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, object]) -> None:
        messages.append(message)

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright may hold this thread's loop
        pool.submit(asyncio.run, Router(routes=auth_routes.ROUTES)(scope, receive, send)).result()
    start = next(m for m in messages if m["type"] == "http.response.start")
    content = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")  # type: ignore[misc]
    response = Response(content, status_code=int(start["status"]))  # type: ignore[arg-type]
    response.raw_headers = list(start["headers"])  # type: ignore[arg-type]
    return response


SAME_SITE = {"origin": f"http://{SITE}", "sec-fetch-site": "same-origin"}


def _ticket(engine: sa.Engine, username: str) -> tuple[str, str]:
    account = accounts.get_account(engine, username)
    assert account is not None
    session = sign_in_sessions.open_session(engine, username)
    return issue("ticket", username, account.stamp, session=session), session


def _cookie_of(response: Response) -> str | None:
    found = [v for k, v in response.headers.items() if k == "set-cookie" and v.startswith(f"{COOKIE_NAME}=")]
    value = found[0].split(";")[0].split("=", 1)[1] if found else None
    return value or None


def test_a_ticket_posted_from_the_app_sets_the_cookie_once(engine: sa.Engine) -> None:
    ticket, _ = _ticket(engine, "root")
    response = _send("POST", auth_routes.START_PATH, form={"ticket": ticket, "next": "/mayor"}, headers=SAME_SITE)
    assert response.status_code == 303 and response.headers["location"] == "/mayor"
    cookie = _cookie_of(response)
    assert cookie and read(cookie, "session") is not None
    assert "httponly" in response.headers["set-cookie"].lower()
    replay = _send("POST", auth_routes.START_PATH, form={"ticket": ticket, "next": "/"}, headers=SAME_SITE)
    assert _cookie_of(replay) is None  # one use, recorded in the database for every process


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example", "sec-fetch-site": "cross-site"},  # a form on another site
        {"origin": f"http://{SITE}", "sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "none"},  # typed or opened from an e-mail
        {},
    ],
)
def test_a_planted_sign_in_signs_nobody_in(engine: sa.Engine, headers: dict[str, str]) -> None:
    ticket, _ = _ticket(engine, "root")
    response = _send("POST", auth_routes.START_PATH, form={"ticket": ticket, "next": "/"}, headers=headers)
    assert _cookie_of(response) is None


def test_sign_in_and_sign_out_links_do_nothing(engine: sa.Engine) -> None:
    ticket, _ = _ticket(engine, "root")
    assert _send("GET", f"{auth_routes.START_PATH}?ticket={ticket}").status_code == 405
    assert _send("GET", auth_routes.END_PATH).status_code == 405


def test_a_cookie_saved_before_sign_out_stops_working(engine: sa.Engine) -> None:
    ticket, _ = _ticket(engine, "root")
    cookie = _cookie_of(_send("POST", auth_routes.START_PATH, form={"ticket": ticket}, headers=SAME_SITE))
    assert cookie is not None
    upload = store.commit(engine, "waste", _waste(), upload=store.UploadedFile("w.xlsx", b"xlsx"), user="root")
    original = f"{auth_routes.ORIGINAL_PATH}/{upload.upload_id}"
    assert _send("GET", original, cookie=cookie).status_code == 200
    signed_out = _send("POST", auth_routes.END_PATH, form={"next": "/"}, headers=SAME_SITE, cookie=cookie)
    assert signed_out.status_code == 303
    assert _send("GET", original, cookie=cookie).status_code == 403  # the saved copy is dead on the server


def _waste() -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(["2026-10-01"]), "community": ["เมืองทอง"],
                         "tons_collected": [3.0], "tons_recycled": [1.0]})  # fmt: skip


def _complaints() -> pd.DataFrame:
    return pd.DataFrame({"ticket_id": ["0001/2569"], "received_at": pd.to_datetime(["2026-10-01 09:00"]),
                         "category": ["road"], "community": ["เมืองทอง"], "status": ["received"],
                         "complainant_name": ["นายสมชาย ทดสอบ"], "complainant_phone": ["0812345678"]})  # fmt: skip


def _signed_in_cookie(engine: sa.Engine, username: str) -> str:
    ticket, _ = _ticket(engine, username)
    cookie = _cookie_of(_send("POST", auth_routes.START_PATH, form={"ticket": ticket}, headers=SAME_SITE))
    assert cookie is not None
    return cookie


def test_an_original_with_personal_data_goes_to_admins_and_the_owning_division_only(engine: sa.Engine) -> None:
    upload = store.commit(
        engine, "complaints", _complaints(), upload=store.UploadedFile("c.xlsx", b"names"), user="clerk"
    )
    path = f"{auth_routes.ORIGINAL_PATH}/{upload.upload_id}"
    assert _send("GET", path).status_code == 403  # no session: the link alone is worth nothing
    assert _send("GET", path, cookie=_signed_in_cookie(engine, "mayor")).status_code == 403
    for username in ("root", "clerk"):
        response = _send("GET", path, cookie=_signed_in_cookie(engine, username))
        assert response.status_code == 200 and response.body == b"names"
        assert response.headers["cache-control"] == "no-store"
    log = audit_trail.recent(engine)
    done = log[log["action"].isin(["original_downloaded", "original_refused"])]
    assert sorted(zip(done["action"], done["actor"].fillna("-"), strict=True)) == [
        ("original_downloaded", "clerk"), ("original_downloaded", "root"),
        ("original_refused", "-"), ("original_refused", "mayor"),
    ]  # fmt: skip


def test_a_stranger_hammering_the_admin_cannot_keep_the_admin_out(engine: sa.Engine) -> None:
    for _ in range(6):
        accounts.verify(engine, "root", "guess", now=NOON, client="203.0.113.7")
    stranger = accounts.verify(engine, "root", "root-password", now=NOON, client="203.0.113.7")
    assert stranger.outcome == "wait"  # the stranger's own address waits, even with the right password
    assert accounts.verify(engine, "root", "root-password", now=NOON, client="10.1.1.5").outcome == "ok"


def test_one_client_trying_many_names_is_slowed_down(engine: sa.Engine) -> None:
    outcomes = [accounts.verify(engine, f"name{n}", "guess", now=NOON, client="203.0.113.8").outcome for n in range(12)]
    assert outcomes[:10] == ["wrong"] * 10 and outcomes[-1] == "wait"


def test_an_unknown_name_gets_the_same_answers_and_the_same_work(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks: list[str] = []
    real = accounts._matches
    monkeypatch.setattr(accounts, "_matches", lambda hashed, password: checks.append("hash") or real(hashed, password))

    def answers(username: str, client: str) -> tuple[list[tuple[str, int]], int]:
        checks.clear()
        seen = [
            (r.outcome, r.wait_seconds)
            for r in (
                accounts.verify(engine, username, "guess", now=NOON + timedelta(seconds=1), client=client)
                for _ in range(6)
            )
        ]
        return seen, len(checks)

    assert answers("root", "198.51.100.1") == answers("no-such-user", "198.51.100.2")


def test_a_password_typed_as_the_name_never_reaches_the_log(engine: sa.Engine) -> None:
    accounts.verify(engine, "root-password-typed-in-the-wrong-box", "x", now=NOON, client="198.51.100.3")
    log = audit_trail.recent(engine)
    text = " ".join(str(v) for v in log.astype(str).to_numpy().ravel())
    assert "root-password-typed" not in text
    assert "sign_in_failed" in log["action"].tolist()
