"""Slots: ticket numbers, communities, stations, periods and complaint categories found in messages."""

from __future__ import annotations

import pandas as pd
import pytest

from chatbot import slots


@pytest.mark.parametrize(
    ("message", "ticket"),
    [
        ("เช็คเรื่อง 0001/2568 หน่อยค่ะ", "0001/2568"),
        ("เลขที่ ๐๐๒๓/๒๕๖๘ ถึงไหนแล้ว", "0023/2568"),
        ("status yl68-00041 pls", "YL68-00041"),
        ("CB68-00012", "CB68-00012"),
    ],
)
def test_ticket_number_is_found_as_offices_write_it(message: str, ticket: str) -> None:
    assert slots.ticket(message) == ticket


@pytest.mark.parametrize("message", ["ประชุมวันที่ 21/11/2567", "ระดับน้ำ YLC-01", "ขอเบอร์ 081-234-5678"])
def test_dates_station_codes_and_phone_numbers_are_not_tickets(message: str) -> None:
    assert slots.ticket(message) is None


def test_a_message_that_is_only_a_ticket_is_a_bare_ticket() -> None:
    assert slots.is_bare_ticket(" YL68-00041 ")
    assert not slots.is_bare_ticket("สถานะ YL68-00041")


def test_ticket_match_ignores_case_spaces_leading_zeros_and_thai_digits() -> None:
    column = pd.Series(["0001/2568", "0010/2568", "YL68-00041", "๐๐๐๗/๒๕๖๘", None], dtype="string")
    assert slots.matching_tickets(column, "1/2568").tolist() == [True, False, False, False, False]
    assert slots.matching_tickets(column, "yl68-41").tolist() == [False, False, True, False, False]
    assert slots.matching_tickets(column, "0007/2568").tolist() == [False, False, False, True, False]


@pytest.mark.parametrize(
    ("message", "community"),
    [
        ("ชุมชนเมืองทองมีกี่คน", "เมืองทอง"),
        ("population of charu phatthana", "จารูพัฒนา"),
        ("ชุมชนเมืองท่อง ซอย 3", "เมืองทอง"),  # a typo after the word ชุมชน
        ("samakhi community", "สามัคคี"),
        ("ตลาดเก่าซอย 8 น้ำท่วมไหม", "ตลาดเก่าซอย 8"),
    ],
)
def test_community_is_found_by_thai_or_english_name_typos_tolerated(message: str, community: str) -> None:
    assert slots.community(message) == community


def test_no_community_in_a_message_without_one() -> None:
    assert slots.community("ภาษีที่ดินจ่ายที่ไหน") is None


@pytest.mark.parametrize(
    ("message", "kind", "code"),
    [("ฝุ่นที่ตลาดเก่า", "air", "YL-AQ3"), ("ระดับน้ำท่าสาบ", "river", "X.40A"), ("level at x40a", "river", "X.40A"),
     ("น้ำที่สะพานสะเตง", "river", "YLC-01")],
)  # fmt: skip
def test_station_is_found_by_code_or_name(message: str, kind: slots.StationKind, code: str) -> None:
    assert slots.station(message, kind) == code


@pytest.mark.parametrize(
    ("message", "period"),
    [
        ("งบปีงบประมาณ 2568", {"kind": "fiscal_year", "year": 2568}),
        ("งบประมาณปีงบ 68", {"kind": "fiscal_year", "year": 2568}),
        ("budget FY2025", {"kind": "fiscal_year", "year": 2568}),  # FY2025 ends Sep 2025 = BE 2568
        ("ประชากรปี ๒๕๖๗", {"kind": "year", "year": 2567}),
        ("ฝุ่นเมื่อวาน", {"kind": "yesterday", "year": None}),
        ("ฝุ่นวันนี้", {"kind": "today", "year": None}),
        ("เบิกจ่ายเดือนนี้", {"kind": "this_month", "year": None}),
    ],
)
def test_period_words_are_read(message: str, period: dict[str, object]) -> None:
    assert slots.period(message) == period


@pytest.mark.parametrize(
    ("message", "category"),
    [("ไฟถนนดับ", "streetlight"), ("ถนนเป็นหลุม", "road"), ("หมาจรจัดเยอะ", "animals"), ("น้ำท่วมขังหน้าบ้าน", "drainage"),
     ("garbage not collected", "waste"), ("ยุงเยอะมาก", "public_health")],
)  # fmt: skip
def test_complaint_category_is_the_longest_matching_word(message: str, category: str) -> None:
    assert slots.category(message) == category


def test_extract_reports_only_the_slots_found() -> None:
    assert slots.extract("ชุมชนสามัคคีมีประชากรเท่าไหร่ ปี 2567", "city_statistics") == {
        "community": "สามัคคี",
        "period": {"kind": "year", "year": 2567},
    }
