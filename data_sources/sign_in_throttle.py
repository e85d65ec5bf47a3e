"""Slowing down password guessing without letting a stranger lock anyone out.

Failed tries are counted under two keys: the pair (typed name, client address) and the client
alone. After three failures for one name, or ten for any names (an office shares one address
behind its router, so colleagues' typos add up there), each further try from that client must
wait 5, 10, 20 ... up to 300 seconds. A stranger hammering "admin" therefore slows only their own
address: the real admin, signing in from another one, is never kept waiting. Nothing here
depends on whether the typed name is an account, so the answer and its timing are the same for
a name that exists and one that does not; typed names are kept only as keyed hashes, in memory.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_ATTEMPTS = 3
FREE_ATTEMPTS_PER_CLIENT = 10
MAX_WAIT_SECONDS = 300
_FORGET_AFTER = timedelta(hours=1)  # a key quiet this long starts again from zero
_KEY = secrets.token_bytes(32)  # per process: a typed password never sits in memory in clear


def wait_seconds(
    failed_attempts: int, last_failed_at: datetime | None, now: datetime, *, free: int = FREE_ATTEMPTS
) -> int:
    """Seconds before the next try is allowed: none for the first three, then 5, 10, 20 … up to 300.

    >>> wait_seconds(3, datetime(2026, 1, 1, 9, 0, 0), datetime(2026, 1, 1, 9, 0, 2))
    3
    >>> wait_seconds(2, datetime(2026, 1, 1, 9, 0, 0), datetime(2026, 1, 1, 9, 0, 0))
    0
    """
    if failed_attempts < free or last_failed_at is None:
        return 0
    delay = min(5 * 2 ** (failed_attempts - free), MAX_WAIT_SECONDS)
    remaining = (last_failed_at + timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(-(-remaining // 1)))


@dataclass
class _Count:
    failures: int
    last: datetime


class Throttle:
    """Failure counts by key, shared by every session of this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, _Count] = {}

    @staticmethod
    def keys(database: str, username: str, client: str) -> tuple[str, str]:
        name = hmac.new(_KEY, username.strip().casefold().encode("utf-8"), hashlib.sha256).hexdigest()
        return f"{database}|client|{client}", f"{database}|name|{name}|{client}"

    def wait(self, keys: tuple[str, ...], now: datetime) -> int:
        with self._lock:
            self._forget_old(now)
            found = [(k, self._counts[k]) for k in keys if k in self._counts]
        return max((wait_seconds(c.failures, c.last, now, free=_free(k)) for k, c in found), default=0)

    def failed(self, keys: tuple[str, ...], now: datetime) -> int:
        """Count a failure; returns the wait it now imposes."""
        with self._lock:
            for key in keys:
                count = self._counts.setdefault(key, _Count(0, now))
                count.failures, count.last = count.failures + 1, now
        return self.wait(keys, now)

    def succeeded(self, keys: tuple[str, ...]) -> None:
        """A right password clears the name's count from that client (not the client's own)."""
        with self._lock:
            self._counts.pop(keys[-1], None)

    def _forget_old(self, now: datetime) -> None:
        for key in [k for k, c in self._counts.items() if now - c.last > _FORGET_AFTER]:
            del self._counts[key]


def _free(key: str) -> int:
    return FREE_ATTEMPTS_PER_CLIENT if "|client|" in key else FREE_ATTEMPTS


throttle = Throttle()
