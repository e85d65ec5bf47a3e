"""`python -m metrics briefing [--db URL] --period P [--community NAME] [--division KEY] --lang th|en
-o FILE.pdf|FILE.xlsx [--follow-up PREVIOUS.xlsx]`: the executive briefing, as the Mayor Dashboard
shows that period (and place, and division).

The output's format follows its suffix. With `--follow-up`, the PDF gains a page of what changed
since the briefing in PREVIOUS.xlsx (a workbook this command wrote) and the workbook records
today's state for the next meeting. Exit codes: 0 written, 2 bad input (period, community, file),
1 unexpected error (the database).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data_sources import city_time, store
from data_sources.city import community_named
from data_sources.divisions import DIVISIONS
from data_sources.errors import DataSourceError
from metrics.briefing import content
from metrics.briefing.follow_up import compare, read_previous
from metrics.briefing.pdf import briefing_pdf
from metrics.briefing.workbook import briefing_xlsx
from metrics.errors import MetricsError, UnknownCommunity, UnknownDivision
from metrics.periods import parse_period

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
FORMATS = (".pdf", ".xlsx")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m metrics briefing", description="The executive briefing as PDF or Excel"
    )
    parser.add_argument("--db", default=None, help="database URL (default: CITY_DB_URL, secrets.toml, data/city.db)")
    parser.add_argument("--period", required=True, help="YYYY-MM, FY2568, FY2568-Q1, last7 or last30")
    parser.add_argument(
        "--community", default=None, help="one community (Thai or English name); default the whole city"
    )
    parser.add_argument("--division", default=None, help="only the KPIs this division owns (key, e.g. finance)")
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="language of the briefing (default th)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf or FILE.xlsx")
    parser.add_argument("--follow-up", type=Path, default=None, help="the previous briefing's .xlsx: adds what changed")
    return parser


def _community(name: str | None) -> str | None:
    """The community's Thai name from a Thai or English name; an unknown name is bad input."""
    if name is None:
        return None
    found = community_named(name)
    if found is None:
        raise UnknownCommunity(name)
    return found


def run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() not in FORMATS:
        raise MetricsError("ไฟล์ผลลัพธ์ต้องเป็น .pdf หรือ .xlsx", "the output must be a .pdf or .xlsx file")
    now = city_time.now()
    period = parse_period(args.period, today=now.date())
    community = _community(args.community)
    if args.division is not None and args.division not in DIVISIONS:
        raise UnknownDivision(args.division)
    previous = read_previous(args.follow_up.read_bytes()) if args.follow_up else None
    frames, history = content.city_frames(store.connect(args.db))
    briefing = content.build(
        frames,
        period,
        context=content.dashboard_context(history, now),
        now=now,
        community=community,
        division=args.division,
        lang=args.lang,
    )
    changes = compare(previous, briefing) if previous is not None else None
    document = (
        briefing_pdf(briefing, follow_up=changes) if args.output.suffix.lower() == ".pdf" else briefing_xlsx(briefing)
    )
    args.output.write_bytes(document)
    print(f"OK {args.output} ({len(document):,} bytes): {period.label(args.lang)}, {len(briefing.red)} KPIs off target")
    return EXIT_OK


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except MetricsError as error:
        print(f"{error.message_th} | {error.message_en}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"อ่านหรือเขียนไฟล์ไม่ได้ | cannot read or write a file: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DataSourceError as error:
        print(f"{error.message_th} | {error.message_en}", file=sys.stderr)
        return EXIT_FAILED
