"""What every demo dataset shares: the span, the communities, the flood history, the random streams.

A `Scenario` is built once per `generate()` call. Each dataset draws from its own random stream
(`Scenario.rng(purpose)`), so changing one generator never changes another's rows.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from data_sources.city import profile
from data_sources.demo import seasons
from data_sources.schema import Dataset

# The data is "as of" this hour on `today`: the morning briefing the mayor would see.
AS_OF = time(8, 0)
# After the platform goes live, tickets reach the right division the same day and the backlog is
# in view: resolution times fall to this share of what they were, over the first months.
PLATFORM_SPEED_UP = 0.55
PLATFORM_RAMP_DAYS = 180
# Registered population (civil registration), 2562 BE: 60,617, falling slowly since 2547 BE.
POPULATION_2562 = 60_617
POPULATION_YEARLY_CHANGE = -0.0015
# Communities whose people are mostly Malay Muslim: larger households, more children.
MALAY_MUSLIM_COMMUNITIES = frozenset(
    {"ตลาดเก่าซอย 8", "มุสลิมสัมพันธ์", "ดารุสสลาม", "บ้านร่ม", "ร่วมใจพัฒนา", "ห้าแยกกำปงบาโงย", "หลังโรงเรียนเทศบาล 5"}
)
# Larger or denser communities (คูหามุข is "large" in its wikicommunity page).
_SIZE_FACTOR = {"คูหามุข": 1.7, "ตลาดเก่าซอย 8": 1.25, "สะพรั่ง": 1.2, "เวฬุวัน": 1.15}
_JITTER_DEGREES = 0.0022  # about 250 m


@dataclass(frozen=True)
class Zone:
    """A community, or one part of it when `scale` splits communities to multiply rows."""

    name: str
    community: str  # the real community it belongs to
    lat: float
    lon: float
    flood_prone: bool
    share: float  # of the city's population


@dataclass(frozen=True)
class FloodEpisode:
    """A monsoon crest of the Pattani River."""

    peak: datetime
    rise_days: float
    fall_days: float
    height: float  # crest above normal, as a share of each station's normal-to-warning gap
    households: int  # households flooded across the flood-prone communities (0: stayed in the banks)


# From city-facts: Dec 2023 – Jan 2024 basin flood; late Nov 2024, the worst (over critical);
# 22–30 Nov 2025 after 504.8 mm of rain on 24–25 Nov.
KNOWN_FLOODS = {
    2023: FloodEpisode(datetime(2023, 12, 23, 18), 3.0, 10.0, 1.12, 2_400),
    2024: FloodEpisode(datetime(2024, 11, 29, 12), 4.0, 7.0, 1.40, 7_800),
    2025: FloodEpisode(datetime(2025, 11, 26, 6), 3.5, 4.5, 1.18, 3_200),
}


@dataclass(frozen=True)
class Scenario:
    seed: int
    scale: float
    today: date
    start: date
    zones: tuple[Zone, ...]
    floods: tuple[FloodEpisode, ...]

    @property
    def now(self) -> datetime:
        return datetime.combine(self.today, AS_OF)

    @property
    def launch(self) -> date:
        """The day the demo city's platform went live: one fiscal year into the span, so the
        story has a whole year from before the platform to set beside the years since."""
        return self.start.replace(year=self.start.year + 1)

    def platform_effect(self, stamps: np.ndarray) -> np.ndarray:
        """The share of the pre-platform resolution time a ticket received at each stamp needs:
        1 before the launch, easing to PLATFORM_SPEED_UP over PLATFORM_RAMP_DAYS after it."""
        days_live = (stamps - np.datetime64(self.launch, "m")) / np.timedelta64(1, "D")
        progress = np.clip(days_live / PLATFORM_RAMP_DAYS, 0.0, 1.0)
        return 1.0 - (1.0 - PLATFORM_SPEED_UP) * progress

    def rng(self, purpose: str) -> np.random.Generator:
        """An independent, reproducible stream for one purpose (usually a dataset key)."""
        return np.random.default_rng(np.random.SeedSequence(self.seed, spawn_key=(zlib.crc32(purpose.encode()),)))

    @property
    def shares(self) -> np.ndarray:
        return np.array([z.share for z in self.zones])

    @property
    def flood_prone(self) -> np.ndarray:
        return np.array([z.flood_prone for z in self.zones])

    def jitter(self, rng: np.random.Generator, zone_index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Points scattered around each zone's centre, kept inside the municipality."""
        bounds = profile()["bounds"]
        lat = np.array([z.lat for z in self.zones])[zone_index] + rng.normal(0, _JITTER_DEGREES, len(zone_index))
        lon = np.array([z.lon for z in self.zones])[zone_index] + rng.normal(0, _JITTER_DEGREES, len(zone_index))
        lat = np.clip(lat, bounds["lat_min"], bounds["lat_max"]).round(5)
        lon = np.clip(lon, bounds["lon_min"], bounds["lon_max"]).round(5)
        return lat, lon

    def flood_activity(self, stamps: pd.DatetimeIndex) -> np.ndarray:
        """0..1: how much the city is under water (floods that left the banks only)."""
        activity = np.zeros(len(stamps))
        for flood in self.floods:
            if flood.households == 0:
                continue
            begin = pd.Timestamp(flood.peak) - pd.Timedelta(days=flood.rise_days / 2)
            end = pd.Timestamp(flood.peak) + pd.Timedelta(days=flood.fall_days)
            inside = (stamps >= begin) & (stamps <= end)
            activity[inside] = np.maximum(activity[inside], min(1.0, flood.height - 0.6))
        return activity


