"""Governance KPIs against values worked out by hand on tiny frames (arithmetic in the comments)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from data_sources.adapters import DATASETS
from data_sources.frames import coerce
from metrics.catalogue import kpi
from metrics.kpi import Context
from metrics.periods import parse_period

CONTEXT = Context.build(now=datetime(2026, 11, 23, 12, 0))


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows), DATASETS[key])


def ticket(
    ticket_id: str, received: str, status: str, resolved: str | None = None, **extra: object
) -> dict[str, object]:
    return {"ticket_id": ticket_id, "received_at": received, "resolved_at": resolved, "status": status,
            "category": extra.pop("category", "road"), "community": extra.pop("community", "เมืองทอง"), **extra}  # fmt: skip


# October 2024 is the first month of FY2568; September 2024 the last of FY2567.
COMPLAINTS = typed(
    "complaints",
    [
        ticket("A", "2024-09-30 23:30", "resolved", "2024-10-01 10:00", satisfaction=2),  # 10.5 h = 0.4375 d
        ticket("B", "2024-10-01 00:00", "resolved", "2024-10-03 00:00", satisfaction=5, channel="line"),  # 2 d
        ticket("C", "2024-10-10 08:00", "resolved", "2024-10-14 08:00", channel="phone"),  # 4 d, no rating
        ticket("D", "2024-10-20 12:00", "resolved", "2024-11-02 12:00", satisfaction=4, channel="facebook"),
        ticket("E", "2024-10-25 09:00", "in_progress"),
        ticket("F", "2024-10-31 23:59", "cancelled", channel="walk_in"),
        ticket("G", "2024-11-01 00:00", "received"),
        ticket("H", "2024-09-01 09:00", "in_progress"),
        ticket("I", "2024-09-15 09:00", "resolved", "2024-11-05 09:00", satisfaction=1),
        ticket("J", "2024-09-02 09:00", "cancelled"),
        ticket("K", "2024-10-05 09:00", "resolved", None, channel="chatbot"),  # resolved, but no time
    ],
)
OCTOBER = parse_period("2024-10")
SEPTEMBER = parse_period("2024-09")


def value(kpi_id: str, frames: dict[str, pd.DataFrame], period_code: str, context: Context = CONTEXT) -> float | None:
    return kpi(kpi_id).value(frames, parse_period(period_code), context)


def test_complaints_received_counts_every_status_received_in_october() -> None:
    # B, C, D, E, F, K; A is 30 Sep 23:30 and G is 1 Nov 00:00.
    assert value("complaints_received", {"complaints": COMPLAINTS}, "2024-10") == 6


def test_complaints_received_in_september_2024_belong_to_fy2567() -> None:
    # A, H, I, J
    assert value("complaints_received", {"complaints": COMPLAINTS}, "2024-09") == 4
    assert value("complaints_received", {"complaints": COMPLAINTS}, "FY2567") == 4
    # B, C, D, E, F, K in October and G in November
    assert value("complaints_received", {"complaints": COMPLAINTS}, "FY2568") == 7


def test_resolution_rate_counts_only_tickets_resolved_by_the_end_of_the_period() -> None:
    # Of the 6 received in October, B and C were resolved before 1 Nov; D on 2 Nov; K has no time.
    assert value("complaint_resolution_rate", {"complaints": COMPLAINTS}, "2024-10") == pytest.approx(2 / 6)


def test_resolution_rate_of_september_is_zero_when_nothing_closed_by_30_september() -> None:
    # A (resolved 1 Oct), H (open), I (5 Nov), J (cancelled): 0 of 4.
    assert value("complaint_resolution_rate", {"complaints": COMPLAINTS}, "2024-09") == 0


def test_a_reopened_ticket_with_an_old_resolved_time_is_not_resolved() -> None:
    frame = typed("complaints", [ticket("R", "2024-10-02 09:00", "in_progress", "2024-10-03 09:00"),
                                 ticket("S", "2024-10-02 09:00", "resolved", "2024-10-03 09:00")])  # fmt: skip
    assert value("complaint_resolution_rate", {"complaints": frame}, "2024-10") == 0.5


def test_median_resolution_days_is_over_tickets_resolved_in_the_period() -> None:
    # Resolved in October: A 0.4375 d, B 2 d, C 4 d -> median 2.
    assert value("complaint_median_resolution_days", {"complaints": COMPLAINTS}, "2024-10") == pytest.approx(2.0)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    # Resolved in November: D 13 d, I 51 d -> (13 + 51) / 2 = 32.
    assert value("complaint_median_resolution_days", {"complaints": COMPLAINTS}, "2024-11") == pytest.approx(32.0)


def test_satisfaction_is_the_mean_rating_of_resolved_tickets_that_have_one() -> None:
    # Resolved in October with a rating: A 2, B 5 (C has none) -> 3.5.
    assert value("citizen_satisfaction", {"complaints": COMPLAINTS}, "2024-10") == pytest.approx(3.5)


def test_resolved_within_3_days_is_a_share_of_tickets_resolved_in_the_period() -> None:
    # A 0.4375 d and B 2 d of A, B, C -> 2/3.
    assert value("complaints_resolved_within_3_days", {"complaints": COMPLAINTS}, "2024-10") == pytest.approx(2 / 3)


def test_backlog_counts_open_tickets_older_than_15_days_at_the_end_of_the_period() -> None:
    # At 1 Nov 00:00: H (open since 1 Sep) and I (resolved only on 5 Nov); J is cancelled,
    # E and D were received after 17 Oct; K (resolved, no time) was received 5 Oct -> open.
    assert value("complaint_backlog_over_15_days", {"complaints": COMPLAINTS}, "2024-10") == 3


def test_digital_share_is_of_tickets_with_a_channel() -> None:
    # October with a channel: B line, C phone, D facebook, F walk_in, K chatbot -> 3 digital of 5.
    assert value("digital_channel_share", {"complaints": COMPLAINTS}, "2024-10") == pytest.approx(3 / 5)


def test_an_empty_period_has_zero_complaints_but_no_rate() -> None:
    frames = {"complaints": COMPLAINTS}
    assert value("complaints_received", frames, "2023-01") == 0
    assert value("complaint_resolution_rate", frames, "2023-01") is None
    assert value("complaint_median_resolution_days", frames, "2023-01") is None
    assert value("citizen_satisfaction", frames, "2023-01") is None


@pytest.mark.parametrize(
    "kpi_id",
    ["complaints_received", "complaint_resolution_rate", "revenue_collection_rate", "budget_disbursement_rate"],
)
def test_a_missing_or_empty_dataset_is_no_data_never_zero(kpi_id: str) -> None:
    assert value(kpi_id, {}, "2024-10") is None
    empty = {key: typed(key, []) for key in DATASETS}
    assert value(kpi_id, empty, "2024-10") is None


REVENUE = typed(
    "revenue",
    [
        {"fiscal_year": 2567, "month": "2024-09-01", "revenue_type": "taxes", "target": 100, "collected": 90},
        {"fiscal_year": 2567, "month": "2024-09-01", "revenue_type": "fees", "target": 50, "collected": 60},
        {"fiscal_year": 2568, "month": "2024-10-01", "revenue_type": "taxes", "target": 200, "collected": 150},
        {"fiscal_year": 2568, "month": "2024-10-01", "revenue_type": "fees", "target": 100, "collected": 50},
        {"fiscal_year": 2568, "month": "2024-11-01", "revenue_type": "taxes", "target": 200, "collected": 220},
        {"fiscal_year": 2568, "month": "2024-11-01", "revenue_type": "subsidies", "target": 300, "collected": 300},
    ],
)


@pytest.mark.parametrize(
    ("period_code", "expected"),
    [
        ("2024-09", (90 + 60) / (100 + 50)),  # FY2567 to date: September only
        ("2024-10", (150 + 50) / (200 + 100)),  # FY2568 starts 1 Oct: September left out
        ("2024-11", (150 + 50 + 220 + 300) / (200 + 100 + 200 + 300)),  # 720 / 800
        ("2024-Q4", 720 / 800),  # through December
        ("FY2568", 720 / 800),
    ],
)
def test_revenue_collection_rate_is_fiscal_year_to_date(period_code: str, expected: float) -> None:
    assert value("revenue_collection_rate", {"revenue": REVENUE}, period_code) == pytest.approx(expected)


def test_own_revenue_share_leaves_out_subsidies() -> None:
    # FY2568 to November: own = 150 + 50 + 220 = 420 of 720.
    assert value("own_revenue_share", {"revenue": REVENUE}, "2024-11") == pytest.approx(420 / 720)


BUDGET = typed(
    "budget",
    [
        {
            "fiscal_year": 2567,
            "month": "2024-09-01",
            "division": "engineering",
            "project": "ถนน",
            "allocated": 800,
            "disbursed": 700,
        },
        {
            "fiscal_year": 2568,
            "month": "2024-10-01",
            "division": "engineering",
            "project": "ถนน",
            "allocated": 1000,
            "disbursed": 100,
        },
        {
            "fiscal_year": 2568,
            "month": "2024-11-01",
            "division": "engineering",
            "project": "ถนน",
            "allocated": 1000,
            "disbursed": 200,
        },
        {
            "fiscal_year": 2568,
            "month": "2024-12-01",
            "division": "engineering",
            "project": "ถนน",
            "allocated": 1200,
            "disbursed": 300,
        },
        {
            "fiscal_year": 2568,
            "month": "2024-10-01",
            "division": "welfare",
            "project": "เบี้ยยังชีพ",
            "allocated": 500,
            "disbursed": 50,
        },
        {
            "fiscal_year": 2568,
            "month": "2025-09-01",
            "division": "welfare",
            "project": "เบี้ยยังชีพ",
            "allocated": 500,
            "disbursed": 400,
        },
    ],
)


@pytest.mark.parametrize(
    ("period_code", "expected"),
    [
        ("2024-09", 700 / 800),  # FY2567
        ("2024-10", (100 + 50) / (1200 + 500)),  # allocation: max per project over FY2568 = 1200 + 500
        ("2024-11", (100 + 200 + 50) / 1700),
        ("FY2568", (100 + 200 + 300 + 50 + 400) / 1700),
    ],
)
def test_budget_disbursement_rate_is_to_date_over_the_whole_year_allocation(period_code: str, expected: float) -> None:
    assert value("budget_disbursement_rate", {"budget": BUDGET}, period_code) == pytest.approx(expected)


def test_budget_target_is_pro_rated_by_months_elapsed_in_the_fiscal_year() -> None:
    budget = kpi("budget_disbursement_rate")
    # default 0.95 for the year: November is month 2 of 12 -> 0.95 × 2 / 12
    assert budget.target_for(parse_period("2024-11")) == pytest.approx(0.95 * 2 / 12)
    assert budget.target_for(parse_period("FY2568")) == pytest.approx(0.95)


def test_data_freshness_is_the_share_of_all_datasets_uploaded_within_their_cadence() -> None:
    context = Context.build(
        now=datetime(2026, 11, 23, 12, 0),
        freshness={
            "complaints": datetime(2026, 11, 20, 12, 0),  # 3 days, cadence 7: fresh
            "water_level": datetime(2026, 11, 22, 12, 0),  # exactly 1 day, cadence 1: fresh
            "air_quality": datetime(2026, 11, 21, 12, 0),  # 2 days, cadence 1: stale
            "population": datetime(2026, 1, 1, 12, 0),  # 326 days, cadence 366: fresh
            "health": None,  # never uploaded
        },
    )
    # 3 fresh of the 12 declared datasets (those not listed were never uploaded).
    assert value("data_freshness_rate", {}, "2026-11", context) == pytest.approx(3 / 12)


def test_data_freshness_without_upload_times_is_no_data() -> None:
    assert value("data_freshness_rate", {}, "2026-11", Context.build(now=datetime(2026, 11, 23))) is None


def test_context_from_status_reads_iso_upload_times() -> None:
    status = {
        "datasets": {
            "complaints": {"last_accepted_upload": "2026-11-20T12:00:00"},
            "waste": {"last_accepted_upload": None},
        }
    }
    context = Context.from_status(status, now=datetime(2026, 11, 23, 12, 34), hourly=True)
    assert context.last_uploads == {"complaints": datetime(2026, 11, 20, 12, 0), "waste": None}
    assert context.now == datetime(2026, 11, 23, 12, 0)


def test_context_from_upload_history_takes_the_latest_accepted_upload() -> None:
    history = pd.DataFrame(
        {
            "dataset": ["complaints", "complaints", "complaints", "waste"],
            "status": ["accepted", "rejected", "accepted", "rejected"],
            "uploaded_at": pd.to_datetime(
                ["2026-11-20 09:00", "2026-11-22 09:00", "2026-11-01 09:00", "2026-11-22 09:00"]
            ),
        }
    )
    context = Context.from_upload_history(history, now=datetime(2026, 11, 23, 12, 0))
    # the rejected upload of 22 Nov does not count; waste never had an accepted one
    assert context.last_uploads == {"complaints": datetime(2026, 11, 20, 9, 0)}
