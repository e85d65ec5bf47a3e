"""Everyday answers from the city profile and the live data: garbage days by community, the
municipality's phone numbers, dengue figures (health dataset, through metrics)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from chatbot.actions import Call
from chatbot.answers import Answer, no_data, say
from chatbot.text import Lang, clean
from data_sources.city import profile
from metrics.breakdowns import CATEGORY_BREAKDOWNS
from metrics.citizen_services import collection
from metrics.periods import Period, month, month_label

THAI_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
GARBAGE_SOURCE = "profile:waste_schedule"


def _days(days: list[int], lang: Lang) -> str:
    names = THAI_WEEKDAYS if lang == "th" else ENGLISH_WEEKDAYS
    if len(days) == 7:
        return say(lang, "ทุกวัน", "every day")
    return say(lang, "วัน", "") + ", ".join(names[d - 1] for d in days)


def garbage_days(community: str | None, lang: Lang, now: datetime) -> Answer:
    """When the truck comes to `community` (the next day too); without one, ask which community."""
    schedule = profile().get("waste_schedule", [])
    if community is None:
        lines = [say(lang, "รถเก็บขยะมาตามวันของแต่ละชุมชน บอกชื่อชุมชนของคุณได้เลย เช่น \"ขยะชุมชนเมืองทอง\"",
                     'Trucks come on each community\'s own days. Tell me your community, e.g. "garbage Mueang Thong".')]  # fmt: skip
        for zone in schedule:
            if zone["communities"]:
                names = ", ".join(zone["communities"][:4]) + (" …" if len(zone["communities"]) > 4 else "")
                lines.append(
                    f"- {_days(zone['days'], lang)} {zone['time']} {say(lang, 'น.', '')}: {names}".replace(" :", ":")
                )
        return Answer("\n".join(lines), (GARBAGE_SOURCE,), None, {"awaiting": "community"})
    found = collection(community)
    if found is None:
        return Answer(say(lang, f"ยังไม่มีตารางเก็บขยะของชุมชน{community}ในระบบ สอบถามกองสาธารณสุขและสิ่งแวดล้อม",
                          f"There is no collection schedule for {community} yet; ask the Public Health & Environment Division."),
                      (GARBAGE_SOURCE,))  # fmt: skip
    word, visit = found.visit_word(now)
    label = {"today": say(lang, "วันนี้", "today"), "tomorrow": say(lang, "พรุ่งนี้", "tomorrow")}.get(word)
    label = label or _days([visit.isoweekday()], lang)
    next_day = say(lang, f" ครั้งถัดไป: {label}", f" Next: {label}.")
    zone = {"days": list(found.days), "time": found.time}
    text = say(
        lang,
        f"ชุมชน{community}: รถเก็บขยะมา{_days(zone['days'], lang)} เวลา {zone['time']} น.{next_day}\nมัดปากถุงและนำออกมาวางก่อนรถมา ขยะชิ้นใหญ่หรือรถไม่มาตามนัด แจ้งเรื่องผ่านแชตนี้ได้",
        f"{community}: the truck comes {_days(zone['days'], lang)}, {zone['time']}.{next_day}\nTie the bags and put them out before it comes; for bulky items or a missed pick-up, file a complaint here.",
    )
    return Answer(text, (GARBAGE_SOURCE,), None, {"community": community})


def office_phones(lang: Lang, text: str = "") -> tuple[Answer, tuple[Call, ...]]:
    """The municipality's lines (the division asked about first) as calls, with office hours."""
    phones = profile().get("office_phones", [])
    unspaced = clean(text).replace(" ", "")
    asked = [p for p in phones if any(word in unspaced for word in _division_words(p["key"]))]
    ordered = asked + [p for p in phones if p not in asked]
    calls = tuple(Call(p["number"], p["label_th"], p["label_en"]) for p in ordered)
    city = profile()
    office = city["office_hours"]
    hours = say(lang, f"เวลาทำการ {office['th']} · แจ้งเรื่องร้องเรียนผ่านแชตนี้ได้ตลอด 24 ชั่วโมง",
                f"Office hours {office['en']} · complaints can be filed here any time.")  # fmt: skip
    asks_hours = any(clean(word).replace(" ", "") in unspaced for word in _HOURS_ASKED)
    lines = [hours] if asks_hours else []
    lines.append(say(lang, f"เบอร์โทร{city['name_th']}", f"{city['name_en']} phone numbers"))
    lines += [f"- {call.label(lang)}: {call.number}" for call in calls]
    if not asks_hours:
        lines.append(hours)
    lines.append(say(lang, f"ที่อยู่: {city['address_th']}", f"Address: {city['address_en']}"))
    return Answer("\n".join(lines), ("profile:office_phones",)), calls


