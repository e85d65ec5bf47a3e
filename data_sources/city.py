"""The city profile (assets/city/<key>.json): communities, stations, contacts."""

from __future__ import annotations

import difflib
import json
import math
import os
import re
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


def community_in(name_th: str, lang: str) -> str:
    """A community's name in `lang` ("th" or "en") from its Thai name; a name the city does not
    know comes back as it is.

    >>> community_in("เสรี", "en"), community_in("เสรี", "th"), community_in("Atlantis", "en")
    ('Seri', 'เสรี', 'Atlantis')
    """
    if lang == "th":
        return name_th
    return _english_names().get(name_th, name_th)


@cache
def _english_names() -> dict[str, str]:
    return {c["name_th"]: c["name_en"] for c in profile()["communities"]}


COMMUNITY_WORDS = ("ชุมชน", "community")  # said before or after a name ("ชุมชนเสรี", "Seri community")


def community_named(name: str) -> str | None:
    """The Thai name of the community `name` means, written in Thai or English (any case, any
    spacing, with or without the word "community"); None when the city has no such community.
    Links and the command line take either.

    >>> community_named("mueang thong"), community_named(" เมืองทอง "), community_named("Atlantis")
    ('เมืองทอง', 'เมืองทอง', None)
    >>> community_named("ชุมชนเสรี"), community_named("Seri Community"), community_named("MueangThong")
    ('เสรี', 'เสรี', 'เมืองทอง')
    """
    wanted = _bare_name(name)
    for community in profile()["communities"]:
        if wanted in (_bare_name(community["name_th"]), _bare_name(community["name_en"])):
            return community["name_th"]
    return None


def communities_like(name: str, limit: int = 3) -> list[str]:
    """The Thai names of the communities closest to a name the city does not know, best first, to
    suggest instead ("สะเตง" → หัวสะพานสะเตง): a name that contains it, then near spellings.

    >>> communities_like("สะเตง"), communities_like("Serri"), communities_like("zzzz")
    (['หัวสะพานสะเตง'], ['เสรี'], [])
    """
    wanted = _bare_name(name)
    if not wanted:
        return []
    scored = []
    for community in profile()["communities"]:
        forms = (_bare_name(community["name_th"]), _bare_name(community["name_en"]))
        contains = any(wanted in form for form in forms if len(wanted) >= 3)
        ratio = max(difflib.SequenceMatcher(None, wanted, form).ratio() for form in forms)
        if contains or ratio >= 0.7:
            scored.append((not contains, -ratio, community["name_th"]))
    return [name_th for *_, name_th in sorted(scored)[:limit]]


def _bare_name(name: str) -> str:
    """A name as compared: case, spaces, hyphens and the word "community" aside."""
    bare = re.sub(r"[\s\-]+", "", name).casefold()
    for word in COMMUNITY_WORDS:
        if bare != word:
            bare = bare.removeprefix(word).removesuffix(word)
    return bare


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
