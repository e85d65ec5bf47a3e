"""Demo public facilities: the real places named in the city facts, with plausible coordinates,
placeholder phone numbers (073-000-1xx: the area code is real, the numbers are not) and about
45 CCTV points at markets, roundabouts and main roads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_sources.adapters.facilities import FACILITIES
from data_sources.city import profile
from data_sources.demo.complaints import ROADS
from data_sources.demo.scenario import Scenario, typed_frame

_OFFICE_HOURS = "จ.-ศ. 08.30-16.30 น."
_ALWAYS_OPEN = "ตลอด 24 ชั่วโมง"

# (id, name, type, lat, lon, address, opening hours, capacity)
_PLACES = (
    ("OFF-01", "สำนักงานเทศบาลนครยะลา", "office", 6.5463, 101.2822, "ถนนสุขยางค์ ตำบลสะเตง", _OFFICE_HOURS, None),
    ("HOS-01", "โรงพยาบาลศูนย์ยะลา", "hospital", 6.5384, 101.2796, "152 ถนนสิโรรส", _ALWAYS_OPEN, None),
    ("HOS-02", "โรงพยาบาลสิโรรส", "hospital", 6.5452, 101.2797, "ถนนสิโรรส", _ALWAYS_OPEN, None),
    ("HC-01", "ศูนย์บริการสาธารณสุข 2", "health_centre", 6.5621, 101.2929, "ชุมชนร่วมใจพัฒนา", _OFFICE_HOURS, None),
    ("HC-02", "ศูนย์บริการสาธารณสุขตลาดเก่า (สะพานดำ)", "health_centre", 6.5594, 101.2871, "ตลาดเก่า", _OFFICE_HOURS, None),
    ("SCH-01", "โรงเรียนเทศบาล 2 (บ้านมลายูบางกอก)", "school", 6.5295, 101.2842, "84 ถนนสุขยางค์", _OFFICE_HOURS, None),
    ("SCH-02", "โรงเรียนเทศบาล 5 (บ้านตลาดเก่า)", "school", 6.5605, 101.2855, "ตลาดเก่า", _OFFICE_HOURS, None),
    ("SCH-03", "โรงเรียนยะลาบำรุง", "school", 6.5468, 101.2861, "ชุมชนหลังโรงเรียนจีน", _OFFICE_HOURS, None),
    ("SCH-04", "โรงเรียนคณะราษฎรบำรุง จังหวัดยะลา", "school", 6.5395, 101.2862, "ถนนสุขยางค์", _OFFICE_HOURS, None),
    ("CDC-01", "ศูนย์พัฒนาเด็กเล็กตลาดเก่า", "child_centre", 6.5630, 101.2938, "ชุมชนร่วมใจพัฒนา", _OFFICE_HOURS, 120),
    (
        "LIB-01",
        "อุทยานการเรียนรู้ TK Park ยะลา (ศูนย์เยาวชนเทศบาลนครยะลา)",
        "library",
        6.5441,
        101.2858,
        "ศูนย์เยาวชนเทศบาลนครยะลา",
        "อ.-อา. 10.00-19.00 น.",
        200,
    ),
    ("PRK-01", "สวนขวัญเมือง", "park", 6.5358, 101.2893, "ใกล้วงเวียนศาลากลางจังหวัด", "ทุกวัน 05.00-21.00 น.", None),
    (
        "PRK-02",
        "สวนศรีเมือง",
        "park",
        6.5530,
        101.2760,
        "ริมแม่น้ำปัตตานี ตลาดเมืองใหม่ – สะพานข้ามทางรถไฟ",
        "ทุกวัน 05.00-21.00 น.",
        None,
    ),
    ("MKT-01", "ตลาดเมืองใหม่", "market", 6.5508, 101.2752, "ถนนเปรมจิตสุรพันธ์", "ทุกวัน 04.00-18.00 น.", None),
    ("MKT-02", "ตลาดเก่า", "market", 6.5590, 101.2880, "ถนนสิโรรส", "ทุกวัน 05.00-18.00 น.", None),
    ("MKT-03", "ตลาดสดรถไฟ (ตลาดพิมลชัย)", "market", 6.5538, 101.2885, "ใกล้สถานีรถไฟยะลา", "ทุกวัน 04.00-19.00 น.", None),
    ("MKT-04", "ตลาดเกษตร", "market", 6.5279, 101.2640, "ชุมชนตลาดเกษตร", "ทุกวัน 05.00-12.00 น.", None),
    ("SPT-01", "สนามโรงพิธีช้างเผือก (อาคารช้างเผือก)", "sports", 6.5390, 101.2930, "ถนนพิพิธภักดี", "ทุกวัน 05.00-21.00 น.", 4000),
    ("SPT-02", "สนามกีฬาเทศบาลนครยะลา", "sports", 6.5680, 101.2975, "87 ถนนจารูพัฒนา", "ทุกวัน 05.00-21.00 น.", 1500),
    ("SHL-01", "ศูนย์พักพิงชั่วคราว โรงเรียนเทศบาล 2", "shelter", 6.5297, 101.2845, "84 ถนนสุขยางค์", _ALWAYS_OPEN, 400),
    ("SHL-02", "ศูนย์พักพิงชั่วคราว อาคารช้างเผือก", "shelter", 6.5392, 101.2927, "ถนนพิพิธภักดี", _ALWAYS_OPEN, 1500),
    ("SHL-03", "ศูนย์พักพิงชั่วคราว โรงเรียนคณะราษฎรบำรุง", "shelter", 6.5397, 101.2866, "ถนนสุขยางค์", _ALWAYS_OPEN, 500),
    ("SHL-04", "ศูนย์พักพิงชั่วคราว หอประชุมเทศบาลนครยะลา", "shelter", 6.5466, 101.2818, "ถนนสุขยางค์", _ALWAYS_OPEN, 300),
)
# Where cameras watch: busy spots first, then the main roads.
_CCTV_LANDMARKS = (
    ("วงเวียนหลักเมือง", 6.5425, 101.2831),
    ("วงเวียนหอนาฬิกา", 6.5448, 101.2852),
    ("ตลาดพิมลชัย ทางเข้า 1", 6.5540, 101.2883),
    ("ตลาดพิมลชัย ทางเข้า 2", 6.5535, 101.2889),
    ("ตลาดเก่า", 6.5588, 101.2877),
    ("ตลาดเมืองใหม่", 6.5506, 101.2756),
    ("สถานีรถไฟยะลา", 6.5545, 101.2892),
    ("สถานีขนส่งผู้โดยสาร", 6.5550, 101.2950),
    ("สวนขวัญเมือง", 6.5362, 101.2880),
    ("สะพานสะเตง", 6.5615, 101.2890),
)
_CCTV_COUNT = 45


def build_facilities(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("facilities")
    ids, names, types, lats, lons, addresses, hours, capacities = (
        list(column) for column in zip(*_PLACES, strict=True)
    )
    phones = [f"073-000-{101 + i:03d}" for i in range(len(_PLACES))]
    for number, (place, lat, lon) in enumerate(_cctv_points(rng), start=1):
        ids.append(f"CCTV-{number:02d}")
        names.append(f"กล้อง CCTV จุดที่ {number:02d} {place}")
        types.append("cctv")
        lats.append(lat)
        lons.append(lon)
        addresses.append(place)
        hours.append(_ALWAYS_OPEN)
        capacities.append(None)
        phones.append(None)
    lat, lon = np.array(lats), np.array(lons)
    return typed_frame(
        FACILITIES,
        {
            "facility_id": ids,
            "name": names,
            "facility_type": types,
            "latitude": lat,
            "longitude": lon,
            "community": _nearest_community(lat, lon),
            "address": addresses,
            "phone": phones,
            "opening_hours": hours,
            "capacity": [np.nan if c is None else c for c in capacities],
        },
    )


def _cctv_points(rng: np.random.Generator) -> list[tuple[str, float, float]]:
    points = [(name, lat, lon) for name, lat, lon in _CCTV_LANDMARKS]
    communities = profile()["communities"]
    bounds = profile()["bounds"]
    for _ in range(_CCTV_COUNT - len(points)):
        community = communities[int(rng.integers(0, len(communities)))]
        road = ROADS[int(rng.integers(0, len(ROADS)))]
        lat = float(np.clip(community["lat"] + rng.normal(0, 0.002), bounds["lat_min"], bounds["lat_max"]))
        lon = float(np.clip(community["lon"] + rng.normal(0, 0.002), bounds["lon_min"], bounds["lon_max"]))
        points.append((f"{road} ชุมชน{community['name_th']}", round(lat, 5), round(lon, 5)))
    return points


def _nearest_community(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    communities = profile()["communities"]
    centres = np.array([(c["lat"], c["lon"]) for c in communities])
    distance = (lat[:, None] - centres[None, :, 0]) ** 2 + (lon[:, None] - centres[None, :, 1]) ** 2
    return np.array([c["name_th"] for c in communities], dtype=object)[distance.argmin(axis=1)]
