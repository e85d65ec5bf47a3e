"""Answers from live data: today's air and the river now. Civic records are in `civic_answers`.

Each function takes the typed frame `store.load` returns (or None when there is no database),
the language and the moment "now" in city time, and returns an `Answer` carrying its source
datasets and an "as of" moment. With no data it says so: a figure is never made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from chatbot.text import Lang
from data_sources import bands
from data_sources.bands import PM25_DAILY_STANDARD, RIVER_LIVE_HOURS, AirBandKey, river_status, worse_river_status
from data_sources.city import profile
from metrics.periods import day_label

UNIT_TH = "มคก./ลบ.ม."
UNIT_EN = "µg/m³"


@dataclass(frozen=True)
class Answer:
    text: str
    sources: tuple[str, ...] = ()
    as_of: str | None = None  # ISO date or date-time of the newest figure used
    slots: dict[str, Any] | None = None  # slots the answer settled (e.g. the fiscal year it used)


def say(lang: Lang, th: str, en: str) -> str:
    return th if lang == "th" else en


def clock(moment: datetime, lang: Lang) -> str:
    return moment.strftime("%H:%M") + (" น." if lang == "th" else "")


def moment_label(moment: datetime, lang: Lang) -> str:
    return f"{day_label(moment.date(), lang)} {clock(moment, lang)}"


def no_data(lang: Lang, dataset_key: str, th_topic: str, en_topic: str) -> Answer:
    return Answer(
        say(
            lang,
            f"ยังไม่มีข้อมูล{th_topic}ในระบบ จึงยังตอบเป็นตัวเลขไม่ได้ค่ะ",
            f"There is no {en_topic} data in the system yet, so I can't give a figure.",
        ),
        (dataset_key,),
    )


# ----------------------------------------------------------------- air quality


@dataclass(frozen=True)
class AirBandText:
    th: str
    en: str
    advice_th: str
    advice_en: str


# What the chatbot says for each Thai AQI band; the breakpoints themselves live in data_sources.bands,
# so the chatbot and the Citizen Dashboard never put one day in different bands.
AIR_BAND_TEXT: dict[AirBandKey, AirBandText] = {
    "very_good": AirBandText("ดีมาก (สีฟ้า)", "very good (blue)", "เหมาะกับกิจกรรมกลางแจ้ง", "Fine for outdoor activities."),
    "good": AirBandText("ดี (สีเขียว)", "good (green)", "ทำกิจกรรมกลางแจ้งได้ตามปกติ", "Outdoor activities as usual."),
    "moderate": AirBandText(
        "ปานกลาง (สีเหลือง)", "moderate (yellow)",
        "ทำกิจกรรมกลางแจ้งได้ ผู้มีโรคประจำตัวควรสังเกตอาการ",
        "Outdoor activities are fine; people with health conditions should watch for symptoms.",
    ),
    "starting_to_affect": AirBandText(
        "เริ่มมีผลกระทบต่อสุขภาพ (สีส้ม)", "starting to affect health (orange)",
        "ลดเวลากิจกรรมกลางแจ้ง ใส่หน้ากากป้องกันฝุ่น โดยเฉพาะเด็ก ผู้สูงอายุ และผู้มีโรคประจำตัว",
        "Spend less time outdoors and wear a dust mask, especially children, older people and the sick.",
    ),
    "affects_health": AirBandText(
        "มีผลกระทบต่อสุขภาพ (สีแดง)", "affects health (red)",
        "หลีกเลี่ยงกิจกรรมกลางแจ้ง ใส่หน้ากากป้องกันฝุ่น มีอาการผิดปกติให้พบแพทย์",
        "Avoid outdoor activities, wear a dust mask, and see a doctor if you feel unwell.",
    ),
}  # fmt: skip


def air_band(pm25: float) -> AirBandText:
    return AIR_BAND_TEXT[bands.air_band(pm25).key]


def air_quality(
    readings: pd.DataFrame | None, lang: Lang, now: datetime, *, station: str | None = None,
    period: dict[str, Any] | None = None,
) -> Answer:  # fmt: skip
    """The city's mean PM2.5 today so far (or the latest day with readings, or yesterday if asked)."""
    if readings is None:
        return no_data(lang, "air_quality", "คุณภาพอากาศ", "air quality")
    rows = readings.loc[(readings["measured_at"] <= pd.Timestamp(now)) & readings["pm25"].notna()]
    if station is not None:
        rows = rows.loc[rows["station"] == station]
    if rows.empty:
        return no_data(lang, "air_quality", "ค่าฝุ่น" + (f" สถานี {station}" if station else ""), "PM2.5")
    days = rows["measured_at"].dt.normalize()
    wanted = (period or {}).get("kind")
    day = pd.Timestamp(now.date() - timedelta(days=1)) if wanted == "yesterday" else days.max()
    on_day = rows.loc[days == day]
    if on_day.empty:
        text = say(
            lang, f"ไม่มีค่าฝุ่นของวันที่ {day_label(day.date(), lang)}", f"No PM2.5 readings on {day_label(day.date(), lang)}."
        )
        return Answer(text, ("air_quality",))
    return Answer(_air_text(on_day, lang, now, station), ("air_quality",), on_day["measured_at"].max().isoformat())


