"""Dates, times and months in every form Thai spreadsheets use; day first, BE or CE years."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from data_sources.schema import Date
from data_sources.values import (
    UnreadableCell,
    ce_year,
    parse_date,
    parse_datetime,
    parse_month,
    parse_month_without_year,
)

NOV_21_2022 = date(2022, 11, 21)


@pytest.mark.parametrize(
    "cell",
    [
        "21/11/2565",
        "21-11-2565",
        "21.11.2565",
        "21 พ.ย. 65",
        "21 พ.ย. 2565",
        "21 พ.ย.2565",
        "21 พย 65",
        "21 พฤศจิกายน 2565",
        "21 พฤษจิกายน 2565",  # a common misspelling
        "วันที่ 21 เดือนพฤศจิกายน พ.ศ. 2565",
        "วันจันทร์ที่ 21 พฤศจิกายน 2565",
        "2565-11-21",
        "2022-11-21",
        "21/11/2022",
        "21 November 2022",
        "21 nov 2022",
        "November 21, 2022",
        "๒๑/๑๑/๒๕๖๕",
        "๒๑ พ.ย. ๖๕",
        "21112565",
        "20221121",
        " 21/11/2565\u200b ",
        44886,
        44886.0,
        "44886",
        datetime(2022, 11, 21, 15, 45),
        NOV_21_2022,
    ],
)
def test_every_usual_form_of_21_november_2565_reads_as_2022_11_21(cell: object) -> None:
    assert parse_date(cell) == NOV_21_2022


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("ม.ค.", 1), ("มกราคม", 1), ("มค", 1), ("ก.พ.", 2), ("กุมภาพันธ์", 2), ("กุมภาพันธ", 2),
        ("มี.ค.", 3), ("มีนาคม", 3), ("เม.ย.", 4), ("เมษายน", 4), ("พ.ค.", 5), ("พฤษภาคม", 5),
        ("มิ.ย.", 6), ("มิถุนายน", 6), ("ก.ค.", 7), ("กรกฎาคม", 7), ("กรกฏาคม", 7), ("ส.ค.", 8),
        ("สิงหาคม", 8), ("ก.ย.", 9), ("กันยายน", 9), ("ต.ค.", 10), ("ตุลาคม", 10), ("พ.ย.", 11),
        ("พฤศจิกายน", 11), ("ธ.ค.", 12), ("ธันวาคม", 12), ("ธค", 12), ("Jan", 1), ("sept", 9),
        ("December", 12),
    ],
)  # fmt: skip
def test_thai_and_english_month_names_read_as_their_month(written: str, month: int) -> None:
    assert parse_date(f"5 {written} 2567") == date(2024, month, 5)


def test_be_year_2567_reads_as_2024() -> None:
    assert ce_year("2567") == 2024


def test_two_digit_year_is_buddhist_era_in_the_2500s() -> None:
    assert ce_year("67") == 2024
    assert parse_date("1/10/67") == date(2024, 10, 1)


def test_four_digit_year_from_1900_to_2200_is_christian_era() -> None:
    assert ce_year("1900") == 1900
    assert ce_year("2200") == 2200


@pytest.mark.parametrize("written", ["2300", "1899", "565", "2"])
def test_years_outside_the_rule_are_not_read(written: str) -> None:
    assert ce_year(written) is None


def test_day_comes_first_even_when_it_could_be_a_month() -> None:
    assert parse_date("03/04/2565") == date(2022, 4, 3)


@pytest.mark.parametrize("cell", ["31/02/2565", "29/02/2566", "11/21/2022", "0/1/2565"])
def test_impossible_date_is_reported_never_moved(cell: str) -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_date(cell)
    assert raised.value.code == "impossible-date"


def test_29_february_of_a_leap_year_is_fine() -> None:
    assert parse_date("29/02/2567") == date(2024, 2, 29)


@pytest.mark.parametrize("cell", ["abc", "21/11/2300", "21/11", "9:30", True, "2567", 2567, "ต.ค. 67"])
def test_unreadable_date_raises_not_a_date(cell: object) -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_date(cell)
    assert raised.value.code == "not-a-date"


@pytest.mark.parametrize("cell", [None, "", "  ", "-", "–", float("nan")])
def test_blank_date_is_none(cell: object) -> None:
    assert parse_date(cell) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("21/11/2565 09.30 น.", datetime(2022, 11, 21, 9, 30)),
        ("21/11/2565 9:30", datetime(2022, 11, 21, 9, 30)),
        ("21/11/2565 09:30:15", datetime(2022, 11, 21, 9, 30, 15)),
        ("21 พ.ย. 65 14.20น.", datetime(2022, 11, 21, 14, 20)),
        ("21/11/2565 เวลา 14.20 นาฬิกา", datetime(2022, 11, 21, 14, 20)),
        ("เวลา 14.20 น. วันที่ 21 พ.ย. 65", datetime(2022, 11, 21, 14, 20)),
        ("2022-11-21T09:30:15", datetime(2022, 11, 21, 9, 30, 15)),
        ("21/11/2022 2:30 pm", datetime(2022, 11, 21, 14, 30)),
        ("21/11/2565", datetime(2022, 11, 21)),
        (44886.395833333336, datetime(2022, 11, 21, 9, 30)),
        (datetime(2022, 11, 21, 2, 30, tzinfo=UTC), datetime(2022, 11, 21, 9, 30)),
    ],
)
def test_datetime_reads_date_and_time_of_day_naive_in_city_time(cell: object, expected: datetime) -> None:
    moment = parse_datetime(cell)
    assert moment == expected
    assert moment is not None and moment.tzinfo is None


@pytest.mark.parametrize("cell", ["21/11/2565 24.00", "21/11/2565 09.60", "21/11/2022 13:00 pm"])
def test_impossible_time_is_reported(cell: str) -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_datetime(cell)
    assert raised.value.code == "impossible-time"


def test_date_column_keeps_only_the_date_of_a_datetime() -> None:
    assert parse_date("21/11/2565 09.30 น.") == NOV_21_2022
    assert parse_date(datetime(2022, 11, 21, 23, 59)) == NOV_21_2022


@pytest.mark.parametrize(
    "cell", ["ต.ค. 67", "ตุลาคม 2567", "ตค67", "10/2567", "10/67", "2567-10", "2024-10", "Oct 2024", "21/10/2567", 45586]
)
def test_month_forms_read_as_first_of_october_2024(cell: object) -> None:
    assert parse_month(cell) == date(2024, 10, 1)


def test_month_without_year_is_ambiguous_and_gives_its_number() -> None:
    for cell in ("ต.ค.", "ตุลาคม", 10, "๑๐"):
        with pytest.raises(UnreadableCell) as raised:
            parse_month(cell)
        assert raised.value.code == "ambiguous-year"
        assert parse_month_without_year(cell) == 10


def test_month_with_year_or_garbage_has_no_month_without_year() -> None:
    assert parse_month_without_year("ต.ค. 67") is None
    assert parse_month_without_year("abc") is None
    assert parse_month_without_year(None) is None


def test_unreadable_month_raises_not_a_month() -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_month("abc")
    assert raised.value.code == "not-a-month"


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)), (45292, date(2024, 1, 1))],
)
def test_excel_serials_follow_the_1900_date_system(serial: int, expected: date) -> None:
    early = Date(earliest=date(1900, 1, 1))
    assert parse_date(serial, today=date(2025, 1, 1), kind=early) == expected


def test_excel_serial_60_is_the_fictitious_29_february_1900() -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_date(60)
    assert raised.value.code == "impossible-date"


def test_window_check_names_earliest_and_latest_as_dates() -> None:
    with pytest.raises(UnreadableCell) as raised:
        parse_date("1/1/2569", today=date(2025, 6, 1), kind=Date(days_ahead=30))
    assert raised.value.code == "date-out-of-range"
    # Dates, not text: each message shows them in its own language (report.make_issue).
    assert raised.value.slots == {"earliest": date(1990, 1, 1), "latest": date(2025, 7, 1)}
