"""The city profile (assets/city/<key>.json): communities, stations, contacts."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@cache
def profile(key: str | None = None) -> dict[str, Any]:
    """The city profile named by `key`, env `CITY_PROFILE`, else Yala."""
    name = key or os.environ.get("CITY_PROFILE", "yala")
    return json.loads((ASSETS / "city" / f"{name}.json").read_text(encoding="utf-8"))


def community_names() -> tuple[str, ...]:
    return tuple(c["name_th"] for c in profile()["communities"])


def community_named(name: str) -> str | None:
    """The Thai name of the community `name` means, written in Thai or English (any case); None
    when the city has no such community. Links and the command line take either.

    >>> community_named("mueang thong"), community_named(" เมืองทอง "), community_named("Atlantis")
    ('เมืองทอง', 'เมืองทอง', None)
    """
    wanted = name.strip().casefold()
    for community in profile()["communities"]:
        if wanted in (community["name_th"].casefold(), community["name_en"].casefold()):
            return community["name_th"]
    return None