def _air_text(on_day: pd.DataFrame, lang: Lang, now: datetime, station: str | None) -> str:
    mean = float(on_day["pm25"].mean())
    band = air_band(mean)
    latest = on_day["measured_at"].max().to_pydatetime()
    if latest.date() == now.date():
        when = say(lang, f"วันนี้ (เฉลี่ยถึง {clock(latest, lang)})", f"today (mean up to {clock(latest, lang)})")
    else:
        when = say(
            lang, f"ล่าสุดวันที่ {day_label(latest.date(), lang)}", f"latest day with data, {day_label(latest.date(), lang)}"
        )
    where = _station_name(station, "air", lang) if station else say(lang, "เฉลี่ยทุกสถานี", "mean of all stations")
    over = mean > PM25_DAILY_STANDARD
    lines = [
        say(lang, f"ค่าฝุ่น PM2.5 {when} {where}: {mean:.1f} {UNIT_TH}", f"PM2.5 {when}, {where}: {mean:.1f} {UNIT_EN}"),
        say(lang, f"ระดับ: {band.th}", f"Level: {band.en}"),
        say(
            lang,
            f"{'เกิน' if over else 'ไม่เกิน'}ค่ามาตรฐานเฉลี่ย 24 ชั่วโมง {PM25_DAILY_STANDARD} {UNIT_TH}",
            f"{'Above' if over else 'Within'} the 24-hour standard of {PM25_DAILY_STANDARD} {UNIT_EN}",
        ),
    ]
    if station is None and on_day["station"].nunique() > 1:
        per_station = on_day.groupby("station", observed=True)["pm25"].mean()
        lines += [f"- {_station_name(code, 'air', lang)}: {value:.1f}" for code, value in per_station.items()]
    lines.append(say(lang, band.advice_th, band.advice_en))
    return "\n".join(lines)


def _station_name(code: str | None, kind: str, lang: Lang) -> str:
    for station in profile()[f"{kind}_stations"]:
        if station["code"] == code:
            return station["name_th"] if lang == "th" else station["name_en"]
    return str(code)


# ----------------------------------------------------------------- river

