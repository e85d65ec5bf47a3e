"""What the city map draws, as small frames: complaints binned into hexagons (counted by status),
incidents, river stations with their level status, facilities and communities.

Complaints are binned here, in pandas, rather than by deck.gl's HexagonLayer in the browser, so a
city-wide year of tickets reaches the browser as a few hundred cells, never as raw rows.

Hexagons are pointy-topped, HEX_RADIUS_M metres from centre to corner, on a flat projection
around the city centre (exact enough over a 20 km² municipality: under 0.1 % distortion).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import numpy as np
import pandas as pd

from data_sources.bands import RiverStatus, river_status
from data_sources.city import profile
from metrics.kpi import Frames
from metrics.periods import Period
from metrics.selection import in_period

HEX_RADIUS_M = 200.0
METRES_PER_DEGREE_LAT = 110_574.0
METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320.0
OPEN_STATUSES = ("received", "in_progress")
StatusGroup = Literal["all", "open", "resolved"]


def _metres_per_degree_lon(latitude: float) -> float:
    return METRES_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(latitude))


def hex_cells(
    latitudes: np.ndarray, longitudes: np.ndarray, centre: Mapping[str, float], radius_m: float
) -> np.ndarray:
    """Axial (q, r) hexagon coordinates of each point, as an (n, 2) integer array."""
    x = (longitudes - centre["lon"]) * _metres_per_degree_lon(centre["lat"])
    y = (latitudes - centre["lat"]) * METRES_PER_DEGREE_LAT
    q = (math.sqrt(3) / 3 * x - y / 3) / radius_m
    r = (2 / 3 * y) / radius_m
    # Cube rounding: round all three cube coordinates, then fix the one that moved most.
    s = -q - r
    rq, rr, rs = np.round(q), np.round(r), np.round(s)
    dq, dr, ds = np.abs(rq - q), np.abs(rr - r), np.abs(rs - s)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    rq = np.where(fix_q, -rr - rs, rq)
    rr = np.where(fix_r, -rq - rs, rr)
    return np.column_stack([rq, rr]).astype(int)


def hex_outline(q: int, r: int, centre: Mapping[str, float], radius_m: float) -> list[list[float]]:
    """The six corners of hexagon (q, r) as [lon, lat] pairs (deck.gl's order)."""
    cx = radius_m * math.sqrt(3) * (q + r / 2)
    cy = radius_m * 1.5 * r
    lon_scale = _metres_per_degree_lon(centre["lat"])
    corners = []
    for corner in range(6):
        angle = math.radians(60 * corner - 30)
        corners.append(
            [
                round(centre["lon"] + (cx + radius_m * math.cos(angle)) / lon_scale, 6),
                round(centre["lat"] + (cy + radius_m * math.sin(angle)) / METRES_PER_DEGREE_LAT, 6),
            ]
        )
    return corners


def _located(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.loc[frame["latitude"].notna() & frame["longitude"].notna()]


def _in_community(frame: pd.DataFrame, community: str | None) -> pd.DataFrame:
    return frame if community is None else frame.loc[(frame["community"] == community).fillna(False)]


def complaint_hexagons(
    frames: Frames,
    period: Period,
    *,
    community: str | None = None,
    statuses: StatusGroup = "all",
    radius_m: float = HEX_RADIUS_M,
) -> pd.DataFrame:
    """One row per hexagon holding complaints received in the period: polygon, complaints, and how
    many are resolved, open (received or in progress) and cancelled; busiest first."""
    columns = ["polygon", "complaints", "resolved", "open", "cancelled"]
    tickets = _located(_in_community(in_period(frames["complaints"], "received_at", period), community))
    status = tickets["status"].astype("object")
    if statuses == "open":
        tickets, status = tickets.loc[status.isin(OPEN_STATUSES)], status[status.isin(OPEN_STATUSES)]
    elif statuses == "resolved":
        tickets, status = tickets.loc[status == "resolved"], status[status == "resolved"]
    if tickets.empty:
        return pd.DataFrame(columns=columns)
    centre = profile()["centre"]
    cells = hex_cells(tickets["latitude"].to_numpy(), tickets["longitude"].to_numpy(), centre, radius_m)
    counts = pd.DataFrame(
        {
            "q": cells[:, 0],
            "r": cells[:, 1],
            "resolved": (status == "resolved").to_numpy(),
            "open": status.isin(OPEN_STATUSES).to_numpy(),
            "cancelled": (status == "cancelled").to_numpy(),
        }
    )
    table = counts.groupby(["q", "r"]).agg(
        complaints=("resolved", "size"),
        resolved=("resolved", "sum"),
        open=("open", "sum"),
        cancelled=("cancelled", "sum"),
    )
    table = table.reset_index().sort_values("complaints", ascending=False, ignore_index=True)
    table["polygon"] = [hex_outline(q, r, centre, radius_m) for q, r in zip(table["q"], table["r"], strict=True)]
    return table[columns].astype({"complaints": "int64", "resolved": "int64", "open": "int64", "cancelled": "int64"})


def incident_points(frames: Frames, period: Period, *, community: str | None = None) -> pd.DataFrame:
    """Incidents of the period that carry coordinates, most severe drawn last (on top)."""
    columns = ["latitude", "longitude", "incident_type", "severity", "occurred_at", "community", "households_affected"]
    incidents = _located(_in_community(in_period(frames["incidents"], "occurred_at", period), community))
    order = {"low": 0, "medium": 1, "high": 2, "critical": 3}
    rank = incidents["severity"].astype("object").map(order).fillna(0)
    return incidents.assign(_rank=rank).sort_values("_rank", kind="stable")[columns].reset_index(drop=True)


def station_status(level: float | None, warning: float | None, critical: float | None) -> RiverStatus:
    """The station's river status (data_sources.bands), or "no_data" without a level."""
    if level is None or pd.isna(level) or warning is None or pd.isna(warning):
        return "no_data"
    return river_status(level, warning, critical if critical is not None and not pd.isna(critical) else float("inf"))


def river_stations(frames: Frames, period: Period, now: datetime) -> pd.DataFrame:
    """Each station of the city profile: its latest reading up to the period's end (or now, if
    sooner), its status, and the highest level within the period."""
    water = frames.get("water_level")
    moment = pd.Timestamp(now)
    rows: list[dict[str, Any]] = []
    for station in profile()["river_stations"]:
        readings = pd.DataFrame() if water is None else water.loc[water["station"] == station["code"]]
        upto = (
            readings.loc[(readings["measured_at"] < period.end_ts) & (readings["measured_at"] <= moment)]
            if not readings.empty
            else readings
        )
        latest = upto.loc[upto["measured_at"].idxmax()] if not upto.empty else None
        in_window = in_period(readings, "measured_at", period) if not readings.empty else readings
        level = None if latest is None else float(latest["level_m"])
        warning = station["warning_m"] if latest is None else float(latest["warning_level_m"])
        critical = station["critical_m"] if latest is None else float(latest["critical_level_m"])
        rows.append({
            "code": station["code"], "name_th": station["name_th"], "name_en": station["name_en"],
            "latitude": station["lat"], "longitude": station["lon"],
            "level_m": level, "warning_level_m": warning, "critical_level_m": critical,
            "measured_at": None if latest is None else latest["measured_at"],
            "period_max_m": float(in_window["level_m"].max()) if not in_window.empty else None,
            "status": station_status(level, warning, critical),
        })  # fmt: skip
    return pd.DataFrame(rows)


def facility_points(frames: Frames, *, community: str | None = None) -> pd.DataFrame:
    """Facilities with coordinates: name, type, community, capacity."""
    facilities = _located(_in_community(frames["facilities"], community))
    return facilities[["latitude", "longitude", "name", "facility_type", "community", "capacity"]].reset_index(
        drop=True
    )


def community_points(frames: Frames, period: Period) -> pd.DataFrame:
    """Each community of the city profile with its flood risk and the period's complaints and incidents."""

    def per_community(key: str, column: str) -> pd.Series:
        frame = frames.get(key)
        if frame is None or frame.empty:
            return pd.Series(dtype="int64")
        return in_period(frame, column, period)["community"].value_counts()

    complaints, incidents = per_community("complaints", "received_at"), per_community("incidents", "occurred_at")
    rows = [
        {
            "name_th": c["name_th"], "name_en": c["name_en"], "latitude": c["lat"], "longitude": c["lon"],
            "flood_prone": bool(c.get("flood_prone", False)),
            "complaints": int(complaints.get(c["name_th"], 0)), "incidents": int(incidents.get(c["name_th"], 0)),
        }
        for c in profile()["communities"]
    ]  # fmt: skip
    return pd.DataFrame(rows)
