"""What a reply offers beyond its words: numbers to call and places to go.

The web page draws calls as tap-to-call links (tel:) and places as directions links; LINE turns
them into action buttons. The reply's text names the same numbers, so nothing depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from data_sources.city import profile


@dataclass(frozen=True)
class Call:
    number: str
    label_th: str
    label_en: str

    @property
    def uri(self) -> str:
        return f"tel:{self.number}"

    def label(self, lang: str) -> str:
        return self.label_th if lang == "th" else self.label_en


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    phone: str | None = None
    distance_km: float | None = None

    @property
    def directions(self) -> str:
        """A directions link any phone opens in its map app (no key, nothing fetched by us)."""
        return f"https://www.google.com/maps/dir/?api=1&destination={self.latitude:.5f},{self.longitude:.5f}"

    @property
    def search(self) -> str:
        return f"https://www.google.com/maps/search/?api=1&query={quote(self.name)}"


def emergency_call(key: str, label_th: str, label_en: str) -> Call | None:
    """The city profile's number for `key` (e.g. "fire"), or None when the profile has none."""
    number = profile()["emergency_numbers"].get(key)
    return Call(str(number), label_th, label_en) if number else None
