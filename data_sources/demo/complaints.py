"""Demo complaints: about 13 tickets a day, mostly by LINE OA, bent by monsoon, rains and festivals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_sources.adapters.complaints import COMPLAINTS
from data_sources.demo import fake_people, seasons
from data_sources.demo.scenario import Scenario, typed_frame

TICKETS_PER_DAY = 13.0  # a city of 60k with LINE OA: 8–20 a day
_WEEKEND_FACTOR = 0.6
_YEARLY_GROWTH = 0.07  # more people find the LINE OA each year


@dataclass(frozen=True)
class _Category:
    key: str
    share: float
    season: str
    division: str
    median_days: float
    phrases: tuple[str, ...]


_CATEGORIES = (
    _Category(
        "drainage",
        0.12,
        "monsoon",
        "engineering",
        2.5,
        ("ท่อระบายน้ำอุดตัน น้ำท่วมขังหน้าบ้าน", "น้ำท่วมขังหลังฝนตก ระบายไม่ทัน", "ขอให้ขุดลอกรางระบายน้ำ"),
    ),
    _Category(
        "waste", 0.19, "festival", "health", 0.8, ("ขยะไม่ได้รับการจัดเก็บหลายวัน", "ขอถังขยะเพิ่ม", "มีการลักลอบทิ้งขยะริมถนน")
    ),
    _Category(
        "streetlight",
        0.13,
        "flat",
        "engineering",
        1.5,
        ("ไฟส่องสว่างดับหลายดวง", "เสาไฟฟ้าสาธารณะเอียง", "ไฟถนนกะพริบตลอดคืน"),
    ),
    _Category(
        "road",
        0.12,
        "after_monsoon",
        "engineering",
        4.0,
        ("ถนนเป็นหลุมบ่อ รถจักรยานยนต์เสี่ยงล้ม", "ทางเท้าชำรุด กระเบื้องหลุด", "ฝาท่อบนถนนทรุดตัว"),
    ),
    _Category(
        "animals", 0.08, "flat", "health", 3.0, ("สุนัขจรจัดจำนวนมากไล่กัดคน", "ขอให้จับสุนัขจรจัดไปทำหมัน", "แมวจรจัดในตลาด")
    ),
    _Category(
        "public_health",
        0.05,
        "rainy",
        "health",
        1.5,
        ("ยุงลายชุกชุม ขอพ่นหมอกควัน", "มีผู้ป่วยไข้เลือดออกในซอย ขอพ่นยา", "มีน้ำขังเป็นแหล่งเพาะพันธุ์ยุง"),
    ),
    _Category("trees", 0.05, "storm", "engineering", 2.0, ("กิ่งไม้ยื่นพาดสายไฟ", "ต้นไม้ใหญ่เอียงเสี่ยงล้ม", "ขอให้ตัดแต่งกิ่งไม้")),
    _Category(
        "noise", 0.06, "festival", "health", 2.0, ("เสียงดังจากร้านค้ายามวิกาล", "กลิ่นเหม็นจากบ่อบำบัด", "ควันจากการเผาขยะ")
    ),
    _Category("water_supply", 0.05, "dry", "engineering", 1.0, ("น้ำประปาไม่ไหล", "ท่อประปาแตกรั่ว", "น้ำประปามีตะกอน")),
    _Category(
        "traffic",
        0.06,
        "festival",
        "clerk",
        1.5,
        ("รถจอดขวางทางเข้าออกซอย", "สัญญาณไฟจราจรขัดข้อง", "ขอติดตั้งป้ายชะลอความเร็ว"),
    ),
    _Category(
        "market", 0.04, "festival", "health", 2.0, ("แผงลอยรุกล้ำทางเท้า", "ตลาดมีกลิ่นเหม็น พื้นสกปรก", "ขอจัดระเบียบหาบเร่")
    ),
    _Category(
        "other", 0.05, "flat", "clerk", 2.0, ("สอบถามขั้นตอนการขออนุญาต", "แจ้งป้ายโฆษณาชำรุด", "ขอความช่วยเหลือขนย้ายสิ่งของ")
    ),
)

# Channel mix at the start and at the end of the span: the chatbot grows, the phone shrinks.
_CHANNELS = ("line", "phone", "walk_in", "facebook", "traffy", "chatbot", "web", "letter")
_CHANNEL_MIX_START = np.array([0.52, 0.17, 0.10, 0.09, 0.06, 0.02, 0.02, 0.02])
_CHANNEL_MIX_END = np.array([0.52, 0.11, 0.07, 0.08, 0.07, 0.12, 0.02, 0.01])
_OFFICE_CHANNELS = ("phone", "walk_in", "letter")
# Hours people write on LINE or Facebook: from breakfast to late evening.
_ONLINE_HOURS = np.array([1, 0.5, 0.3, 0.3, 0.5, 1.5, 3, 5, 7, 7, 6.5, 6, 6, 6, 6, 6, 6, 6.5, 7, 8, 8, 6.5, 4, 2])

_SATISFACTION_FAST = np.array([0.02, 0.03, 0.10, 0.33, 0.52])
_SATISFACTION_SLOW = np.array([0.08, 0.10, 0.22, 0.35, 0.25])
_CANCELLED_SHARE = 0.03
_STUCK_SHARE = 0.08  # of road and drainage jobs: waiting for a budget line, weeks late

ROADS = (
    "ถนนสุขยางค์",
    "ถนนสิโรรส",
    "ถนนพิพิธภักดี",
    "ถนนเปรมจิตสุรพันธ์",
    "ถนนวิฑูรอุทิศ ซอย 10",
    "ถนนธนวิถี",
    "ถนนผังเมือง 4",
    "ถนนคูหามุข",
    "ถนนภูมาชีพ",
    "ถนนภิรมย์รัตน์",
    "ถนนภูมิณรงค์",
    "ถนนยิ้มจินดา",
    "ถนนจารูพัฒนา",
    "ถนนเวฬุวัน",
)


def build_complaints(scenario: Scenario) -> pd.DataFrame:
    rng = scenario.rng("complaints")
    day, category = _arrivals(scenario, rng)
    channel = _channels(scenario, rng, day)
    received = day + _time_of_day(rng, channel)
    keep = received <= np.datetime64(scenario.now, "m")
    order = np.argsort(received[keep], kind="stable")
    received, category, channel = received[keep][order], category[keep][order], channel[keep][order]
    n = len(received)
    resolved_at, status = _outcomes(scenario, rng, received, category)
    zone = rng.choice(len(scenario.zones), size=n, p=scenario.shares)
    lat, lon = scenario.jitter(rng, zone)
    division = np.array([c.division for c in _CATEGORIES], dtype=object)[category]
    division[(status == "received") & (rng.random(n) < 0.6)] = None  # not yet routed
    names, phones, national_ids = fake_people.complainants(rng, channel)
    return typed_frame(
        COMPLAINTS,
        {
            "ticket_id": _ticket_ids(received),
            "received_at": received,
            "resolved_at": resolved_at,
            "category": np.array([c.key for c in _CATEGORIES], dtype=object)[category],
            "community": np.array([z.name for z in scenario.zones], dtype=object)[zone],
            "latitude": lat,
            "longitude": lon,
            "channel": channel,
            "assigned_division": division,
            "status": status,
            "satisfaction": _satisfaction(rng, status, resolved_at - received, category),
            "description": _descriptions(rng, category),
            "complainant_name": names,
            "complainant_phone": phones,
            "complainant_national_id": national_ids,
        },
    )


def _season_factor(season: str, days: pd.DatetimeIndex, flooding: np.ndarray) -> np.ndarray:
    factors = {
        "flat": lambda: np.ones(len(days)),
        "monsoon": lambda: 1 + 2.5 * seasons.monsoon(days) + 4 * flooding,
        "rainy": lambda: 1 + 2.0 * seasons.rainy(days),
        "storm": lambda: 1 + 1.5 * seasons.monsoon(days) + 0.5 * seasons.rainy(days),
        "festival": lambda: 1 + 0.6 * seasons.festival(days),
        "after_monsoon": lambda: 1 + 0.8 * seasons.monsoon(days + pd.Timedelta(days=35)),
        "dry": lambda: 1 + 0.8 * seasons.dry(days),
    }
    return factors[season]()


def _arrivals(scenario: Scenario, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The day (datetime64[m] at midnight) and category index of every ticket up to `today`."""
    days = seasons.days_between(scenario.start, scenario.today)
    flooding = scenario.flood_activity(days + pd.Timedelta(hours=12))
    progress = np.arange(len(days)) / 365.25
    daily = TICKETS_PER_DAY * scenario.scale * (1 + _YEARLY_GROWTH * (progress - 1.5))
    daily = daily * np.where(days.day_of_week >= 5, _WEEKEND_FACTOR, 1.0)
    expected = np.column_stack([daily * c.share * _season_factor(c.season, days, flooding) for c in _CATEGORIES])
    counts = rng.poisson(expected)
    day_index, category = np.nonzero(counts)
    repeats = counts[day_index, category]
    day_index, category = np.repeat(day_index, repeats), np.repeat(category, repeats)
    return days.to_numpy().astype("datetime64[m]")[day_index], category


