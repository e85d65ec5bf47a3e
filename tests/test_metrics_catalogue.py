"""The KPI declarations themselves: ids, pillars, texts, datasets, targets."""

from __future__ import annotations

import json
import re
import typing

import pytest

from data_sources.adapters import DATASETS
from data_sources.schema import PILLARS
from metrics.catalogue import DECLARED, TARGETS_FILE, by_pillar, catalogue, kpi
from metrics.errors import UnknownKPI
from metrics.kpi import Unit
from metrics.periods import parse_period

REQUIRED = (
    "complaints_received", "complaint_resolution_rate", "complaint_median_resolution_days", "citizen_satisfaction",
    "revenue_collection_rate", "budget_disbursement_rate", "recycling_rate", "waste_kg_per_capita_day",
    "pm25_days_over_standard", "river_days_above_warning", "elderly_allowance_coverage", "data_freshness_rate",
)  # fmt: skip
THAI = re.compile(r"[\u0E00-\u0E7F]")


def test_the_issue_s_required_kpis_exist() -> None:
    assert set(REQUIRED) <= set(catalogue())


def test_at_least_24_kpis_with_unique_ids() -> None:
    ids = [k.id for k in DECLARED]
    assert len(ids) >= 24
    assert len(ids) == len(set(ids))


def test_every_pillar_has_at_least_four_kpis() -> None:
    assert {p: len(items) >= 4 for p, items in by_pillar().items()} == dict.fromkeys(PILLARS, True)


def test_ids_are_stable_english_snake_case() -> None:
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k.id) for k in DECLARED)


@pytest.mark.parametrize("item", DECLARED, ids=lambda k: k.id)
def test_each_kpi_has_thai_and_english_texts(item) -> None:  # type: ignore[no-untyped-def]
    assert THAI.search(item.name_th) and THAI.search(item.description_th) and THAI.search(item.division_th)
    assert not THAI.search(item.name_en + item.description_en + item.division_en)
    assert item.name_en and item.description_en


@pytest.mark.parametrize("item", DECLARED, ids=lambda k: k.id)
def test_each_kpi_reads_declared_datasets_and_a_known_unit(item) -> None:  # type: ignore[no-untyped-def]
    assert set(item.datasets) <= set(DATASETS)
    assert item.unit in typing.get_args(Unit)
    assert item.better in ("higher", "lower")


def test_targets_file_has_one_number_per_kpi_and_nothing_else() -> None:
    targets = json.loads(TARGETS_FILE.read_text(encoding="utf-8"))
    assert set(targets) == {k.id for k in DECLARED}
    assert all(isinstance(v, int | float) for v in targets.values())
    assert all(isinstance(k.target, float) for k in catalogue().values())


def test_targets_can_be_overridden() -> None:
    assert catalogue({"recycling_rate": 0.3})["recycling_rate"].target == 0.3
    assert kpi("recycling_rate").target == 0.15


def test_overriding_an_unknown_kpi_is_refused() -> None:
    with pytest.raises(UnknownKPI):
        catalogue({"no_such_kpi": 1.0})
    with pytest.raises(UnknownKPI):
        kpi("no_such_kpi")


def test_a_monthly_count_target_scales_with_the_period() -> None:
    complaints = catalogue({"complaints_received": 450})["complaints_received"]
    # 450 a month: 1,350 a quarter, 5,400 a fiscal year, 450 × 7 × 12 / 365 for 7 days
    assert complaints.target_for(parse_period("2026-11")) == 450
    assert complaints.target_for(parse_period("FY2569-Q1")) == 1350
    assert complaints.target_for(parse_period("FY2569")) == 5400
    assert complaints.target_for(parse_period("2026-11-17..2026-11-23")) == pytest.approx(450 * 7 * 12 / 365)


def test_community_level_kpis_read_only_datasets_with_a_community() -> None:
    assert kpi("complaints_received").community_level
    assert kpi("waste_kg_per_capita_day").community_level
    assert not kpi("revenue_collection_rate").community_level
    assert not kpi("pm25_days_over_standard").community_level
