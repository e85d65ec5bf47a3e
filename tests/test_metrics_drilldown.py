"""Trends, breakdowns and written summaries: small aggregated frames and sentences from the figures."""

from __future__ import annotations

import doctest
import json
import string
from datetime import datetime

import pandas as pd
import pytest

from data_sources.adapters import DATASETS
from data_sources.frames import coerce
from metrics import phrases
from metrics.breakdowns import by_category, by_community, freshness_table
from metrics.cache import clear_cache
from metrics.catalogue import catalogue
from metrics.compute import compute_all
from metrics.kpi import Context
from metrics.periods import parse_period, trailing
from metrics.phrases import PHRASES_FILE, format_value
from metrics.summary import summarise
from metrics.trends import cached_sparklines, series, sparklines

CONTEXT = Context.build(now=datetime(2026, 11, 23, 12, 0))


def typed(key: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    return coerce(pd.DataFrame(rows), DATASETS[key])


def ticket(
    ticket_id: str, received: str, community: str, category: str, resolved: str | None = None
) -> dict[str, object]:
    return {"ticket_id": ticket_id, "received_at": received, "resolved_at": resolved, "category": category,
            "community": community, "status": "resolved" if resolved else "received"}  # fmt: skip


COMPLAINTS = typed(
    "complaints",
    [
        # September 2026: 4 tickets; October 2026: 2 tickets (down 50 %)
        ticket("1", "2026-09-01 09:00", "เมืองทอง", "road", "2026-09-02 09:00"),
        ticket("2", "2026-09-02 09:00", "เมืองทอง", "road", "2026-09-09 09:00"),
        ticket("3", "2026-09-03 09:00", "เวฬุวัน", "waste"),
        ticket("4", "2026-09-04 09:00", "เวฬุวัน", "waste", "2026-09-05 09:00"),
        ticket("5", "2026-10-05 09:00", "เมืองทอง", "road", "2026-10-06 09:00"),
        ticket("6", "2026-10-06 09:00", "เมืองทอง", "drainage"),
    ],
)
FRAMES = {"complaints": COMPLAINTS}


def test_series_gives_one_row_per_period_oldest_first() -> None:
    trend = series("complaints_received", FRAMES, trailing(parse_period("2026-10"), 3), context=CONTEXT)
    assert trend["period"].tolist() == ["2026-08", "2026-09", "2026-10"]
    # The tickets begin in September: August is "no data", never zero.
    assert trend["value"].isna().tolist() == [True, False, False]
    assert trend["value"].tolist()[1:] == [4, 2]
    assert trend["label_th"].tolist()[-1] == "ต.ค. 2569"


def test_series_of_a_kpi_without_history_has_only_its_last_value() -> None:
    context = Context.build(now=datetime(2026, 11, 23), freshness={"complaints": datetime(2026, 11, 22)})
    trend = series("data_freshness_rate", {}, trailing(parse_period("2026-11"), 2), context=context)
    assert trend["value"].isna().tolist() == [True, False]
    assert trend["value"].iloc[-1] == pytest.approx(1 / 12)


def test_by_community_computes_the_kpi_on_each_community_s_rows() -> None:
    table = by_community("complaint_resolution_rate", FRAMES, parse_period("2026-09"), context=CONTEXT)
    # เมืองทอง: 2 of 2 resolved in September; เวฬุวัน: 1 of 2 -> best first
    assert table[["community", "value"]].values.tolist() == [["เมืองทอง", 1.0], ["เวฬุวัน", 0.5]]
    assert table["community_en"].tolist() == ["Mueang Thong", "Weluwan"]


def test_by_community_is_empty_for_a_city_wide_kpi() -> None:
    assert by_community("revenue_collection_rate", FRAMES, parse_period("2026-09")).empty


def test_by_category_splits_complaints_by_category() -> None:
    table = by_category("complaints_received", FRAMES, parse_period("2026-09")).set_index("category")
    assert table.loc["road", ["received", "resolved"]].tolist() == [2, 2]
    assert table.loc["waste", "resolution_rate"] == 0.5
    # road: 1 day and 7 days -> median 4
    assert table.loc["road", "median_days"] == pytest.approx(4.0)


def test_freshness_table_lists_every_dataset() -> None:
    context = Context.build(now=datetime(2026, 11, 23), freshness={"complaints": datetime(2026, 11, 20)})
    table = freshness_table(context).set_index("dataset")
    assert len(table) == len(DATASETS)
    assert table.loc["complaints", "fresh"] and not table.loc["waste", "fresh"]
    assert table.loc["complaints", "days_since"] == pytest.approx(3.0)


def test_summary_states_the_change_from_the_previous_month_in_thai_and_english() -> None:
    result = compute_all(FRAMES, parse_period("2026-10"), context=CONTEXT, only=["complaints_received"])
    thai, english = summarise(result, "th")["governance"], summarise(result, "en")["governance"]
    assert "เรื่องร้องเรียนที่รับเดือนนี้ 2 ลดลง 50% จากเดือนก่อน" in thai
    assert "Complaints received this month: 2, down 50% from last month" in english


def test_summary_of_a_pillar_without_data_says_so() -> None:
    result = compute_all(FRAMES, parse_period("2026-10"), context=CONTEXT, only=["complaints_received"])
    assert summarise(result, "en")["economy"] == "Smart Economy: no data for this period yet"


@pytest.mark.parametrize(
    ("number", "unit", "lang", "text"),
    [(0.8495, "percent", "th", "85.0%"), (12345.0, "count", "en", "12,345"), (1.106, "kg", "th", "1.11 กก."),
     (3.0, "days", "en", "3 days"), (2.5, "days", "th", "2.5 วัน"), (None, "count", "th", "ไม่มีข้อมูล")],
)  # fmt: skip
def test_values_are_formatted_with_separators_and_units(number: float | None, unit: str, lang: str, text: str) -> None:
    assert format_value(number, unit, lang) == text


def test_every_phrase_has_thai_and_english_with_the_same_slots() -> None:
    def slots(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for section, entries in json.loads(PHRASES_FILE.read_text(encoding="utf-8")).items():
        for key, texts in entries.items():
            assert set(texts) == {"th", "en"}, f"{section}.{key}"
            assert slots(texts["th"]) == slots(texts["en"]), f"{section}.{key}"


def test_phrases_doctests_pass() -> None:
    assert doctest.testmod(phrases).failed == 0


def test_sparklines_give_every_kpi_its_trailing_periods() -> None:
    grid = sparklines(FRAMES, parse_period("2026-10"), count=3, context=CONTEXT)
    assert len(grid) == 3 * len(catalogue())
    received = grid.loc[grid["kpi_id"] == "complaints_received", "value"]
    assert received.isna().tolist() == [True, False, False] and received.tolist()[1:] == [4, 2]


def test_cached_sparklines_reload_after_a_new_version() -> None:
    clear_cache()
    current = {"complaints": COMPLAINTS}

    def load(key: str) -> pd.DataFrame:
        return current.get(key, typed(key, []))

    period = parse_period("2026-10")
    first = cached_sparklines({"complaints": 1}, load, period, context=CONTEXT, count=2)
    assert cached_sparklines({"complaints": 1}, load, period, context=CONTEXT, count=2) is first
    current["complaints"] = COMPLAINTS.iloc[:1]
    fresh = cached_sparklines({"complaints": 2}, load, period, context=CONTEXT, count=2)
    assert fresh.loc[fresh["kpi_id"] == "complaints_received", "value"].tolist() == [1, 0]
