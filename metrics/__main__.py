"""Command line: `python -m metrics [--db URL] --period P [--community NAME | --division KEY] [--json]`.

`--json` prints exactly {"period", "scope": {"kind", "name"}, "kpis": [{"id", "pillar", "value",
"unit", "target", "score", "status", "previous", "year_ago", "to_date", "months_elapsed",
"comparable"}], "pillars", "city_score"}; numbers are plain or null, never NaN. A running period
is judged to date: `target` is the target for the span judged and `previous`/`year_ago` cover
the same span. `--detail` adds each KPI's span, verdict and observations, the red and capped
counts and the coverage. With `--division`, the KPIs that division owns and its scorecard.
Exit codes: 0 printed, 2 the period, community or division (or a KPI target) could not be read,
1 unexpected error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, time

from data_sources import store
from data_sources.city import community_named
from data_sources.divisions import DIVISIONS
from data_sources.errors import DataSourceError
from metrics.catalogue import catalogue
from metrics.compute import CityResult, compute_all
from metrics.errors import MetricsError, UnknownCommunity, UnknownDivision
from metrics.kpi import Context
from metrics.loading import load_frames
from metrics.periods import parse_period
from metrics.phrases import format_score, format_value
from metrics.scorecard import division_scorecard

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m metrics", description="Yala city KPIs for one period")
    parser.add_argument("--db", default=None, help="database URL (default: CITY_DB_URL, secrets.toml, data/city.db)")
    parser.add_argument("--period", required=True, help="YYYY-MM, YYYY-Qn, FY2568, FY2568-Q1, last7 or last30")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--community", default=None, help="only this community (Thai or English name)")
    scope.add_argument("--division", default=None, help="the KPIs this division owns (key, e.g. finance)")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="judge as at the end of this day: anchors last7/last30 and running periods (default: today)",
    )
    parser.add_argument("--lang", choices=("th", "en"), default="en", help="language of the table (not of --json)")
    parser.add_argument("--json", action="store_true", help="print the JSON document")
    parser.add_argument(
        "--detail",
        action="store_true",
        help="with --json: each KPI's span and verdict, red and capped counts, coverage",
    )
    return parser


def _table(result: CityResult, lang: str) -> str:
    coverage = result.coverage()
    scope = result.scope.name or "city"
    lines = [
        f"{result.period.label(lang)} · {scope}  score {_score(result.city_score)}  red {result.red_count}"
        f"  capped {result.capped_count}  judged {coverage.judged}/{coverage.declared}"
    ]
    for pillar, score in result.pillars.items():
        lines.append(f"  {pillar:<12} {_score(score)}")
    for r in result.kpis.values():
        value, target = format_value(r.value, r.kpi.unit, lang), format_value(r.target, r.kpi.unit, lang)
        shown = r.status or r.verdict.replace("_", " ")
        lines.append(f"{r.id:<36} {value:>18}  target {target:>18}  score {_score(r.score):>5}  {shown}")
    return "\n".join(lines)


def _score(score: float | None) -> str:
    return "-" if score is None else format_score(score)  # as the pages and briefings write it


def run(args: argparse.Namespace) -> int:
    period = parse_period(args.period, today=args.today)
    if args.division is not None and args.division not in DIVISIONS:
        raise UnknownDivision(args.division)
    engine = store.connect(args.db)
    needed = sorted({name for item in catalogue().values() for name in item.datasets})
    frames = load_frames(engine, needed)
    # The upload log, not `store.status`: status hashes every dataset's rows (20 s at demo scale 10).
    now = None if args.today is None else datetime.combine(args.today, time(23, 59, 59))
    context = Context.from_upload_history(store.upload_history(engine), now=now)
    community = community_key(args.community) if args.community is not None else None
    result = compute_all(frames, period, context=context, community=community, division=args.division)
    document = result.to_json(args.period, detail=args.detail)
    if args.division is not None:
        document["division"] = division_scorecard(
            frames, period, args.division, context=context, result=result
        ).to_json()
    if args.json:
        print(json.dumps(document, ensure_ascii=False, allow_nan=False))
    else:
        print(_table(result, args.lang))
    return EXIT_OK


def community_key(name: str) -> str:
    """The community's Thai name (as the data records it) from its Thai or English name."""
    found = community_named(name)
    if found is None:
        raise UnknownCommunity(name)
    return found


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["briefing"]:  # python -m metrics briefing ... (metrics/briefing/cli.py)
        from metrics.briefing.cli import main as briefing_main

        return briefing_main(arguments[1:])
    args = _parser().parse_args(arguments)
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