def population_total(year_be: int) -> int:
    """The city's registered population at the end of BE year `year_be`."""
    return round(POPULATION_2562 * (1 + POPULATION_YEARLY_CHANGE) ** (year_be - 2562))


def build_scenario(*, seed: int, scale: float, today: date) -> Scenario:
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    start = seasons.span_start(today)
    base = Scenario(seed, scale, today, start, (), ())
    zones = _zones(base.rng("zones"), scale)
    floods = _floods(base.rng("floods"), start, today)
    return Scenario(seed, scale, today, start, zones, floods)


def _zones(rng: np.random.Generator, scale: float) -> tuple[Zone, ...]:
    communities = profile()["communities"]
    weights = rng.lognormal(0.0, 0.3, len(communities))
    weights *= np.array([_SIZE_FACTOR.get(c["name_th"], 1.0) for c in communities])
    weights /= weights.sum()
    parts = max(1, round(scale))
    zones = []
    for community, weight in zip(communities, weights, strict=True):
        for part in range(1, parts + 1):
            name = community["name_th"] if part == 1 else f"{community['name_th']} (โซน {part})"
            zones.append(
                Zone(
                    name,
                    community["name_th"],
                    community["lat"],
                    community["lon"],
                    bool(community["flood_prone"]),
                    float(weight) / parts,
                )
            )
    return tuple(zones)


def _floods(rng: np.random.Generator, start: date, today: date) -> tuple[FloodEpisode, ...]:
    """The known crests, and a made-up one for every other monsoon in the span.

    In a monsoon that is under way on `today` the crest is still to come: the river is rising.
    """
    episodes = []
    for year in range(start.year, today.year + 1):
        if year in KNOWN_FLOODS:
            episodes.append(KNOWN_FLOODS[year])
            continue
        rise, fall, height = rng.uniform(2.5, 5), rng.uniform(5, 9), rng.uniform(0.55, 0.85)
        if date(year, 11, 15) <= today <= date(year + 1, 1, 5):
            # A monsoon under way on `today`: the river is rising towards a crest a day or two away.
            peak = datetime.combine(today, AS_OF) + timedelta(hours=round(rise * 24 * rng.uniform(0.3, 0.6)))
        else:
            peak = datetime(year, 11, 20) + timedelta(days=int(rng.integers(0, 46)), hours=int(rng.integers(0, 24)))
        episodes.append(FloodEpisode(peak, float(rise), float(fall), float(height), 0))
    return tuple(episodes)


def typed_frame(declared: Dataset, columns: Mapping[str, object]) -> pd.DataFrame:
    """A frame with exactly `declared`'s columns, in order, each in the typed-frame dtype."""
    unexpected = set(columns) - {c.key for c in declared.columns}
    if unexpected:
        raise KeyError(f"{declared.key} has no columns {sorted(unexpected)}")
    return pd.DataFrame({c.key: c.kind.coerce(pd.Series(columns[c.key])) for c in declared.columns})
