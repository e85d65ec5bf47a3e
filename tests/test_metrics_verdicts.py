"""Verdicts for running periods, a dataset that begins mid-history, a community and a division,
and the honest city score. Every expectation is worked out by hand from the rows below.

"Today" is 23 Nov 2026 (2569 BE): FY2570 (Oct 2026 – Sep 2027) is in its second month, and so
is its first quarter (Oct – Dec 2026).
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from data_sources.adapters import DATASETS
from data_sources.frames import coerce
from metrics import spans
from metrics.compute import SMALL_COUNT, compute_all
from metrics.kpi import Context
from metrics.periods import fiscal, parse_period
from metrics.scorecard import division_scorecard
from metrics.trends import series

NOW = datetime(2026, 11, 23, 15, 0)
CONTEXT = Context.build(now=NOW, freshness={"complaints": datetime(2026, 11, 23, 8, 0)})
TARGETS = {"visitors": 40_000, "complaints_received": 300, "budget_disbursement_rate": 0.96}


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows), DATASETS[key])


def economy(month: str, visitors: int) -> dict[str, object]:
    return {"month": month, "visitors": visitors, "events": 1, "new_businesses": 2, "market_occupancy_pct": 90}


# Visitors: FY2569 had 30,000 a month; FY2570 has October and November so far.
ECONOMY = typed(
    "economy",
    [economy(f"{year}-{month:02d}-01", 30_000) for year, month in
     [(2025, 10), (2025, 11), (2025, 12), *((2026, m) for m in range(1, 10))]]
    + [economy("2026-10-01", 41_000), economy("2026-11-01", 41_420)],
)  # fmt: skip


def ticket(number: int, received: str, community: str = "เมืองทอง", division: str = "engineering",
           resolved: str | None = None) -> dict[str, object]:  # fmt: skip
    return {"ticket_id": f"T{number}", "received_at": received, "resolved_at": resolved,
            "status": "resolved" if resolved else "received", "category": "road", "community": community,
            "channel": "line", "assigned_division": division}  # fmt: skip


# Complaints begin on 10 March 2026: one ticket every day from then on, in เมืองทอง.
DAILY = [ticket(i, f"{day:%Y-%m-%d} 09:00") for i, day in enumerate(pd.date_range("2026-03-10", "2026-11-23"))]
COMPLAINTS = typed("complaints", DAILY)


def population(rows: dict[str, int]) -> pd.DataFrame:
    return typed(
        "population",
        [{"year": 2569, "community": name, "male": people // 2, "female": people - people // 2, "households": 1,
          "age_0_14": 0, "age_15_59": people, "age_60_plus": 0} for name, people in rows.items()],
    )  # fmt: skip


def result(period: str, frames: dict[str, pd.DataFrame], **options: object):  # type: ignore[no-untyped-def]
    return compute_all(frames, parse_period(period, today=NOW.date()), context=CONTEXT, targets=TARGETS, **options)  # type: ignore[arg-type]


# ----------------------------------------------------------------- running periods


def test_a_running_fiscal_year_is_judged_on_its_months_so_far() -> None:
    visitors = result("FY2570", {"economy": ECONOMY}, only=("visitors",)).kpis["visitors"]
    # Two months reported: 82,420 against 2 x 40,000, not against 480,000 for the year.
    assert visitors.value == 82_420 and visitors.target == 80_000
    assert visitors.status == "green" and visitors.to_date and visitors.months_elapsed == 2
    # A year ago over the same two months: 60,000, not the 360,000 of the whole of FY2569.
    assert visitors.year_ago == 60_000


def test_a_whole_past_year_keeps_its_whole_target() -> None:
    visitors = result("FY2569", {"economy": ECONOMY}, only=("visitors",)).kpis["visitors"]
    assert visitors.value == 360_000 and visitors.target == 480_000
    assert not visitors.to_date and not visitors.partial and visitors.months_elapsed == 12


def test_a_running_fiscal_quarter_cuts_a_daily_count_target_to_its_days() -> None:
    received = result("FY2570-Q1", {"complaints": COMPLAINTS}, only=("complaints_received",)).kpis[
        "complaints_received"
    ]
    # 1 Oct – 23 Nov: 54 tickets; the target is October's 300 plus 23/30 of November's.
    assert received.value == 54
    assert received.target == pytest.approx(300 + 300 * 23 / 30)
    assert received.to_date and received.months_elapsed == 2
    # The same 54 days a year earlier fall before the first ticket: no data, never zero.
    assert received.year_ago is None


def test_budget_disbursement_target_is_pro_rated_to_the_months_reported() -> None:
    budget = typed(
        "budget",
        [{"fiscal_year": 2570, "month": month, "division": "engineering", "project": "ถนน",
          "allocated": 1_200_000, "disbursed": 100_000} for month in ("2026-10-01", "2026-11-01")],
    )  # fmt: skip
    rate = result("FY2570", {"budget": budget}, only=("budget_disbursement_rate",)).kpis["budget_disbursement_rate"]
    assert rate.value == pytest.approx(200_000 / 1_200_000)
    assert rate.target == pytest.approx(0.96 * 2 / 12)  # not the full-year 96 %


def test_last_30_days_compares_with_the_same_days_before() -> None:
    received = result("last30", {"complaints": COMPLAINTS}, only=("complaints_received",)).kpis["complaints_received"]
    assert received.value == 30 and received.previous == 30
    assert received.target == pytest.approx(300 * 30 * 12 / 365)


# ----------------------------------------------------------------- a dataset that begins mid-history


def test_a_year_before_the_first_record_is_no_data_and_the_first_year_is_partial() -> None:
    before = result("FY2568", {"complaints": COMPLAINTS}, only=("complaints_received",)).kpis["complaints_received"]
    assert before.value is None and before.score is None and before.verdict == "no_data"
    first = result("FY2569", {"complaints": COMPLAINTS}, only=("complaints_received",)).kpis["complaints_received"]
    # 10 Mar – 30 Sep 2026 = 205 tickets, judged against March–September: 7 months of target.
    assert first.value == 205 and first.partial and not first.to_date
    assert first.months_elapsed == 7 and first.target == pytest.approx(7 * 300)


def test_a_trend_leaves_the_years_before_the_records_empty() -> None:
    periods = [fiscal(year) for year in (2566, 2567, 2568, 2569, 2570)]
    trend = series("complaints_received", {"complaints": COMPLAINTS}, periods, context=CONTEXT)
    assert trend["value"].isna().tolist() == [True, True, True, False, False]
    assert trend["partial"].tolist() == [False, False, False, True, True]


def test_span_doctests_pass() -> None:
    import doctest

    assert doctest.testmod(spans).failed == 0


def test_the_previous_span_of_a_running_month_has_the_same_days() -> None:
    span = spans.Span(parse_period("2026-11"), date(2026, 11, 1), date(2026, 11, 23))
    before = span.previous()
    assert (before.start, before.end) == (date(2026, 10, 1), date(2026, 10, 23))


# ----------------------------------------------------------------- a community


PEOPLE = population({"เมืองทอง": 1_000, "เวฬุวัน": 3_000})


def test_a_community_count_is_judged_against_its_share_of_the_city_target() -> None:
    frames = {"complaints": COMPLAINTS, "population": PEOPLE}
    received = result("2026-10", frames, community="เมืองทอง", only=("complaints_received",)).kpis["complaints_received"]
    # 31 tickets; เมืองทอง has a quarter of the residents, so a quarter of the 300 target.
    assert received.value == 31 and received.target == pytest.approx(75)
    assert received.comparable and received.status == "green"


def test_a_small_community_count_is_shown_but_not_judged() -> None:
    health = typed("health", [{"period_start": "2026-10-01", "community": "เมืองทอง", "dengue_cases": 1,
                               "health_centre_visits": 300}])  # fmt: skip
    frames = {"health": health, "population": PEOPLE}
    dengue = result("2026-10", frames, community="เมืองทอง", only=("dengue_cases_per_100k",)).kpis[
        "dengue_cases_per_100k"
    ]
    assert dengue.value == pytest.approx(100.0)  # 1 case in 1,000 people
    assert dengue.small_count and dengue.score is None and dengue.status is None
    assert dengue.observations == 1 < SMALL_COUNT


def test_city_wide_and_neighbourhood_served_kpis_are_not_comparable_in_a_community() -> None:
    facilities = typed("facilities", [{"name": "ศูนย์ 1", "facility_type": "health_centre", "community": "เวฬุวัน",
                                       "latitude": 6.54, "longitude": 101.28}])  # fmt: skip
    frames = {"economy": ECONOMY, "facilities": facilities, "population": PEOPLE}
    kpis = result("2026-10", frames, community="เมืองทอง", only=("visitors", "health_facilities_per_10k")).kpis
    assert not kpis["visitors"].comparable and kpis["visitors"].value is None
    assert not kpis["health_facilities_per_10k"].comparable and kpis["health_facilities_per_10k"].score is None


def test_the_document_names_a_community_scope() -> None:
    frames = {"complaints": COMPLAINTS, "population": PEOPLE}
    document = result("2026-10", frames, community="เมืองทอง", only=("complaints_received",)).to_json()
    assert document["scope"] == {"kind": "community", "name": "เมืองทอง"}
    assert document["kpis"][0]["comparable"] is True and document["kpis"][0]["months_elapsed"] == 1


# ----------------------------------------------------------------- a division


def test_a_division_scope_holds_only_the_kpis_it_owns() -> None:
    owned = result("FY2570", {"economy": ECONOMY, "complaints": COMPLAINTS}, division="strategy")
    assert owned.scope.kind == "division" and "visitors" in owned.kpis
    assert "complaints_received" not in owned.kpis
    assert {r.kpi.division for r in owned.kpis.values()} == {"strategy"}


def test_a_division_scorecard_judges_the_complaints_assigned_to_it() -> None:
    tickets = typed(
        "complaints",
        [ticket(1, "2026-10-01 09:00", division="engineering", resolved="2026-10-02 09:00"),
         ticket(2, "2026-10-02 09:00", division="engineering", resolved="2026-10-06 09:00"),
         ticket(3, "2026-10-03 09:00", division="engineering"),
         ticket(4, "2026-10-03 09:00", division="health", resolved="2026-10-04 09:00")],
    )  # fmt: skip
    card = division_scorecard({"complaints": tickets}, parse_period("2026-10"), "engineering", context=CONTEXT)
    assert card.complaint("complaints_received").value == 3
    assert card.complaint("complaint_resolution_rate").value == pytest.approx(2 / 3)
    assert card.complaint("complaint_median_resolution_days").value == pytest.approx(2.5)  # 1 and 4 days
    assert card.complaint("complaints_received").score is None  # a count has no division target
    # Engineering keeps no dataset of its own but shares the facility register, never uploaded.
    assert [late.dataset for late in card.late] == ["facilities"]
    health = division_scorecard({"complaints": tickets}, parse_period("2026-10"), "health", context=CONTEXT)
    assert {"waste", "air_quality", "health"} <= {late.dataset for late in health.late}  # never uploaded
    assert card.to_json()["complaints"]["complaint_resolution_rate"]["value"] == pytest.approx(2 / 3)


# ----------------------------------------------------------------- honest city score


def test_the_city_score_carries_red_capped_and_coverage_counts() -> None:
    frames = {"economy": ECONOMY, "complaints": COMPLAINTS}
    city = result("FY2570", frames, only=("visitors", "events_held", "complaints_received", "recycling_rate"))
    # visitors 1.03 (green), events 2 of 2 x 4 -> 0.25 (red), complaints 54 vs 530 -> capped, recycling no data
    assert city.red_count == 1 and city.capped_count == 1
    coverage = city.coverage()
    assert (coverage.declared, coverage.with_data, coverage.judged) == (4, 3, 3)


def test_a_late_upload_ends_the_span_where_its_data_ends() -> None:
    # The complaints file was last sent on 10 November: the 13 days since are not counted as none.
    late = Context.build(now=NOW, freshness={"complaints": datetime(2026, 11, 10, 9, 0)})
    period = parse_period("2026-11")
    received = compute_all({"complaints": COMPLAINTS}, period, context=late, targets=TARGETS,
                           only=("complaints_received",)).kpis["complaints_received"]  # fmt: skip
    assert received.span is not None and received.span.end == date(2026, 11, 10)
    assert received.value == 10 and received.target == pytest.approx(300 * 10 / 30)
