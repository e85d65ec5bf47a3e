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
