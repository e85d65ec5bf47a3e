"""Periods: calendar months and quarters, the Thai fiscal year and its quarters, rolling days."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from data_sources.thai_calendar import fiscal_year
from metrics import periods
from metrics.errors import UnknownPeriod
from metrics.periods import parse_period, trailing

TODAY = date(2026, 11, 23)


def test_doctests_pass() -> None:
    assert doctest.testmod(periods).failed == 0


def test_30_september_2025_is_the_last_day_of_fy2568() -> None:
    assert fiscal_year(date(2025, 9, 30)) == 2568


def test_1_october_2024_is_the_first_day_of_fy2568() -> None:
    assert fiscal_year(date(2024, 10, 1)) == 2568
    assert fiscal_year(date(2024, 9, 30)) == 2567


def test_fy2568_runs_1_october_2024_to_30_september_2025() -> None:
    year = parse_period("FY2568")
    assert (year.start, year.end, year.days) == (date(2024, 10, 1), date(2025, 9, 30), 365)


def test_fy2568_quarter_1_is_october_to_december_2024() -> None:
    quarter = parse_period("FY2568-Q1")
    assert (quarter.start, quarter.end) == (date(2024, 10, 1), date(2024, 12, 31))


def test_fy2568_quarter_4_ends_30_september_2025() -> None:
    quarter = parse_period("FY2568-Q4")
    assert (quarter.start, quarter.end) == (date(2025, 7, 1), date(2025, 9, 30))


def test_fiscal_quarter_1_comes_after_quarter_4_of_the_year_before() -> None:
    assert parse_period("FY2569-Q1").previous() == parse_period("FY2568-Q4")


def test_month_february_2024_has_29_days() -> None:
    february = parse_period("2024-02")
    assert (february.start, february.end, february.days) == (date(2024, 2, 1), date(2024, 2, 29), 29)


def test_be_year_2569_in_a_month_reads_as_2026() -> None:
    assert parse_period("2569-11") == parse_period("2026-11")


def test_calendar_quarter_4_2026_is_october_to_december() -> None:
    quarter = parse_period("2026-Q4")
    assert (quarter.kind, quarter.start, quarter.end) == ("quarter", date(2026, 10, 1), date(2026, 12, 31))


def test_january_previous_is_december_of_the_year_before() -> None:
    assert parse_period("2025-01").previous() == parse_period("2024-12")


def test_year_ago_of_a_month_is_the_same_month_a_year_earlier() -> None:
    assert parse_period("2026-11").year_ago() == parse_period("2025-11")
    assert parse_period("FY2569-Q2").year_ago() == parse_period("FY2568-Q2")
    assert parse_period("FY2569").year_ago() == parse_period("FY2568")


def test_last7_is_the_seven_days_ending_today() -> None:
    week = parse_period("last7", today=TODAY)
    assert (week.start, week.end, week.days) == (date(2026, 11, 17), TODAY, 7)


def test_last30_previous_is_the_30_days_before_it() -> None:
    month = parse_period("last30", today=TODAY)
    before = month.previous()
    # 30 days ending 23 Nov start 25 Oct; the 30 before end 24 Oct and start 25 Sep.
    assert (month.start, before.start, before.end, before.days) == (
        date(2026, 10, 25),
        date(2026, 9, 25),
        date(2026, 10, 24),
        30,
    )


def test_rolling_year_ago_ends_a_year_earlier() -> None:
    week = parse_period("last7", today=TODAY).year_ago()
    assert (week.start, week.end) == (date(2025, 11, 17), date(2025, 11, 23))


def test_timestamps_at_2359_on_the_last_day_belong_to_the_period() -> None:
    month = parse_period("2024-09")
    assert month.end_ts.isoformat() == "2024-10-01T00:00:00"
    assert month.start_ts.isoformat() == "2024-09-01T00:00:00"


@pytest.mark.parametrize(
    ("code", "thai", "english"),
    [
        ("2026-11", "พ.ย. 2569", "Nov 2026"),
        ("FY2569", "ปีงบประมาณ 2569", "FY2569"),
        ("FY2569-Q1", "ไตรมาส 1 ปีงบประมาณ 2569", "FY2569 Q1"),
        ("2026-Q4", "ไตรมาส 4 ปี 2569", "Q4 2026"),
        ("last7", "7 วัน (17–23 พ.ย. 2569)", "7 days (17–23 Nov 2026)"),
    ],
)
def test_labels_in_thai_use_the_buddhist_era(code: str, thai: str, english: str) -> None:
    period = parse_period(code, today=TODAY)
    assert (period.label("th"), period.label("en")) == (thai, english)


@pytest.mark.parametrize("code", ["2026-11", "2026-Q4", "FY2569", "FY2569-Q1", "2026-11-17..2026-11-23"])
def test_code_reads_back_as_the_same_period(code: str) -> None:
    assert parse_period(parse_period(code).code) == parse_period(code)


def test_trailing_12_months_ends_with_the_period_oldest_first() -> None:
    months = trailing(parse_period("2026-11"), 12)
    assert [m.code for m in (months[0], months[-1])] == ["2025-12", "2026-11"]
    assert len(months) == 12


@pytest.mark.parametrize("text", ["2026-13", "FY", "Q1-2026", "last0", "2026-11-23..2026-11-01", ""])
def test_unreadable_period_raises_unknown_period(text: str) -> None:
    with pytest.raises(UnknownPeriod):
        parse_period(text, today=TODAY)