def _channels(scenario: Scenario, rng: np.random.Generator, day: np.ndarray) -> np.ndarray:
    start = np.datetime64(scenario.start, "m")
    progress = (day - start) / (np.datetime64(scenario.now, "m") - start)
    mix = _CHANNEL_MIX_START + np.outer(progress, _CHANNEL_MIX_END - _CHANNEL_MIX_START)
    cumulative = np.cumsum(mix / mix.sum(axis=1, keepdims=True), axis=1)
    index = (rng.random(len(day))[:, None] > cumulative).sum(axis=1)
    channel = np.array(_CHANNELS, dtype=object)[np.minimum(index, len(_CHANNELS) - 1)]
    weekend = pd.DatetimeIndex(day).day_of_week.to_numpy() >= 5
    # The office is shut at weekends: nobody walks in or answers the phone, people use LINE.
    channel[np.isin(channel, _OFFICE_CHANNELS) & weekend] = "line"
    return channel


def _time_of_day(rng: np.random.Generator, channel: np.ndarray) -> np.ndarray:
    """Minutes after midnight: office hours for office channels, waking hours for the rest."""
    n = len(channel)
    online_hour = rng.choice(24, size=n, p=_ONLINE_HOURS / _ONLINE_HOURS.sum())
    online = online_hour * 60 + rng.integers(0, 60, n)
    office = rng.integers(8 * 60 + 30, 16 * 60 + 30, n)
    return np.where(np.isin(channel, _OFFICE_CHANNELS), office, online).astype("timedelta64[m]")


