"""What the executive pages write: card texts, labels, chart labels in the Buddhist era, and that
every string they look up by a built key exists in Thai and in English."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from data_sources.schema import PILLARS
from metrics.catalogue import catalogue
from metrics.compute import KpiResult
from metrics.dashboard import Change
from metrics.period_menu import MENU_KINDS
from ui import charts, kpi_text
from ui.kpi_detail import readable_figures
from ui.labels import column_label, localise_table
from ui.maps import LAYERS, STATION_COLOUR, STATUS_GROUPS
from ui.pillar_charts import CHART_LIST
from ui.strings import strings

I18N = Path(__file__).resolve().parent.parent / "assets" / "i18n"


def result(kpi_id: str, value: float | None, *, target: float | None = None) -> KpiResult:
    item = catalogue()[kpi_id]
    return KpiResult(item, value, target, None, None, None, None, None)


@pytest.mark.parametrize(
    ("change", "lang", "text"),
    [
        (Change("points", 0.049), "en", "+4.9 pts"),
        (Change("points", -0.5), "th", "-50.0 จุด"),
        (Change("relative", -0.119), "th", "-11.9%"),
        (Change("relative", 1.0), "en", "+100.0%"),
        (Change("absolute", 5.0), "th", "+5"),
    ],
)
def test_changes_read_with_sign_and_unit(change: Change, lang: str, text: str) -> None:
    assert kpi_text.change_text(change, lang) == text  # type: ignore[arg-type]


def test_a_change_that_rounds_to_nothing_is_flat() -> None:
    assert kpi_text.is_flat(Change("relative", 0.0004))  # 0.04 % shows as 0.0 %
    assert not kpi_text.is_flat(Change("relative", 0.0006))  # 0.06 % shows as 0.1 %
    assert not kpi_text.is_flat(None)


def test_a_score_just_under_target_never_reads_as_on_target() -> None:
    assert kpi_text.score_text(0.996) == "0.99"
    assert kpi_text.score_text(1.2) == "1.20"
    assert kpi_text.score_text(None) == "—"


def test_target_says_which_side_is_good() -> None:
    assert kpi_text.target_text(result("complaints_received", 4, target=450), "th") == "เป้าหมาย ≤ 450"
    assert kpi_text.target_text(result("complaint_resolution_rate", 0.5, target=0.9), "en") == "Target ≥ 90.0%"
    assert kpi_text.target_text(result("complaints_received", 4), "en") == "No target set"


def test_a_rating_reads_out_of_five_and_no_value_reads_no_data() -> None:
    assert kpi_text.value_text(result("citizen_satisfaction", 4.0), "th") == "4.0 / 5"
    assert kpi_text.value_text(result("citizen_satisfaction", None), "th") == "ไม่มีข้อมูล"


def test_month_axis_labels_use_the_buddhist_era_in_thai() -> None:
    assert charts.short_month(pd.Timestamp("2026-10-01"), "th") == "ต.ค. 69"
    assert charts.short_month(pd.Timestamp("2026-10-01"), "en") == "Oct 26"


def test_monthly_chart_sends_only_the_aggregated_rows_with_thai_labels() -> None:
    table = pd.DataFrame({"month": pd.to_datetime(["2026-09-01", "2026-10-01"]), "measure": ["received"] * 2,
                          "value": [3.0, 4.0]})  # fmt: skip
    spec = charts.monthly_chart(table, {"received": "รับเรื่อง"}, lang="th", y_title="เรื่อง").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [(r["label"], r["series"], r["value"]) for r in rows] == [
        ("ก.ย. 69", "รับเรื่อง", 3.0),
        ("ต.ค. 69", "รับเรื่อง", 4.0),
    ]
    assert spec["config"]["font"] == "Sarabun"


def test_day_axis_names_thai_months_from_utc_date_parts() -> None:
    expression = charts.day_axis("th").to_dict()["labelExpr"]
    assert "utcmonth(datum.value)" in expression and "'ต.ค.'" in expression


def test_breakdown_tables_show_labels_not_keys() -> None:
    table = pd.DataFrame({"category": ["road", "new-word"], "received": [3, 1], "resolution_rate": [0.5, 1.0]})
    shown = localise_table(table, "complaints", "th")
    assert list(shown.columns) == ["ประเภทเรื่อง", "รับเรื่อง", "อัตราการแก้ไข"]
    # An open list keeps a value it does not know as written.
    assert shown["ประเภทเรื่อง"].tolist() == ["ถนน/ทางเท้าชำรุด", "new-word"]
    assert column_label("complaints", "category", "en") == "Category"


def test_readable_figures_turn_rates_into_percentages_and_money_into_whole_numbers() -> None:
    table = pd.DataFrame({"resolution_rate": [0.8567], "collected": [1234.56], "median_days": [1.0514]})
    shown, formats = readable_figures(table)
    assert shown.iloc[0].tolist() == [85.7, 1235.0, 1.0514]
    assert formats == {"resolution_rate": "%.1f%%", "collected": "localized", "median_days": "%.2f"}


def _built_keys() -> set[str]:
    """Keys the executive pages build from data (f-strings), which the t("...") scan cannot see."""
    keys = {f"dash.filter.kind.{k}" for k in MENU_KINDS}
    keys |= {f"dash.status.{s}" for s in ("green", "amber", "red", "none")}
    keys |= {f"dash.vs_previous.{k}" for k in ("month", "quarter", "fiscal_year", "fiscal_quarter", "rolling")}
    keys |= {f"charts.title.{c.key}" for c in CHART_LIST}
    keys |= {f"citymap.layer.{k}" for k in LAYERS} | {f"citymap.status.{k}" for k in STATUS_GROUPS}
    keys |= {f"citymap.station.{k}" for k in STATION_COLOUR} | {f"citymap.legend.{k}" for k in LAYERS}
    keys |= {f"nav.pillar_{p}" for p in PILLARS} | {"nav.mayor_dashboard", "nav.city_map", "nav.kpi_detail"}
    keys |= {f"dash.measure.{m}" for m in ("received", "resolved", "target", "collected", "allocated", "disbursed",
                                           "pm25_mean", "pm25_max_daily", "tons_collected", "tons_recycled",
                                           "dengue_cases", "visitors", "events", "new_businesses",
                                           "age_0_14", "age_15_59", "age_60_plus")}  # fmt: skip
    return keys


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_built_key_exists(lang: str) -> None:
    assert _built_keys() - set(strings(lang)) == set()  # type: ignore[arg-type]


def test_the_mayor_area_files_have_the_same_keys_in_both_languages() -> None:
    th = json.loads((I18N / "th" / "mayor.json").read_text(encoding="utf-8"))
    en = json.loads((I18N / "en" / "mayor.json").read_text(encoding="utf-8"))
    assert set(th) == set(en)
    # English left in the Thai file: the same words in both, beyond slots and units.
    untranslated = [k for k, v in th.items() if v == en[k] and any("a" <= ch <= "z" for ch in v.lower())]
    assert untranslated == ["pillars.caption", "charts.unit.ugm3"]


def test_span_texts_say_how_much_of_the_period_was_judged() -> None:
    from dataclasses import replace
    from datetime import date

    from metrics.periods import fiscal, rolling
    from metrics.spans import Span

    base = result("complaints_received", 10)
    running = replace(base, span=Span(fiscal(2570), date(2026, 10, 1), date(2026, 11, 23)), to_date=True)
    assert kpi_text.span_text(running, "th") == "ถึงปัจจุบัน (2 จาก 12 เดือน)"
    window = rolling(30, today=date(2026, 11, 23))
    late = replace(base, span=Span(window, window.start, date(2026, 11, 21)))
    assert kpi_text.span_text(late, "en") == "data for 28 of 30 days"
    begins = replace(base, span=Span(fiscal(2569), date(2026, 3, 1), date(2026, 9, 30)))
    assert kpi_text.span_text(begins, "en") == "data for 7 of 12 months"
    assert kpi_text.span_text(replace(base, span=Span.whole(fiscal(2569))), "en") == ""


def test_the_running_month_is_drawn_as_partial() -> None:
    from data_sources import city_time

    running = pd.Timestamp(city_time.today().replace(day=1))
    before = running - pd.DateOffset(months=1)
    frame = pd.DataFrame({"month": [before, running], "measure": ["received", "received"], "value": [40.0, 12.0]})
    spec = charts.monthly_chart(frame, {"received": "รับเรื่อง"}, lang="th", y_title="เรื่อง").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [row["partial"] for row in rows] == [False, True]
    assert rows[1]["label"].endswith("(ถึงปัจจุบัน)") and "ถึงปัจจุบัน" not in rows[0]["label"]
