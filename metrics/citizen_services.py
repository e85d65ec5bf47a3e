"""Public services for the services map: where they are, when they open, their public phone.

Only places a citizen goes to are listed; CCTV cameras are facilities too, but their positions
are for staff, so they are left off the public map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from data_sources.city import profile
from metrics.citizen import with_labels
from metrics.kpi import Frames

# Order = legend order; each type's colour is what its dots are drawn in (RGB).
SERVICE_COLOURS: dict[str, tuple[int, int, int]] = {
    "health_centre": (214, 39, 40),
    "hospital": (148, 20, 60),
    "school": (31, 119, 180),
    "child_centre": (108, 174, 224),
    "shelter": (255, 127, 14),
    "market": (44, 160, 44),
    "office": (14, 102, 85),
    "library": (148, 103, 189),
    "park": (120, 170, 60),
    "sports": (140, 86, 75),
}
SERVICE_TYPES: tuple[str, ...] = tuple(SERVICE_COLOURS)
_OTHER_COLOUR = (110, 110, 110)
_COLUMNS = ["facility_id", "name", "facility_type", "latitude", "longitude", "address", "opening_hours", "phone"]


def services(frames: Frames, types: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Public places of the chosen `types` (default: every public type), sorted by type then name,
    with label_th / label_en and an RGB colour per row."""
    wanted = SERVICE_TYPES if types is None else tuple(t for t in types if t in SERVICE_TYPES)
    facilities = frames["facilities"]
    chosen = facilities.loc[facilities["facility_type"].isin(wanted).fillna(False), _COLUMNS]
    chosen = chosen.dropna(subset=["latitude", "longitude"])
    order = {key: index for index, key in enumerate(SERVICE_TYPES)}
    chosen = chosen.assign(_order=chosen["facility_type"].map(order)).sort_values(["_order", "name"])
    table = with_labels(chosen.drop(columns="_order").reset_index(drop=True), "facilities", "facility_type")
    table["colour"] = [list(SERVICE_COLOURS.get(str(k), _OTHER_COLOUR)) for k in table["facility_type"]]
    return table


def service_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many places of each type `table` holds, in legend order."""
    counts = table["facility_type"].value_counts()
    return {key: int(counts[key]) for key in SERVICE_TYPES if key in counts.index}


@dataclass(frozen=True)
class Collection:
    """When the household waste truck comes to a community (city profile's waste_schedule)."""

    community: str
    days: tuple[int, ...]  # ISO weekdays, 1 = Monday
    time: str  # "05.00-09.00"

    @property
    def ends(self) -> time:
        """When the round ends ("05.00-09.00" ends at 09:00)."""
        hour, minute = self.time.split("-")[-1].strip().split(".")
        return time(int(hour), int(minute))

    def next_visit(self, now: datetime) -> date:
        """The day of the next collection from `now` (city time): today only while its round has
        not ended, so a resident asking at nine in the evening is not told "today".

        >>> fridays = Collection("x", (1, 3, 5), "05.00-09.00")
        >>> fridays.next_visit(datetime(2026, 12, 4, 7, 0)), fridays.next_visit(datetime(2026, 12, 4, 21, 0))
        (datetime.date(2026, 12, 4), datetime.date(2026, 12, 7))
        >>> Collection("y", (5,), "19.00-22.00").next_visit(datetime(2026, 12, 4, 23, 0))
        datetime.date(2026, 12, 11)
        """
        first = now.date() if now.time() < self.ends else now.date() + timedelta(days=1)
        return next(day for day in (first + timedelta(days=k) for k in range(7)) if day.isoweekday() in self.days)

    def visit_word(self, now: datetime) -> tuple[str, date]:
        """("today" | "tomorrow" | "weekday", the day) of the next collection, for a label."""
        visit = self.next_visit(now)
        gap = (visit - now.date()).days
        return ("today" if gap == 0 else "tomorrow" if gap == 1 else "weekday"), visit


def collection(community: str) -> Collection | None:
    """The collection days of `community`, or None when the schedule does not list it."""
    for zone in profile().get("waste_schedule", []):
        if community in zone["communities"]:
            return Collection(community, tuple(zone["days"]), zone["time"])
    return None
