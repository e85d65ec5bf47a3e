"""`python -m benchmarks [--quick]`: print a table of every figure and write them as JSON.

Figures, not pass/fail: each goal is printed beside the measured value for a person to read.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path
from typing import Any

from data_sources import city_time

RESULTS = Path(__file__).resolve().parent / "results"


def _sections(quick: bool) -> list[tuple[str, Any]]:
    from benchmarks import ingest

    rows = 10_000 if quick else 100_000
    sections: list[tuple[str, Any]] = [("ingest", lambda: ingest.run(rows=rows, repeats=1 if quick else 3))]
    for name in (
        "clerk_bench",
        "metrics_bench",
        "dashboard_bench",
        "chatbot_bench",
        "channels_bench",
        "briefing_bench",
        "load_bench",
    ):
        try:
            module = __import__(f"benchmarks.{name}", fromlist=["run"])
        except ModuleNotFoundError:
            continue
        sections.append((name, lambda m=module: m.run(quick=quick)))
    return sections


def _print(figures: list[dict[str, Any]]) -> None:
    print(f"{'figure':<48} {'value':>10}  details")
    for figure in figures:
        value = figure.get("seconds", figure.get("value"))
        details = ", ".join(f"{k}={v}" for k, v in figure.items() if k not in {"name", "seconds", "value"})
        print(f"{figure['name']:<48} {value:>10}  {details}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small inputs, one repeat (a smoke run)")
    parser.add_argument(
        "--only",
        default=None,
        help="run one section: ingest, clerk_bench, metrics_bench, dashboard_bench, chatbot_bench, channels_bench, "
        "briefing_bench, load_bench",
    )
    args = parser.parse_args(argv)
    figures: list[dict[str, Any]] = []
    for name, run in _sections(args.quick):
        if args.only and name != args.only:
            continue
        print(f"== {name}", flush=True)
        section = run()
        _print(section)
        figures.extend(section)
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = RESULTS / f"benchmarks{'-quick' if args.quick else ''}.json"
    document = {
        "when": city_time.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "quick": args.quick,
        "figures": figures,
    }
    output.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
