"""The benchmark runner must keep working: a tiny ingest run yields every figure it promises."""

from __future__ import annotations

import pytest

from benchmarks import ingest


def test_ingest_benchmark_reports_times_ratios_and_memory() -> None:
    figures = {figure["name"]: figure for figure in ingest.run(rows=300, repeats=1)}
    ours = figures["ingest.end_to_end.sqlite"]
    naive = figures["ingest.naive_openpyxl_to_sql.sqlite"]
    assert figures["ingest.raw_calamine_read"]["seconds"] > 0
    # The ratio is taken before rounding; the printed seconds of a tiny run are rounded to 1 ms.
    assert ours["vs_raw_calamine"] == pytest.approx(ours["seconds"] / figures["ingest.raw_calamine_read"]["seconds"], rel=0.3)
    assert naive["naive_over_ours"] > 0
    assert ours["peak_rss_mb_parse_child"] > 0 and naive["peak_rss_mb"] > 0
