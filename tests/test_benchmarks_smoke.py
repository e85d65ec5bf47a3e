"""The benchmark runner must keep working: a tiny ingest run yields every figure it promises."""

from __future__ import annotations

import pytest

from benchmarks import clerk_bench, ingest


def test_ingest_benchmark_reports_times_ratios_and_memory() -> None:
    figures = {figure["name"]: figure for figure in ingest.run(rows=300, repeats=1)}
    ours = figures["ingest.end_to_end.sqlite"]
    naive = figures["ingest.naive_openpyxl_to_sql.sqlite"]
    assert figures["ingest.raw_calamine_read"]["seconds"] > 0
    # The ratio is taken before rounding; the printed seconds of a tiny run are rounded to 1 ms.
    assert ours["vs_raw_calamine"] == pytest.approx(
        ours["seconds"] / figures["ingest.raw_calamine_read"]["seconds"], rel=0.3
    )
    assert naive["naive_over_ours"] > 0
    assert ours["peak_rss_mb_parse_child"] > 0 and naive["peak_rss_mb"] > 0


def test_clerk_benchmark_reports_each_figure_beside_its_goal_and_baseline() -> None:
    figures = {figure["name"]: figure for figure in clerk_bench.run(quick=True, postgres=False)}
    assert set(figures) == {
        "clerk.cli_ingest_one_row.sqlite",
        "clerk.upload_preview_1000_rows.sqlite",
        "clerk.upload_confirm_1000_rows.sqlite",
    }
    for figure in figures.values():
        assert figure["seconds"] > 0 and figure["goal"].startswith("<=")
        assert any(name.startswith("baseline_") and value > 0 for name, value in figure.items())
