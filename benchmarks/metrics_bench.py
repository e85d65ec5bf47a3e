"""KPI speed: every KPI for one period on the demo city at --scale 10 (goal: under 1 s).

Ours = `metrics.compute_all` (previous and year-ago periods included, frames cut to the needed
window once). Naive = each KPI's value computed on its own over the full frames, with no shared
preparation, for the same three periods (the period, the one before, a year earlier).
"""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Any

from data_sources.demo import generate
from metrics.catalogue import catalogue
from metrics.compute import compute_all
from metrics.kpi import Context
from metrics.periods import parse_period


def run(*, quick: bool = False) -> list[dict[str, Any]]:
    scale = 1.0 if quick else 10.0
    today = date(2026, 11, 23)
    frames = generate(seed=2568, scale=scale, today=today)
    rows = sum(len(f) for f in frames.values())
    context = Context.build(now=datetime(2026, 11, 23, 8, 0))
    period = parse_period("2026-10", today=today)
    started = time.perf_counter()
    result = compute_all(frames, period, context=context)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for kpi in catalogue().values():
        for when in (period, period.previous(), period.year_ago()):
            kpi.value(frames, when, context)
    naive = time.perf_counter() - started
    return [
        {
            "name": "metrics.compute_all_one_period",
            "seconds": round(ours, 3),
            "scale": scale,
            "rows": rows,
            "kpis": len(result.kpis),
            "goal_seconds": 1.0,
        },
        {
            "name": "metrics.naive_each_kpi_alone",
            "seconds": round(naive, 3),
            "scale": scale,
            "naive_over_ours": round(naive / ours, 2) if ours else None,
        },
    ]
