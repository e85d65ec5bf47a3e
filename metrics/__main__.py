"""Command line: `python -m metrics [--db URL] --period P [--community NAME] [--json]`.

`--json` prints exactly {"period", "kpis": [{"id", "pillar", "value", "unit", "target", "score",
"status", "previous", "year_ago"}], "pillars", "city_score"}; numbers are plain or null, never NaN.
Exit codes: 0 printed, 2 the period (or a KPI target) could not be read, 1 unexpected error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from data_sources import store
from data_sources.errors import DataSourceError
from metrics.catalogue import catalogue
from metrics.compute import CityResult, compute_all
from metrics.errors import MetricsError
from metrics.kpi import Context
from metrics.loading import load_frames
from metrics.periods import parse_period
from metrics.phrases import format_number, format_value

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m metrics", description="Yala city KPIs for one period")
    parser.add_argument("--db", default=None, help="database URL (default: CITY_DB_URL, secrets.toml, data/city.db)")
    parser.add_argument("--period", required=True, help="YYYY-MM, YYYY-Qn, FY2568, FY2568-Q1, last7 or last30")
    parser.add_argument("--community", default=None, help="only this community (Thai name), where data records one")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="anchor for last7/last30 (default: today)"
    )
    parser.add_argument("--lang", choices=("th", "en"), default="en", help="language of the table (not of --json)")
    parser.add_argument("--json", action="store_true", help="print the JSON document")
    return parser


def _table(result: CityResult, lang: str) -> str:
    lines = [f"{result.period.label(lang)}  city score {_score(result.city_score)}"]
    for pillar, score in result.pillars.items():
        lines.append(f"  {pillar:<12} {_score(score)}")
    for r in result.kpis.values():
        value, target = format_value(r.value, r.kpi.unit, lang), format_value(r.target, r.kpi.unit, lang)
        lines.append(f"{r.id:<36} {value:>18}  target {target:>18}  score {_score(r.score):>5}  {r.status or '-'}")
    return "\n".join(lines)


def _score(score: float | None) -> str:
    return "-" if score is None else format_number(score, 2)


def run(args: argparse.Namespace) -> int:
    period = parse_period(args.period, today=args.today)
    engine = store.connect(args.db)
    needed = sorted({name for item in catalogue().values() for name in item.datasets})
    frames = load_frames(engine, needed)
    # The upload log, not `store.status`: status hashes every dataset's rows (20 s at demo scale 10).
    context = Context.from_upload_history(store.upload_history(engine))
    result = compute_all(frames, period, context=context, community=args.community)
    if args.json:
        print(json.dumps(result.to_json(args.period), ensure_ascii=False, allow_nan=False))
    else:
        print(_table(result, args.lang))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except MetricsError as error:
        print(f"{error.message_th} | {error.message_en}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DataSourceError as error:
        print(f"{error.message_th} | {error.message_en}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