def _outcomes(
    scenario: Scenario, rng: np.random.Generator, received: np.ndarray, category: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Resolution times (lognormal by category, long tail) and statuses as of `now`."""
    n = len(received)
    median = np.array([c.median_days for c in _CATEGORIES])[category]
    days_needed = rng.lognormal(np.log(median), 0.85)
    slow_kind = np.isin(category, [i for i, c in enumerate(_CATEGORIES) if c.key in ("road", "drainage")])
    days_needed[slow_kind & (rng.random(n) < _STUCK_SHARE)] *= 12
    days_needed = np.maximum(days_needed * scenario.platform_effect(received), 1 / 24)
    resolved_at = received + (days_needed * 24 * 60).astype("timedelta64[m]")
    now = np.datetime64(scenario.now, "m")
    age_hours = (now - received) / np.timedelta64(1, "h")
    status = np.where(resolved_at <= now, "resolved", np.where(age_hours < 12, "received", "in_progress")).astype(
        object
    )
    status[rng.random(n) < _CANCELLED_SHARE] = "cancelled"
    resolved_at = resolved_at.astype("datetime64[ns]")
    resolved_at[status != "resolved"] = np.datetime64("NaT")
    return resolved_at, status


def _satisfaction(rng: np.random.Generator, status: np.ndarray, took: np.ndarray, category: np.ndarray) -> np.ndarray:
    """1–5 from about 55% of those whose ticket was resolved; slow fixes score lower."""
    n = len(status)
    median = np.array([c.median_days for c in _CATEGORIES])[category]
    slow = (took / np.timedelta64(1, "D")) > 2 * median
    fast_draw = rng.choice(5, size=n, p=_SATISFACTION_FAST) + 1
    slow_draw = rng.choice(5, size=n, p=_SATISFACTION_SLOW) + 1
    score = np.where(slow, slow_draw, fast_draw).astype(np.float64)
    score[(status != "resolved") | (rng.random(n) > 0.55)] = np.nan
    return score


def _ticket_ids(received: np.ndarray) -> np.ndarray:
    """Running number per BE fiscal year, as the service centre writes it: "0001/2568"."""
    fiscal_year = seasons.fiscal_years(pd.DatetimeIndex(received))
    running = pd.Series(fiscal_year).groupby(fiscal_year).cumcount().to_numpy() + 1
    return np.array([f"{number:04d}/{year}" for number, year in zip(running, fiscal_year, strict=True)], dtype=object)


def _descriptions(rng: np.random.Generator, category: np.ndarray) -> np.ndarray:
    phrases = np.array([p for c in _CATEGORIES for p in c.phrases], dtype=object)
    per_category = len(_CATEGORIES[0].phrases)
    phrase = phrases[category * per_category + rng.integers(0, per_category, len(category))]
    road = np.array(ROADS, dtype=object)[rng.integers(0, len(ROADS), len(category))]
    return phrase + " " + road