_RIVER_WORDS = {
    "normal": ("ปกติ", "normal"),
    "watch": ("ใกล้ระดับเฝ้าระวัง", "close to the warning level"),
    "warning": ("เกินระดับเฝ้าระวัง", "above the warning level"),
    "critical": ("ถึงระดับวิกฤต", "at the critical level"),
}
_RIVER_ADVICE = {
    "normal": ("ระดับน้ำยังปกติ ติดตามประกาศของเทศบาลในช่วงฝนตกหนัก", "Levels are normal; follow the municipality's notices during heavy rain."),
    "watch": ("เฝ้าระวัง ติดตามประกาศของเทศบาล เตรียมขนย้ายของขึ้นที่สูงหากอยู่ในพื้นที่ลุ่มต่ำ", "Stay alert and follow the municipality's notices; in low-lying areas get ready to move belongings up."),
    "warning": ("ขนย้ายของขึ้นที่สูง เตรียมพร้อมอพยพตามประกาศของเทศบาล สายด่วนสาธารณภัย {disaster}", "Move belongings up and be ready to evacuate when the municipality says so. Disaster hotline {disaster}."),
    "critical": ("อพยพตามประกาศของเทศบาลทันที ไปยังศูนย์พักพิง สายด่วนสาธารณภัย {disaster}", "Evacuate as the municipality instructs, to a shelter. Disaster hotline {disaster}."),
}  # fmt: skip


def water_level(readings: pd.DataFrame | None, lang: Lang, now: datetime, *, station: str | None = None) -> Answer:
    """Each station's latest level against its warning and critical levels, worst status first."""
    if readings is None:
        return no_data(lang, "water_level", "ระดับน้ำ", "river level")
    rows = readings.loc[(readings["measured_at"] <= pd.Timestamp(now)) & readings["level_m"].notna()]
    if station is not None:
        rows = rows.loc[rows["station"] == station]
    if rows.empty:
        return no_data(lang, "water_level", "ระดับน้ำ" + (f" สถานี {station}" if station else ""), "river level")
    latest = rows.sort_values("measured_at").groupby("station", observed=True).tail(1)
    fresh_since = pd.Timestamp(now) - timedelta(hours=RIVER_LIVE_HOURS)
    lines, worst = [], "normal"
    for _, row in latest.iterrows():
        status = river_status(float(row["level_m"]), float(row["warning_level_m"]), float(row["critical_level_m"]))
        fresh = row["measured_at"] > fresh_since
        if fresh:
            worst = worse_river_status(worst, status)
        lines.append(_river_line(row, status, fresh, lang))
    head = say(lang, f"ระดับน้ำล่าสุด: {_RIVER_WORDS[worst][0]}", f"River level now: {_RIVER_WORDS[worst][1]}")
    advice = _RIVER_ADVICE[worst][0 if lang == "th" else 1].format(**profile()["emergency_numbers"])
    as_of = latest["measured_at"].max().isoformat()
    return Answer("\n".join([head, *lines, advice]), ("water_level",), as_of)


def _river_line(row: pd.Series, status: str, fresh: bool, lang: Lang) -> str:
    level, warning = float(row["level_m"]), float(row["warning_level_m"])
    gap = warning - level
    name = _station_name(str(row["station"]), "river", lang)
    when = moment_label(row["measured_at"].to_pydatetime(), lang)
    stale = "" if fresh else say(lang, " (ข้อมูลเกิน 24 ชั่วโมง)", " (over 24 hours old)")
    if gap > 0:
        relation = say(lang, f"ต่ำกว่าระดับเฝ้าระวัง {gap:.2f} ม.", f"{gap:.2f} m below the warning level")
    else:
        relation = say(lang, f"สูงกว่าระดับเฝ้าระวัง {-gap:.2f} ม.", f"{-gap:.2f} m above the warning level")
    word = _RIVER_WORDS[status][0 if lang == "th" else 1]
    return say(
        lang,
        f"- {name}: {level:.2f} ม. ({word}, {relation}; ระดับวิกฤต {float(row['critical_level_m']):.2f} ม.) เมื่อ {when}{stale}",
        f"- {name}: {level:.2f} m ({word}, {relation}; critical {float(row['critical_level_m']):.2f} m) at {when}{stale}",
    )
