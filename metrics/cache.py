"""A small in-process cache of computed results, keyed by the dataset versions they read.

Keys start with the function's name and hold `store.versions(engine)` as sorted pairs, so a new
upload (a new version) misses at once and the old entry ages out. Least recently used entries
go first beyond CACHE_SIZE. Results are shared, not copied: callers must not modify them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TypeVar

Result = TypeVar("Result")
CacheKey = tuple[object, ...]
CACHE_SIZE = 128

_entries: OrderedDict[CacheKey, object] = OrderedDict()
_lock = threading.Lock()  # Streamlit serves sessions from several threads


def versions_key(versions: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(versions.items()))


def remember(key: CacheKey, make: Callable[[], Result]) -> Result:
    """The cached result under `key`, made (outside the lock) and stored on a miss."""
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[return-value]
    result = make()
    with _lock:
        _entries[key] = result
        while len(_entries) > CACHE_SIZE:
            _entries.popitem(last=False)
    return result


def clear_cache() -> None:
    with _lock:
        _entries.clear()