_HOURS_ASKED = ("กี่โมง", "เวลา", "เปิด", "ปิด", "วันเสาร์", "วันอาทิตย์", "วันหยุด", "hours", "open", "close", "what time",
                "saturday", "sunday", "weekend")  # fmt: skip
_DIVISION_WORDS = {
    "complaints": ("ร้องเรียน", "complain"), "disaster": ("ป้องกัน", "ปภ", "สาธารณภัย", "disaster", "flood"),
    "finance": ("คลัง", "ภาษี", "finance", "tax"), "engineering": ("ช่าง", "ก่อสร้าง", "engineer", "permit"),
    "health": ("สาธารณสุข", "ขยะ", "health", "waste", "อาหาร", "แผงลอย", "หาบเร่", "food", "vendor", "restaurant"), "welfare": ("สวัสดิการ", "เบี้ย", "welfare", "allowance"),
    "registration": ("ทะเบียน", "registr", "ย้ายเข้า", "ย้ายออก", "แจ้งเกิด", "แจ้งตาย", "บัตรประชาชน", "id card", "birth", "death"),
}  # fmt: skip


def _division_words(key: str) -> tuple[str, ...]:
    return _DIVISION_WORDS.get(key, ())


def dengue(frames: dict[str, pd.DataFrame | None], lang: Lang, today: date, community: str | None = None) -> Answer:
    """Dengue cases in the latest month with reports (and the month before), the community asked
    about, the communities with most cases, and prevention advice; from the health dataset through metrics."""
    health = frames.get("health")
    if health is None or health.empty:
        return no_data(lang, "health", "ผู้ป่วยไข้เลือดออก", "dengue")
    reported = health.loc[health["period_start"] <= pd.Timestamp(today)]
    if reported.empty:
        return no_data(lang, "health", "ผู้ป่วยไข้เลือดออก", "dengue")
    latest = reported["period_start"].max()
    period = month(latest.year, latest.month)
    cases, by_community = _dengue_cases(frames, period)
    before, before_table = _dengue_cases(frames, period.previous())
    lines = [
        say(lang, f"ผู้ป่วยไข้เลือดออกในเขตเทศบาล {month_label(period.start, lang)}: {cases:,} ราย (เดือนก่อน {before:,} ราย)",
            f"Dengue cases in the municipality, {month_label(period.start, lang)}: {cases:,} (month before: {before:,})"),
    ]  # fmt: skip
    if community is not None:
        mine, before_mine = _community_cases(by_community, community), _community_cases(before_table, community)
        lines.append(say(lang, f"ชุมชน{community}: {mine:,} ราย (เดือนก่อน {before_mine:,} ราย)",
                         f"{community}: {mine:,} (month before: {before_mine:,})"))  # fmt: skip
    top = by_community.loc[by_community["dengue_cases"] > 0].head(3)
    if not top.empty:
        names = ", ".join(f"{row.community} {int(row.dengue_cases)}" for row in top.itertuples())
        lines.append(say(lang, f"ชุมชนที่พบมาก: {names}", f"Most cases: {names}"))
    lines.append(say(lang, "ป้องกัน: ปิดภาชนะใส่น้ำ เปลี่ยนน้ำแจกันทุกสัปดาห์ เก็บขยะที่ขังน้ำ ทายากันยุง มีไข้สูงเกิน 2 วันให้พบแพทย์ (ห้ามกินแอสไพริน)",
                     "Prevent it: cover water containers, change vase water weekly, clear rubbish that holds water, use repellent; a high fever for over 2 days needs a doctor (no aspirin)."))  # fmt: skip
    lines.append(
        say(
            lang,
            'ยุงชุกชุมในชุมชน ขอพ่นหมอกควันได้: พิมพ์ "แจ้งเรื่อง ยุงเยอะ"',
            'Many mosquitoes? Ask for fogging: type "report mosquitoes".',
        )
    )
    end = period.end_ts - pd.Timedelta(days=1)
    return Answer("\n".join(lines), ("health",), end.date().isoformat(), {"month": period.start.isoformat()})


def _community_cases(table: pd.DataFrame, community: str) -> int:
    if table.empty:
        return 0
    return int(table.loc[table["community"] == community, "dengue_cases"].sum())


def _dengue_cases(frames: dict[str, pd.DataFrame | None], period: Period) -> tuple[int, pd.DataFrame]:
    table = CATEGORY_BREAKDOWNS["health"](frames, period)  # type: ignore[arg-type]
    if table.empty:
        return 0, table
    table = table.sort_values("dengue_cases", ascending=False)
    return int(table["dengue_cases"].sum()), table
