"""Signed tokens for the sign-in cookie (no Streamlit: the ASGI routes use this too).

A token is `payload.signature`: the payload is base64url JSON {purpose, username, stamp, expires,
nonce}, the signature HMAC-SHA256 over it with the server's secret. Two purposes:

- "ticket": one use, one minute; the sign-in page hands it to /api/session/start.
- "session": the HTTP-only cookie that route sets, so a reload keeps the sign-in.

The secret comes from CITY_SESSION_SECRET, `[session] secret` in secrets.toml, or is generated
once into data/secret.key (readable by the server's user only).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from data_sources.db import ROOT

Purpose = Literal["ticket", "session"]
COOKIE_NAME = "yala_session"
TICKET_SECONDS = 60
SESSION_SECONDS = 12 * 60 * 60  # a working day; then sign in again
SECRET_FILE = ROOT / "data" / "secret.key"


@dataclass(frozen=True)
class Claims:
    purpose: Purpose
    username: str
    stamp: str  # the account's stamp when signed: a password reset or disabling ends the session
    expires: int
    nonce: str


def _configured_secret() -> str | None:
    if os.environ.get("CITY_SESSION_SECRET"):
        return os.environ["CITY_SESSION_SECRET"]
    path = ROOT / ".streamlit" / "secrets.toml"
    if path.exists():
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("session", {}).get("secret")
        return str(value) if value else None
    return None


def _file_secret(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: when two workers start at once, one writes the key and the other reads it.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text(encoding="utf-8").strip()
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()


@cache
def server_secret() -> bytes:
    return (_configured_secret() or _file_secret(SECRET_FILE)).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, secret: bytes) -> str:
    return _b64(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())


def issue(purpose: Purpose, username: str, stamp: str, *, secret: bytes | None = None, now: float | None = None) -> str:
    """A signed token for `username`, valid for the purpose's lifetime."""
    lifetime = TICKET_SECONDS if purpose == "ticket" else SESSION_SECONDS
    claims = {
        "p": purpose,
        "u": username,
        "s": stamp,
        "e": int((now or time.time()) + lifetime),
        "n": secrets.token_hex(8),
    }
    payload = _b64(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    return f"{payload}.{_signature(payload, secret or server_secret())}"


def read(
    token: str | None, purpose: Purpose, *, secret: bytes | None = None, now: float | None = None
) -> Claims | None:
    """The claims of a genuine, unexpired token of `purpose`; None for anything else."""
    if not token or token.count(".") != 1 or len(token) > 2000:
        return None
    payload, signature = token.split(".")
    if not hmac.compare_digest(signature, _signature(payload, secret or server_secret())):
        return None
    try:
        data = json.loads(_unb64(payload))
    except (binascii.Error, ValueError):
        return None
    if data.get("p") != purpose or int(data.get("e", 0)) < (now or time.time()):
        return None
    return Claims(purpose, str(data["u"]), str(data["s"]), int(data["e"]), str(data["n"]))


class _UsedTickets:
    """Tickets already exchanged, until they would have expired anyway: each one works once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._expiry: dict[str, int] = {}

    def claim(self, claims: Claims, now: float | None = None) -> bool:
        moment = now or time.time()
        with self._lock:
            for nonce in [n for n, e in self._expiry.items() if e < moment]:
                del self._expiry[nonce]
            if claims.nonce in self._expiry:
                return False
            self._expiry[claims.nonce] = claims.expires
            return True


used_tickets = _UsedTickets()


def safe_next(target: str | None) -> str:
    """A same-site path to go to after the cookie is set; anything else goes home.

    >>> safe_next("/upload?lang=en"), safe_next("//evil.example"), safe_next("https://evil.example")
    ('/upload?lang=en', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or "\n" in target:
        return "/"
    return target
