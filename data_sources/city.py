"""The city profile (assets/city/<key>.json): communities, stations, contacts."""

from __future__ import annotations

import json
import math
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


EARTH_RADIUS_M = 6_371_000.0
NEAR_COMMUNITY_KM = 3.0  # a point farther than this from every community names none


def nearest_community(latitude: float, longitude: float) -> str | None:
    """The Thai name of the community closest to the point, within NEAR_COMMUNITY_KM.

    >>> nearest_community(6.5536, 101.2979)
    'เมืองทอง'
    >>> nearest_community(13.75, 100.5) is None
    True
    """
    best: tuple[float, str] | None = None
    for community in profile()["communities"]:
        distance = distance_m(latitude, longitude, community["lat"], community["lon"]) / 1000
        if best is None or distance < best[0]:
            best = (distance, community["name_th"])
    return best[1] if best and best[0] <= NEAR_COMMUNITY_KM else None


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres.

    >>> round(distance_m(6.5425, 101.2830, 6.5425, 101.2860))
    331
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))
