"""Flood answers from the live data: the river's level, rate and time to the warning and critical
levels (metrics.river_outlook), how old the reading is, and the nearest shelters (facilities)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from chatbot.actions import Place
from chatbot.answers import clock, say
from chatbot.text import Lang
from data_sources.city import distance_m, profile
from metrics.periods import day_label
from metrics.river_outlook import RiverOutlook, river_outlooks, worst

SHELTERS_SHOWN = 3
_STATUS_WORDS = {
    "normal": ("ปกติ", "normal"),
    "watch": ("เฝ้าระวัง", "watch"),
    "warning": ("เกินระดับเฝ้าระวัง", "above the warning level"),
    "critical": ("ถึงระดับวิกฤต", "at the critical level"),
    "no_data": ("ไม่มีค่าที่วัดใน 24 ชั่วโมง", "no reading in the last 24 hours"),
}


@dataclass(frozen=True)
class RiverText:
    text: str
    as_of: str | None
    worst: RiverOutlook | None


def duration(hours: float, lang: Lang) -> str:
    """ "ราว 15 ชม." / "ราว 2 วัน 3 ชม." / "ไม่ถึง 1 ชม." (and in English)."""
    if hours < 1:
        return say(lang, "ไม่ถึง 1 ชม.", "under an hour")
    whole = round(hours)
    if whole < 48:
        return say(lang, f"ราว {whole} ชม.", f"about {whole} h")
    days, rest = divmod(whole, 24)
    return say(lang, f"ราว {days} วัน {rest} ชม.", f"about {days} days {rest} h")


def age(hours: float, lang: Lang) -> str:
    minutes = round(hours * 60)
    if minutes < 60:
        return say(lang, f"{minutes} นาทีที่แล้ว", f"{minutes} min ago")
    return say(lang, f"{round(hours)} ชม. ที่แล้ว", f"{round(hours)} h ago")


def status_word(outlook: RiverOutlook, lang: Lang) -> str:
    word = _STATUS_WORDS[outlook.status][0 if lang == "th" else 1]
    if outlook.rising_fast:
        word += say(lang, " (น้ำขึ้นเร็ว)", " (rising fast)")
    return word


def _rate(outlook: RiverOutlook, lang: Lang) -> str:
    rate = outlook.rate_m_per_h
    if outlook.trend == "unknown" or rate is None:
        return ""
    per_hour = abs(rate) * 100
    change = "" if outlook.change_24h_m is None else say(
        lang, f" ({'ขึ้น' if outlook.change_24h_m >= 0 else 'ลง'} {abs(outlook.change_24h_m):.2f} ม. ใน 24 ชม.)",
        f" ({'up' if outlook.change_24h_m >= 0 else 'down'} {abs(outlook.change_24h_m):.2f} m in 24 h)",
    )  # fmt: skip
    if outlook.trend == "steady":
        return say(lang, f" ทรงตัว{change}", f", steady{change}")
    verb = say(lang, "กำลังขึ้น" if rate > 0 else "กำลังลด", "rising" if rate > 0 else "falling")
    return say(lang, f" {verb} {per_hour:.0f} ซม./ชม.{change}", f", {verb} {per_hour:.0f} cm/h{change}")


def _eta(outlook: RiverOutlook, lang: Lang) -> str:
    parts = []
    for hours, th, en, level in (
        (outlook.hours_to_warning, "ระดับเฝ้าระวัง", "the warning level", outlook.warning_m),
        (outlook.hours_to_critical, "ระดับวิกฤต", "the critical level", outlook.critical_m),
    ):
        if hours is not None and hours > 0 and level is not None:
            parts.append(
                say(
                    lang,
                    f"ถึง{th} {level:.2f} ม. ใน{duration(hours, lang)}",
                    f"reaches {en} ({level:.2f} m) in {duration(hours, lang)}",
                )
            )
    if not parts:
        return ""
    return say(
        lang,
        " — " + " และ".join(parts) + " หากยังขึ้นด้วยอัตรานี้",
        " — " + " and ".join(parts) + " if it keeps rising at this rate",
    )


def station_line(outlook: RiverOutlook, lang: Lang) -> str:
    name = outlook.name(lang)
    if outlook.status == "no_data" or outlook.level_m is None or outlook.measured_at is None:
        return f"- {name}: {_STATUS_WORDS['no_data'][0 if lang == 'th' else 1]}"
    gap = outlook.below_warning_m or 0.0
    relation = say(lang, f"ต่ำกว่าระดับเฝ้าระวัง {gap:.2f} ม.", f"{gap:.2f} m below warning") if gap > 0 else say(
        lang, f"สูงกว่าระดับเฝ้าระวัง {-gap:.2f} ม.", f"{-gap:.2f} m above warning")  # fmt: skip
    when = (
        say(lang, "วัดเมื่อ ", "measured ")
        + f"{day_label(outlook.measured_at.date(), lang)} {clock(outlook.measured_at, lang)}"
    )
    return (
        f"- {name}: {outlook.level_m:.2f} {say(lang, 'ม.', 'm')} ({status_word(outlook, lang)}, {relation})"
        f"{_rate(outlook, lang)}{_eta(outlook, lang)} · {when} ({age(outlook.age_hours or 0.0, lang)})"
    )


def river_text(water: pd.DataFrame | None, lang: Lang, now: datetime) -> RiverText:
    """The river at every station now, worst first, from the live water_level rows."""
    outlooks = river_outlooks(water, now)
    found = worst(outlooks)
    head = say(lang, "แม่น้ำปัตตานีตอนนี้", "The Pattani River now")
    if found is not None:
        head += say(lang, f": {status_word(found, lang)}", f": {status_word(found, lang)}")
    order = sorted(outlooks, key=lambda o: o is not found)
    measured = [o.measured_at for o in outlooks if o.measured_at is not None]
    as_of = max(measured).isoformat() if measured else None
    return RiverText("\n".join([head, *(station_line(o, lang) for o in order)]), as_of, found)


def nearest_shelters(
    facilities: pd.DataFrame | None, *, latitude: float | None = None, longitude: float | None = None,
    count: int = SHELTERS_SHOWN,
) -> list[Place]:  # fmt: skip
    """The shelters of the facilities dataset, nearest first when a point is known (else largest first)."""
    if facilities is None or facilities.empty:
        return []
    shelters = facilities.loc[(facilities["facility_type"] == "shelter") & facilities["latitude"].notna()]
    places = []
    for _, row in shelters.iterrows():
        distance = None
        if latitude is not None and longitude is not None:
            distance = distance_m(latitude, longitude, float(row["latitude"]), float(row["longitude"])) / 1000
        phone = None if pd.isna(row["phone"]) else str(row["phone"])
        capacity = 0 if pd.isna(row["capacity"]) else int(row["capacity"])
        places.append(
            (
                distance if distance is not None else -capacity,
                Place(str(row["name"]), float(row["latitude"]), float(row["longitude"]), phone, distance),
            )
        )
    return [place for _, place in sorted(places, key=lambda pair: pair[0])[:count]]


def shelter_lines(places: list[Place], lang: Lang, *, located: bool) -> list[str]:
    if not places:
        return [
            say(
                lang,
                "ยังไม่มีรายชื่อศูนย์พักพิงในระบบ สอบถามสายด่วน 1784 หรือเทศบาล",
                "No shelters are listed yet; ask the 1784 hotline or the municipality.",
            )
        ]
    head = say(lang, "ศูนย์พักพิงที่ใกล้ที่สุด:", "Nearest shelters:") if located else say(
        lang, "ศูนย์พักพิงของเทศบาล (บอกชื่อชุมชนหรือส่งตำแหน่งมา เพื่อหาที่ใกล้ที่สุด):",
        "Municipal shelters (tell me your community or send your location for the nearest):")  # fmt: skip
    lines = [head]
    for place in places:
        distance = (
            ""
            if place.distance_km is None
            else say(lang, f" ห่าง {place.distance_km:.1f} กม.", f", {place.distance_km:.1f} km")
        )
        phone = "" if not place.phone else say(lang, f" โทร {place.phone}", f", phone {place.phone}")
        lines.append(f"- {place.name}{distance}{phone}\n  {say(lang, 'เส้นทาง', 'Directions')}: {place.directions}")
    return lines


_ADVICE = {
    "no_data": ("ติดตามประกาศของเทศบาล สายด่วนสาธารณภัย {disaster}", "Follow the municipality's notices; disaster hotline {disaster}."),
    "normal": ("ระดับน้ำยังปกติ ติดตามประกาศของเทศบาลในช่วงฝนตกหนัก", "Levels are normal; follow the municipality's notices during heavy rain."),
    "watch": ("เฝ้าระวัง ติดตามประกาศของเทศบาล บ้านในที่ลุ่มต่ำเตรียมขนย้ายของขึ้นที่สูง ชาร์จโทรศัพท์ เตรียมยาและเอกสารสำคัญ",
              "Stay alert and follow the municipality's notices; in low-lying homes get ready to move belongings up, charge phones, pack medicines and documents."),
    "warning": ("ขนย้ายของขึ้นที่สูง เตรียมพร้อมอพยพตามประกาศของเทศบาล สายด่วนสาธารณภัย {disaster}",
                "Move belongings up and be ready to evacuate when the municipality says so. Disaster hotline {disaster}."),
    "critical": ("อพยพตามประกาศของเทศบาลทันที ไปยังศูนย์พักพิง สายด่วนสาธารณภัย {disaster}",
                 "Evacuate as the municipality instructs, to a shelter. Disaster hotline {disaster}."),
}  # fmt: skip


def advice(status: str, lang: Lang) -> str:
    """What to do at the river's current status."""
    th, en = _ADVICE.get(status, _ADVICE["no_data"])
    return say(lang, th, en).format(**profile()["emergency_numbers"])
