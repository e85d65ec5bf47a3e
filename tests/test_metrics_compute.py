"""compute_all: values with previous and year-ago, scores, pillar and city scores, community
filter, JSON document, and the cache keyed by dataset versions."""

from __future__ import annotations

import json
import math
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from data_sources.adapters import DATASETS
from data_sources.frames import coerce
from metrics.compute import cached_compute_all, clear_cache, compute_all
from metrics.kpi import Context
from metrics.periods import parse_period

CONTEXT = Context.build(now=datetime(2026, 11, 23, 12, 0))
ONLY = ("complaints_received", "complaint_resolution_rate", "revenue_collection_rate", "recycling_rate")
TARGETS = {"complaints_received": 4, "complaint_resolution_rate": 0.9, "revenue_collection_rate": 1.0}


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows), DATASETS[key])


def ticket(ticket_id: str, received: str, resolved: str | None, community: str = "เมืองทอง") -> dict[str, object]:
    status = "resolved" if resolved else "in_progress"
    return {"ticket_id": ticket_id, "received_at": received, "resolved_at": resolved, "status": status,
            "category": "road", "community": community}  # fmt: skip


COMPLAINTS = typed(
    "complaints",
    [
        # October 2024: 4 received, 3 resolved by 31 Oct -> 0.75
        ticket("1", "2024-10-01 09:00", "2024-10-02 09:00"),
        ticket("2", "2024-10-05 09:00", "2024-10-06 09:00"),
        ticket("3", "2024-10-09 09:00", "2024-10-30 09:00", "เวฬุวัน"),
        ticket("4", "2024-10-20 09:00", None, "เวฬุวัน"),
        # September 2024: 2 received, 1 resolved by 30 Sep -> 0.5
        ticket("5", "2024-09-10 09:00", "2024-09-11 09:00"),
        ticket("6", "2024-09-20 09:00", None),
        # October 2023: 1 received and resolved -> 1.0
        ticket("7", "2023-10-10 09:00", "2023-10-11 09:00"),
    ],
)
REVENUE = typed(
    "revenue", [{"fiscal_year": 2568, "month": "2024-10-01", "revenue_type": "taxes", "target": 100, "collected": 80}]
)
FRAMES = {"complaints": COMPLAINTS, "revenue": REVENUE}


def result(community: str | None = None):  # type: ignore[no-untyped-def]
    return compute_all(
        FRAMES, parse_period("2024-10"), context=CONTEXT, community=community, targets=TARGETS, only=ONLY
    )


def test_values_come_with_previous_and_year_ago() -> None:
    rate = result().kpis["complaint_resolution_rate"]
    assert (rate.value, rate.previous, rate.year_ago) == (0.75, 0.5, 1.0)
    received = result().kpis["complaints_received"]
    assert (received.value, received.previous, received.year_ago) == (4, 2, 1)


def test_scores_statuses_and_targets() -> None:
    kpis = result().kpis
    # received 4 vs 4 (lower): 1.0 green; resolution 0.75 / 0.9 = 0.833 red; revenue 80/100 = 0.8 red
    assert (kpis["complaints_received"].score, kpis["complaints_received"].status) == (1.0, "green")
    assert kpis["complaint_resolution_rate"].score == pytest.approx(0.75 / 0.9)
    assert kpis["complaint_resolution_rate"].status == "red"
    assert kpis["revenue_collection_rate"].score == pytest.approx(0.8)


def test_pillar_and_city_scores_are_means_of_what_was_scored() -> None:
    outcome = result()
    governance = (1.0 + 0.75 / 0.9 + 0.8) / 3  # recycling has no waste data: environment has no score
    assert outcome.pillars["governance"] == pytest.approx(governance)
    assert outcome.pillars["environment"] is None
    assert outcome.city_score == pytest.approx(governance)


def test_previous_city_score_uses_the_previous_period() -> None:
    # September: received 2 vs 4 -> 2.0 capped 1.2; rate 0.5 / 0.9; revenue FY2567 has no rows -> None
    assert result().previous_city_score == pytest.approx((1.2 + 0.5 / 0.9) / 2)


def test_change_is_relative_to_the_previous_value() -> None:
    assert result().kpis["complaints_received"].change() == pytest.approx(1.0)  # 2 -> 4
    assert result().kpis["complaint_resolution_rate"].change(against="year_ago") == pytest.approx(-0.25)  # 1.0 -> 0.75


