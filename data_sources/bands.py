"""The city's bands, the one home of their thresholds: river status and PM2.5 air bands.

River rule: a station's status is critical at or above its critical level, warning at or above
its warning level, watch within WATCH_MARGIN_M below the warning level, otherwise normal. A
reading counts as "now" only while it is at most RIVER_LIVE_HOURS old; an older one is a sensor
or upload problem. A rise slower than STEADY_RATE_M_PER_H reads as steady.

Air rule: the Thai AQI bands for 24-hour PM2.5 from the Pollution Control Department's 2566 BE
(2023) index, which moved them to the 37.5 µg/m³ daily standard: the top of "moderate" is the
standard itself. The colours are the index's own (blue, green, yellow, orange, red).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RiverStatus = Literal["normal", "watch", "warning", "critical", "no_data"]
RIVER_SEVERITY: tuple[RiverStatus, ...] = ("no_data", "normal", "watch", "warning", "critical")
WATCH_MARGIN_M = 0.5  # "close to the warning level": within half a metre below it
RIVER_LIVE_HOURS = 24
STEADY_RATE_M_PER_H = 0.02  # slower than 2 cm an hour reads as steady

PM25_DAILY_STANDARD = 37.5  # µg/m³, 24-hour mean (Thai standard since 1 June 2023)
PM25_ANNUAL_STANDARD = 15.0
PM10_DAILY_STANDARD = 120.0

AirBandKey = Literal["very_good", "good", "moderate", "starting_to_affect", "affects_health"]


def river_status(level: float, warning: float, critical: float) -> RiverStatus:
    """The river's status at `level` against its warning and critical levels (metres).

    >>> river_status(7.0, 7.5, 8.5), river_status(7.5, 7.5, 8.5), river_status(6.9, 7.5, 8.5)
    ('watch', 'warning', 'normal')
    >>> river_status(8.5, 7.5, 8.5)
    'critical'
    """
    if level >= critical:
        return "critical"
    if level >= warning:
        return "warning"
    return "watch" if level >= warning - WATCH_MARGIN_M else "normal"


def worse_river_status(first: RiverStatus, second: RiverStatus) -> RiverStatus:
    """The more severe of two statuses.

    >>> worse_river_status("watch", "normal")
    'watch'
    """
    return max(first, second, key=RIVER_SEVERITY.index)


@dataclass(frozen=True)
class AirBand:
    key: AirBandKey
    upper_pm25: float | None  # inclusive upper bound of the band's 24-hour PM2.5, µg/m³
    colour: str


AIR_BANDS: tuple[AirBand, ...] = (
    AirBand("very_good", 15.0, "#3BCCFF"),
    AirBand("good", 25.0, "#92D050"),
    AirBand("moderate", PM25_DAILY_STANDARD, "#FFFF00"),
    AirBand("starting_to_affect", 75.0, "#FFA200"),
    AirBand("affects_health", None, "#F04646"),
)


def air_band(pm25: float) -> AirBand:
    """The Thai AQI band a 24-hour PM2.5 mean falls in (values are rounded to one decimal first).

    >>> air_band(37.5).key, air_band(37.6).key, air_band(8.0).key
    ('moderate', 'starting_to_affect', 'very_good')
    """
    value = round(float(pm25), 1)
    for band in AIR_BANDS:
        if band.upper_pm25 is None or value <= band.upper_pm25:
            return band
    return AIR_BANDS[-1]
