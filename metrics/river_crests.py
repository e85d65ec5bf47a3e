"""River crests above the warning level, and how long before each crest the platform could warn.

A crest is the highest point of a flood episode: readings at or above their station's warning
level, at any station, with no gap longer than `EPISODE_GAP_HOURS` between them. The warning is
raised when the first such reading is on the platform: a reading can only warn once it has
arrived (`arrived_at`, the time its upload was accepted; see `store.load(..., with_arrival=True)`),
and never before it was measured. The lead is the hours from that moment to the crest: positive
when the city was warned ahead of the crest, negative when the reading arrived after it.

Bang Lang Dam's releases take about a day to reach the municipality (city-facts), so a day's lead
is what the city aims for (assets/kpis/targets.json).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

EPISODE_GAP_HOURS = 48
ARRIVED_AT = "arrived_at"


@dataclass(frozen=True)
class Crest:
    station: str
    crest_at: pd.Timestamp
    level_m: float
    warning_level_m: float
    first_warning_at: pd.Timestamp  # the first reading at or above warning, as measured
    warned_at: pd.Timestamp  # when that reading was on the platform

    @property
    def lead_hours(self) -> float:
        """Hours between the warning and the crest (negative: the warning came after the crest)."""
        return (self.crest_at - self.warned_at) / pd.Timedelta(hours=1)


def crests(water_level: pd.DataFrame) -> list[Crest]:
    """Every crest above warning in `water_level` (with its `arrived_at` column), oldest first.

    >>> readings = pd.DataFrame({
    ...     "station": ["X"] * 4,
    ...     "measured_at": pd.to_datetime(["2024-11-28 06:00", "2024-11-28 12:00", "2024-11-29 12:00", "2024-12-01 00:00"]),
    ...     "level_m": [7.0, 7.6, 8.9, 7.1], "warning_level_m": [7.5] * 4,
    ...     "arrived_at": pd.to_datetime(["2024-11-28 07:00", "2024-11-28 13:00", "2024-11-29 13:00", "2024-12-01 01:00"]),
    ... })
    >>> [(c.crest_at.isoformat(), c.lead_hours) for c in crests(readings)]
    [('2024-11-29T12:00:00', 23.0)]
    """
    if ARRIVED_AT not in water_level.columns:
        return []
    above = water_level.loc[
        (water_level["level_m"] >= water_level["warning_level_m"]).fillna(False),
        ["station", "measured_at", "level_m", "warning_level_m", ARRIVED_AT],
    ].sort_values("measured_at", kind="stable")
    if above.empty:
        return []
    gaps = above["measured_at"].diff() > pd.Timedelta(hours=EPISODE_GAP_HOURS)
    return [_crest(episode) for _, episode in above.groupby(gaps.cumsum().to_numpy(), sort=True)]


def _crest(episode: pd.DataFrame) -> Crest:
    # The crest is the reading furthest above its own warning level: stations differ in height.
    height = (episode["level_m"] - episode["warning_level_m"]) / episode["warning_level_m"]
    top = episode.loc[height.idxmax()]
    first = episode.iloc[0]
    on_platform = episode[ARRIVED_AT].where(episode[ARRIVED_AT] > episode["measured_at"], episode["measured_at"])
    return Crest(
        station=str(top["station"]),
        crest_at=pd.Timestamp(top["measured_at"]),
        level_m=float(top["level_m"]),
        warning_level_m=float(top["warning_level_m"]),
        first_warning_at=pd.Timestamp(first["measured_at"]),
        warned_at=pd.Timestamp(on_platform.min()),
    )
