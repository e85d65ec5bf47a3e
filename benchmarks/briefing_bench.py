"""Briefing speed on the demo city at --scale 10 (1 with --quick): the executive briefing for a
month and for a running fiscal year, from frames in memory to PDF and Excel bytes.

Baseline in the same process: `compute_all` for the same period, the figures the briefing is
built on. Goal: the PDF in under 5 s after the button is pressed (a wait people sit through
without thinking the page broke), whatever the period.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Any

from data_sources.demo import generate
from metrics.briefing import content
from metrics.briefing.pdf import briefing_pdf
from metrics.briefing.workbook import briefing_xlsx
from metrics.compute import compute_all
from metrics.kpi import Context
from metrics.periods import parse_period

PDF_GOAL_S = 5.0


def _timed(action: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def run(*, quick: bool = False) -> list[dict[str, Any]]:
    scale = 1.0 if quick else 10.0
    today, now = date(2026, 11, 23), datetime(2026, 11, 23, 8, 0)
    frames = generate(seed=2568, scale=scale, today=today)
    context = Context.build(now=now)
    _timed(lambda: briefing_pdf(content.build(frames, parse_period("2026-10"), context=context, now=now)))  # warm up
    figures = []
    for code in ("2026-10", "FY2570"):
        period = parse_period(code, today=today)
        baseline, result = _timed(lambda p=period: compute_all(frames, p, context=context))
        built, briefing = _timed(
            lambda p=period, r=result: content.build(frames, p, context=context, now=now, result=r)
        )
        pdf_s, pdf = _timed(lambda b=briefing: briefing_pdf(b))
        xlsx_s, xlsx = _timed(lambda b=briefing: briefing_xlsx(b))
        total = baseline + built + pdf_s
        figures += [
            {"name": f"briefing.{code}.pdf_total", "seconds": round(total, 3), "scale": scale,
             "goal_seconds": PDF_GOAL_S, "compute_all_baseline_s": round(baseline, 3),
             "trends_alerts_s": round(built, 3), "typeset_s": round(pdf_s, 3), "pages_bytes": len(pdf),
             "red_kpis": len(briefing.red)},
            {"name": f"briefing.{code}.xlsx", "seconds": round(xlsx_s, 3), "scale": scale, "bytes": len(xlsx)},
        ]  # fmt: skip
    return figures