def test_community_filter_keeps_its_rows_and_drops_city_only_kpis() -> None:
    kpis = result("เวฬุวัน").kpis
    # เวฬุวัน in October: tickets 3 (resolved) and 4 (open)
    assert (kpis["complaints_received"].value, kpis["complaint_resolution_rate"].value) == (2, 0.5)
    assert kpis["revenue_collection_rate"].value is None


def test_json_document_has_exactly_the_contract_keys_and_no_nan() -> None:
    document = result().to_json("2024-10")
    text = json.dumps(document, allow_nan=False)
    assert set(document) == {"period", "scope", "kpis", "pillars", "city_score"}
    assert document["period"] == "2024-10" and document["scope"] == {"kind": "city", "name": None}
    assert {frozenset(k) for k in document["kpis"]} == {
        frozenset({"id", "pillar", "value", "unit", "target", "score", "status", "previous", "year_ago",
                   "to_date", "months_elapsed", "comparable"})
    }  # fmt: skip
    recycling = next(k for k in document["kpis"] if k["id"] == "recycling_rate")
    assert recycling["value"] is None and recycling["score"] is None and "NaN" not in text


def test_full_catalogue_on_empty_frames_is_all_no_data() -> None:
    empty = {key: typed(key, []) for key in DATASETS}
    outcome = compute_all(empty, parse_period("2024-10"), context=CONTEXT)
    values = [r.value for r in outcome.kpis.values()]
    assert all(v is None for v in values)
    assert outcome.city_score is None
    assert not any(isinstance(v, float) and math.isnan(v) for v in values)


def test_cache_reuses_results_until_a_dataset_version_changes() -> None:
    clear_cache()
    loads: list[str] = []
    current = {"complaints": COMPLAINTS, "revenue": REVENUE}

    def load(key: str) -> pd.DataFrame:
        loads.append(key)
        return current.get(key, typed(key, []))

    period = parse_period("2024-10")
    first = cached_compute_all(
        {"complaints": 1, "revenue": 1}, load, period, context=CONTEXT, targets=TARGETS, only=ONLY
    )
    again = cached_compute_all(
        {"complaints": 1, "revenue": 1}, load, period, context=CONTEXT, targets=TARGETS, only=ONLY
    )
    assert again is first and loads == ["complaints", "revenue", "waste"]
    current["complaints"] = COMPLAINTS.iloc[:1]  # a new upload: only ticket 1
    fresh = cached_compute_all(
        {"complaints": 2, "revenue": 1}, load, period, context=CONTEXT, targets=TARGETS, only=ONLY
    )
    assert fresh.kpis["complaints_received"].value == 1
    assert len(loads) == 6


def test_a_kpi_measured_now_has_no_previous_or_year_ago_value() -> None:
    context = Context.build(now=datetime(2026, 11, 23), freshness={key: datetime(2026, 11, 22) for key in DATASETS})
    freshness = compute_all({}, parse_period("2026-11"), context=context, only=["data_freshness_rate"]).kpis[
        "data_freshness_rate"
    ]
    assert (freshness.value, freshness.previous, freshness.year_ago) == (1.0, None, None)


def test_a_community_without_complaints_counts_zero_not_no_data() -> None:
    kpis = result("สามัคคี").kpis
    assert kpis["complaints_received"].value == 0
    assert kpis["complaint_resolution_rate"].value is None


def test_narrowing_the_large_datasets_first_changes_no_value() -> None:
    generator = np.random.default_rng(2568)
    hours = pd.date_range("2023-10-01", "2026-11-23", freq="7h")
    air = typed("air_quality", [{"station": "YL-AQ1", "measured_at": t, "pm25": v, "pm10": v * 1.6}
                                for t, v in zip(hours, generator.gamma(2.0, 12.0, len(hours)), strict=True)])  # fmt: skip
    frames = {"air_quality": air}
    for code in ("2025-09", "FY2568", "FY2569-Q1"):
        period = parse_period(code)
        outcome = compute_all(frames, period, context=CONTEXT, only=["pm25_days_over_standard", "pm25_mean"])
        for kpi_id, item in outcome.kpis.items():
            for when, shown in (
                (period, item.value),
                (period.previous(), item.previous),
                (period.year_ago(), item.year_ago),
            ):
                assert shown == item.kpi.value(frames, when, CONTEXT), (code, kpi_id, when)
