"""Everyday answers: events this month (never a past one as upcoming), garbage days by community,
the municipality's numbers, dengue from the health data, typo'd disability allowance, knowledge
dates in Thai form, Malay recognised, and the emergency numbers ordered for the kind."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from chatbot import malay
from chatbot.emergency import classify
from chatbot.emergency_answers import calls_for
from chatbot.event_answers import events_answer
from chatbot.knowledge import default_knowledge
from chatbot.service_answers import garbage_days, office_phones
from data_sources.city import profile
from metrics.citizen import CityEvent
from metrics.event_calendar import timing, upcoming

TODAY = date(2026, 12, 4)
MORNING = datetime(2026, 12, 4, 7, 0)  # a Friday, before the rounds end
LOY = CityEvent(
    "loy", "ลอยกระทง", "Loy Krathong", "", "", "พ.ย.", "Nov", (11,), True, ((date(2026, 11, 24), date(2026, 11, 24)),)
)


def test_events_this_month_are_this_months_not_the_years() -> None:
    text = events_answer("เดือนนี้มีงานอะไรบ้าง", "th", TODAY).text
    assert "ธ.ค. 2569" in text and "ไฟ" in text  # New Year lights, Dec–Jan
    assert "ลอยกระทง" not in text and "กาชาด" not in text and "ชักพระ" not in text


def test_an_edition_that_ended_is_not_upcoming_and_says_when_it_was() -> None:
    assert timing(LOY, date(2026, 11, 30)).month == date(2027, 11, 1)  # not "this month" any more
    assert all(t.event.key != "loy" or t.month.year == 2027 for t in upcoming(date(2026, 11, 30), events=(LOY,)))
    text = events_answer("ลอยกระทงปีนี้จัดวันไหน", "th", TODAY).text
    assert "พ.ย. 2570" in text and "ปีนี้จัดไปแล้ว" in text


def test_a_dated_edition_ahead_is_given_by_its_date() -> None:
    text = events_answer("when is hari raya", "en", date(2026, 3, 1)).text
    assert "20 Mar 2026" in text


@pytest.mark.parametrize(("community", "days"), [("เมืองทอง", "จันทร์"), ("เวฬุวัน", "อังคาร"), ("คูหามุข", "19.00")])
def test_garbage_days_come_from_the_city_profile_by_community(community: str, days: str) -> None:
    assert days in garbage_days(community, "th", MORNING).text


def test_after_the_round_the_next_collection_is_not_today() -> None:
    # เมืองทอง: Monday, Wednesday, Friday 05.00-09.00; asked on Friday morning and Friday night.
    assert "ครั้งถัดไป: วันนี้" in garbage_days("เมืองทอง", "th", MORNING).text
    night = garbage_days("เมืองทอง", "th", datetime(2026, 12, 4, 21, 5)).text
    assert "วันนี้" not in night and "ครั้งถัดไป: วันจันทร์" in night
    assert "Next: tomorrow" in garbage_days("เมืองทอง", "en", datetime(2026, 12, 6, 21, 5)).text


def test_every_community_has_a_garbage_day() -> None:
    for community in profile()["communities"]:
        assert "ยังไม่มีตาราง" not in garbage_days(community["name_th"], "th", MORNING).text, community["name_th"]


def test_garbage_days_without_a_community_ask_for_it() -> None:
    answer = garbage_days(None, "th", MORNING)
    assert (answer.slots or {}).get("awaiting") == "community"


def test_office_phones_put_the_division_asked_first_as_calls() -> None:
    answer, calls = office_phones("th", "กองช่างเบอร์อะไร")
    assert calls[0].label_th.startswith("กองช่าง") and calls[0].uri == f"tel:{calls[0].number}"
    assert all(p["number"] in answer.text for p in profile()["office_phones"])


@pytest.mark.parametrize("question", ["เบี้ยความพิการได้เท่าไหร่", "เบี้ยคนพิกานลงทะเบียนที่ไหน", "เบียคนพิการ", "disabilty allowance",
                                      "allowance for my son in a wheelchair"])  # fmt: skip
def test_typoed_disability_allowance_is_the_disability_answer(question: str) -> None:
    answer = default_knowledge().entry("welfare_allowance", question)
    assert answer is not None and answer.id == "welfare_disability"


def test_knowledge_dates_are_written_the_thai_way() -> None:
    text = default_knowledge().answer("tax_payment", "ภาษีป้าย", "th").text  # type: ignore[union-attr]
    assert "ตรวจสอบเมื่อ 23 พ.ย. 2568" in text and "2025-11-23" not in text


@pytest.mark.parametrize(("text", "expected"), [
    ("banjir ke tidak hari ini", True), ("air sungai naik ke", True), ("terima kasih", True),
    ("is the river rising today", False), ("ระดับน้ำวันนี้", False), ("ok", False), ("hello", False),
])  # fmt: skip
def test_malay_is_recognised(text: str, expected: bool) -> None:
    assert malay.is_malay(text) is expected


@pytest.mark.parametrize(("message", "first"), [
    ("ไฟไหม้บ้าน", "199"), ("น้ำท่วมบ้านแล้ว", "1784"), ("สายไฟขาดพาดถนน", "1129"), ("ไฟดูดคน", "1669"),
    ("หมาบ้ากัดลูก", "1669"), ("ได้ยินเสียงปืน", "191"), ("อยากตาย", "1323"), ("งูเห่าเข้าบ้าน", "199"),
    ("a power line is down", "1129"), ("flash flood in our street", "1784"),
])  # fmt: skip
def test_numbers_are_ordered_for_the_kind(message: str, first: str) -> None:
    danger = classify(message)
    assert danger is not None and not danger.near
    assert calls_for(danger.kind)[0].number == first


@pytest.mark.parametrize("message", ["ถนนหน้าบ้านเป็นหลุม รถล้มบ่อย", "สายไฟห้อยต่ำ", "หมาจรจัดไล่กัดเด็ก", "ต้นไม้จะล้ม"])
def test_a_hazard_to_fix_is_near_with_a_category(message: str) -> None:
    danger = classify(message)
    assert danger is not None and danger.near and danger.category
