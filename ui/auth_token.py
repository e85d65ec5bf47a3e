"""Signed tokens for the sign-in cookie (no Streamlit: the ASGI routes use this too).

A token is `payload.signature`: the payload is base64url JSON {purpose, username, stamp, session,
expires, nonce}, the signature HMAC-SHA256 over it with the signing key. Two purposes:

- "ticket": one minute; the sign-in page posts it to /api/session/start, which accepts it once
  (data_sources/sign_in_sessions.claim) and only from the app's own page;
- "session": the HTTP-only cookie that route sets; it is valid while its server-side session is.

The signing key sits with the other secrets: CITY_SESSION_SECRET, else `[session] secret` in
.streamlit/secrets.toml (written there on first start when neither exists). Every replica must
have the same one. To rotate it, put the new key in place and the old one in
CITY_SESSION_PREVIOUS_SECRETS (comma-separated) or `[session] previous_secrets = [...]`: tokens are
signed with the new key and the old ones still verify until removed. Changes apply within seconds,
without a restart.
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
from pathlib import Path
from typing import Literal

from data_sources.db import ROOT

Purpose = Literal["ticket", "session"]
COOKIE_NAME = "yala_session"
TICKET_SECONDS = 60
SESSION_SECONDS = 12 * 60 * 60  # a working day; then sign in again
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
_RECHECK_SECONDS = 5.0


@dataclass(frozen=True)
class Claims:
    purpose: Purpose
    username: str
    stamp: str  # the account's stamp when signed: a password reset or disabling ends the session
    session: str  # the server-side session id (data_sources/sign_in_sessions.py)
    expires: int
    nonce: str


def _from_file(path: Path) -> tuple[str | None, list[str]]:
    if not path.exists():
        return None, []
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("session", {})
    current = str(table["secret"]) if table.get("secret") else None
    return current, [str(s) for s in table.get("previous_secrets", []) if s]


def _write_new_secret(path: Path) -> str:
    """First start without a key: add one to secrets.toml (created readable by the server only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    with _write_lock:
        current, _ = _from_file(path)
        if current:  # another worker wrote it first
            return current
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            gap = "\n" if existing and not existing.endswith("\n") else ""
            handle.write(
                f'{gap}\n[session]\n# Signs the sign-in cookie; the same on every replica.\nsecret = "{secret}"\n'
            )
    return secret


_write_lock = threading.Lock()
_cached: tuple[tuple[object, ...], tuple[bytes, ...]] | None = None
_checked_at = 0.0


def signing_keys(path: Path | None = None) -> tuple[bytes, ...]:
    """(current key, previous keys...): re-read every few seconds, so a rotation needs no restart."""
    global _cached, _checked_at
    path = path or SECRETS_FILE
    now = time.monotonic()
    if _cached is not None and path == SECRETS_FILE and now - _checked_at < _RECHECK_SECONDS:
        return _cached[1]
    env_current = os.environ.get("CITY_SESSION_SECRET", "")
    env_previous = os.environ.get("CITY_SESSION_PREVIOUS_SECRETS", "")
    mtime = path.stat().st_mtime_ns if path.exists() else None
    signature = (env_current, env_previous, mtime)
    if _cached is None or _cached[0] != signature or path != SECRETS_FILE:
        file_current, file_previous = _from_file(path)
        current = env_current or file_current or _write_new_secret(path)
        previous = [p.strip() for p in env_previous.split(",") if p.strip()] or file_previous
        keys = tuple(k.encode("utf-8") for k in (current, *previous))
        if path != SECRETS_FILE:
            return keys
        _cached = (signature, keys)
    _checked_at = now
    return _cached[1]


def server_secret() -> bytes:
    """The key new tokens are signed with."""
    return signing_keys()[0]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, secret: bytes) -> str:
    return _b64(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())


def issue(
    purpose: Purpose,
    username: str,
    stamp: str,
    *,
    session: str = "",
    secret: bytes | None = None,
    now: float | None = None,
) -> str:
    """A signed token for `username`, valid for the purpose's lifetime."""
    lifetime = TICKET_SECONDS if purpose == "ticket" else SESSION_SECONDS
    claims = {
        "p": purpose,
        "u": username,
        "s": stamp,
        "i": session,
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
    keys = (secret,) if secret is not None else signing_keys()
    if not any(hmac.compare_digest(signature, _signature(payload, key)) for key in keys):
        return None
    try:
        data = json.loads(_unb64(payload))
    except (binascii.Error, ValueError):
        return None
    if data.get("p") != purpose or int(data.get("e", 0)) < (now or time.time()):
        return None
    return Claims(purpose, str(data["u"]), str(data["s"]), str(data.get("i", "")), int(data["e"]), str(data["n"]))


def safe_next(target: str | None) -> str:
    """A same-site path to go to after the cookie is set; anything else goes home.

    >>> safe_next("/upload?lang=en"), safe_next("//evil.example"), safe_next("https://evil.example")
    ('/upload?lang=en', '/', '/')
    >>> safe_next("/\\\\evil.example"), safe_next("/%2F%2Fevil.example")
    ('/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(ch) < 0x20 for ch in target) or target.lower().startswith(("/%2f", "/%5c")):
        return "/"
    return target
