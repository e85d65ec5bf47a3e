"""Malay, as Patani Malay speakers often write it in Latin letters ("banjir ke tidak hari ini"):
recognised as Malay, answered in Malay for the river, floods, shelters and emergencies, and
otherwise with what the bot can do and the office number (assets/chatbot/malay.json)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from typing import Any

import pandas as pd

from chatbot.emergency import Danger
from chatbot.emergency_answers import calls_for
from chatbot.flood_answers import nearest_shelters
from data_sources.city import ASSETS, profile
from metrics.river_outlook import RiverOutlook, river_outlooks, worst

MALAY_FILE = ASSETS / "chatbot" / "malay.json"
# Words that are Malay and not English (nor Thai transliteration): two of them, or one strong one, make a message Malay.
_MALAY = frozenset(
    {"banjir", "sungai", "hujan", "tolong", "apa", "boleh", "saya", "kami", "nak", "hendak", "mahu", "tidak", "tak",
     "ada", "mana", "bila", "berapa", "rumah", "jalan", "sampah", "terima", "kasih", "selamat", "pagi", "petang",
     "hari", "ini", "esok", "semalam", "aduan", "masalah", "rosak", "lampu", "anjing", "kebakaran", "kemalangan",
     "pejabat", "perbandaran", "bantuan", "elaun", "cukai", "macam", "bagaimana", "dengan", "yang", "untuk", "dan",
     "dari", "sudah", "belum", "lagi", "naik", "turun", "paras", "kenapa", "siapa", "kita", "orang", "ayik", "rumoh",
     "gapo", "mano", "bilo", "demo", "ambo", "kawe", "dok", "tok", "gak", "pusat", "pemindahan", "ke", "ka", "air",
     "sekarang", "kecemasan", "lemas", "ular", "gigit", "masuk", "dalam", "tinggi", "bahaya", "amaran", "assalamualaikum",
     "salam", "apakah", "adakah", "bolehkah", "tolonglah", "nombor", "telefon", "khabar", "tahu", "pasal", "warga",
     "emas", "anak", "patuk", "kutip", "dikutip", "digigit", "bayar", "tanah", "buang", "pukul", "buka", "tutup"}
)  # fmt: skip
_STRONG = frozenset({"banjir", "tolong", "terima", "selamat", "sungai", "ayik", "rumoh", "gapo", "assalamualaikum",
                     "kecemasan", "pemindahan", "perbandaran", "adakah", "bolehkah", "khabar"})  # fmt: skip
_WORD = re.compile(r"[a-z]+")
_FLOOD_WORDS = ("banjir", "sungai", "paras", "ayik", "air naik", "hujan", "pemindahan", "pusat", "mangsa")


@cache
def _texts() -> dict[str, Any]:
    return json.loads(MALAY_FILE.read_text(encoding="utf-8"))


def is_malay(text: str) -> bool:
    """True when a Latin-letter message reads as Malay.

    >>> is_malay("banjir ke tidak hari ini"), is_malay("is the river rising today"), is_malay("ระดับน้ำ")
    (True, False, False)
    """
    words = _WORD.findall(text.lower())
    if not words or re.search(r"[\u0e01-\u0e5b]", text):
        return False
    malay = [w for w in words if w in _MALAY]
    return bool(set(malay) & _STRONG) or (len(malay) >= 2 and len(malay) / len(words) >= 0.5)


def _fill(template: str) -> str:
    city = profile()
    phones = city.get("office_phones", [])
    office = phones[0]["number"] if phones else city.get("phone_area_code", "")
    return template.format(
        city_ms="Perbandaran Bandar Raya Yala", office_phone=office, office_hours=city["office_hours"]["ms"]
    )


def wants_river(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _FLOOD_WORDS)


def _station(outlook: RiverOutlook) -> str:
    texts = _texts()
    if outlook.status == "no_data" or outlook.level_m is None or outlook.measured_at is None:
        return f"- {outlook.name_en}: {texts['status']['no_data']}"
    rate = abs(outlook.rate_m_per_h or 0.0) * 100
    trend = texts["trend"][outlook.trend].format(rate=f"{rate:.0f}")
    if outlook.change_24h_m is not None and outlook.trend != "unknown":
        direction = texts["up"] if outlook.change_24h_m >= 0 else texts["down"]
        trend += texts["change_24h"].format(direction=direction, change=f"{abs(outlook.change_24h_m):.2f}")
    if outlook.hours_to_warning and outlook.hours_to_warning > 0 and outlook.warning_m is not None:
        trend += texts["eta"].format(warning=f"{outlook.warning_m:.2f}", hours=round(outlook.hours_to_warning))
    hours = outlook.age_hours or 0.0
    age = (
        texts["age_minutes"].format(minutes=round(hours * 60))
        if hours < 1
        else texts["age_hours"].format(hours=round(hours))
    )
    status = texts["status"][outlook.status] + (texts["rising_fast"] if outlook.rising_fast else "")
    when = outlook.measured_at.strftime("%d/%m/%Y %H:%M")
    return texts["station_line"].format(name=outlook.name_en, level=f"{outlook.level_m:.2f}", status=status, trend=trend,
                                        when=when, age=age)  # fmt: skip


def river_answer(water: pd.DataFrame | None, facilities: pd.DataFrame | None, now: datetime) -> str:
    """The river at every station and the shelters, in Malay."""
    texts = _texts()
    outlooks = river_outlooks(water, now)
    found = worst(outlooks)
    status = "no_data" if found is None else found.status
    head = texts["river_head"].format(
        status=texts["status"][status] + (texts["rising_fast"] if found and found.rising_fast else "")
    )
    lines = [head, *(_station(o) for o in outlooks), "", texts["flood_advice"], texts["shelters_head"]]
    for place in nearest_shelters(facilities):
        lines.append(texts["shelter_line"].format(name=place.name, phone=place.phone or "-", link=place.directions))
    lines += ["", _numbers(Danger("flood")), "", texts["source"]]
    return "\n".join(lines)


def _numbers(danger: Danger) -> str:
    texts = _texts()
    return "\n".join(f"- {call.number} {texts['numbers'].get(key, '')}" for key, call in _keyed_calls(danger.kind))


def _keyed_calls(kind: str) -> list[tuple[str, Any]]:
    numbers = profile()["emergency_numbers"]
    by_number = {str(v): k for k, v in numbers.items()}
    return [(by_number.get(call.number, ""), call) for call in calls_for(kind)]


def call_label(number: str) -> str:
    """The Malay name of an emergency number ("1669" -> "kecemasan perubatan, ambulans"), "" if none."""
    key = {str(v): k for k, v in profile()["emergency_numbers"].items()}.get(number, "")
    return _texts()["numbers"].get(key, "")


def word(key: str) -> str:
    """A short Malay text of assets/chatbot/malay.json by key ("tap_to_call")."""
    return str(_texts()[key])


def emergency_answer(danger: Danger) -> str:
    texts = _texts()
    return "\n".join([texts["emergency_title"], _numbers(danger), texts["emergency_advice"]])


def reply_text(kind: str) -> str:
    """ "capabilities", "greeting" or "thanks", filled in."""
    return _fill(_texts()[kind])


def greeting_or_thanks(text: str) -> str | None:
    lowered = text.lower()
    if "terima kasih" in lowered or "kasih" in lowered:
        return "thanks"
    if any(word in lowered for word in ("salam", "selamat", "assalamualaikum", "hai", "helo", "khabar")):
        return "greeting"
    return None
