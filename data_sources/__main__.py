"""Command line: `python -m data_sources ingest|status|template|demo|rollback|users|go-live`.

Exit codes of `ingest`: 0 committed (one summary line) or the same file already loaded (nothing
changed), 2 rejected (each problem on its own line, Thai and English; no dataset row changed),
including a file held because it would remove rows it does not put back or double a period
(`--allow-removals`, `--allow-overlap` confirm that), 1 unexpected error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from data_sources import accounts_cli, store
from data_sources.adapters import DATASETS
from data_sources.errors import DataSourceError
from data_sources.ingest import AUTO, ingest
from data_sources.readers import fork_children_directly

EXIT_OK, EXIT_FAILED, EXIT_REJECTED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m data_sources", description="Yala city data: ingest and manage datasets"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("ingest", help="validate a file and commit it as a new dataset version")
    run.add_argument("file", type=Path)
    run.add_argument("--dataset", required=True, help=f"one of {', '.join(DATASETS)}, or '{AUTO}'")
    run.add_argument(
        "--mode",
        choices=("append", "replace"),
        default="append",
        help="append: upsert by key / replace the periods in the file (default); replace: the file becomes the dataset",
    )
    run.add_argument("--user", default=None)
    run.add_argument(
        "--allow-removals",
        action="store_true",
        help="confirm removing rows the file does not put back (periods it does not cover, or shrinks)",
    )
    run.add_argument(
        "--allow-overlap",
        action="store_true",
        help="confirm keeping reports of two lengths (week and month) for one period side by side",
    )
    run.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"HEADER=column"',
        type=_header_choice,
        help="read the file column headed HEADER as this dataset column (key or label); repeatable",
    )
    run.add_argument("--json", action="store_true", help="print the whole report as JSON")
    status = commands.add_parser("status", help="rows, version, last upload and content hash per dataset")
    status.add_argument("--json", action="store_true")
    template = commands.add_parser("template", help="write the Excel template of a dataset")
    template.add_argument("name", choices=sorted(DATASETS))
    template.add_argument("-o", "--output", type=Path, required=True)
    demo = commands.add_parser("demo", help="fill the database with the synthetic demo city")
    demo.add_argument("--seed", type=int, default=2568)
    demo.add_argument("--scale", type=float, default=1.0)
    back = commands.add_parser("rollback", help="restore a dataset as it was before a version")
    back.add_argument("name", choices=sorted(DATASETS))
    back.add_argument("version", type=int)
    back.add_argument("--user", default=None)
    live = commands.add_parser("go-live", help="remove the demo city and its accounts; create the first real admin")
    live.add_argument("--admin", required=True, help="the admin account to create (or an existing real admin)")
    live.add_argument("--password-stdin", action="store_true", help="read the admin's password from standard input")
    for sub in (run, status, demo, back, live):
        sub.add_argument("--db", default=None, help="database URL (default: CITY_DB_URL, secrets.toml, data/city.db)")
    template.add_argument("--db", default=None, help=argparse.SUPPRESS)
    accounts_cli.add_parser(commands)
    return parser


def _header_choice(text: str) -> tuple[str, str]:
    header, sign, column = text.rpartition("=")
    if not sign or not header.strip() or not column.strip():
        raise argparse.ArgumentTypeError(f'expected "HEADER=column", got {text!r}')
    return header.strip(), column.strip()


def _ingest(args: argparse.Namespace) -> int:
    content = args.file.read_bytes()
    result = ingest(
        store.connect(args.db),
        content,
        args.file.name,
        args.dataset,
        mode=args.mode,
        user=args.user,
        allow_removals=args.allow_removals,
        allow_overlap=args.allow_overlap,
        named=dict(args.map) or None,
    )
    report = result.prepared.report
    earlier = result.earlier
    if args.json:
        print(
            json.dumps(
                {
                    **report.to_dict(),
                    "accepted": result.accepted,
                    "version": result.version,
                    "changes": result.changes,
                    "already_loaded": earlier and earlier.version,
                },
                ensure_ascii=False,
                default=str,
            )
        )
        return EXIT_OK if result.accepted or earlier else EXIT_REJECTED
    if earlier is not None:
        print(f"SAME FILE {report.dataset}: {earlier.text('th')} | {earlier.text('en')}")
        return EXIT_OK
    if not result.accepted:
        print(
            f"REJECTED {args.file.name} ({report.dataset}): {len(report.errors)} error(s); no data changed",
            file=sys.stderr,
        )
        for line in report.lines():
            print(line)
        return EXIT_REJECTED
    changes = result.changes or {}
    print(
        f"OK {report.dataset}: {report.stats.get('rows', 0)} rows read, version {result.version} "
        f"(added {changes.get('added', 0)}, updated {changes.get('updated', 0)}, removed {changes.get('removed', 0)}, "
        f"unchanged {changes.get('unchanged', 0)}), {len(report.warnings)} warning(s)"
    )
    for line in report.lines():
        print(line, file=sys.stderr)
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    document = store.status(store.connect(args.db))
    if args.json:
        print(json.dumps(document, ensure_ascii=False))
        return EXIT_OK
    for key, entry in document["datasets"].items():
        print(
            f"{key:<12} v{entry['version']:<4} {entry['rows']:>8} rows  last upload {entry['last_accepted_upload'] or '-'}"
        )
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from data_sources.template import build_template

    args.output.write_bytes(build_template(args.name))
    print(f"OK template for {args.name} written to {args.output}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from data_sources.seed import load_demo

    written = load_demo(store.connect(args.db), seed=args.seed, scale=args.scale)
    print(
        f"OK demo city (seed {args.seed}, scale {args.scale}): {sum(written.values())} rows in {len(written)} datasets"
    )
    return EXIT_OK


def _rollback(args: argparse.Namespace) -> int:
    result = store.rollback(store.connect(args.db), args.name, args.version, user=args.user)
    print(f"OK {args.name}: restored the state before version {args.version} as version {result.version}")
    return EXIT_OK


def _go_live(args: argparse.Namespace) -> int:
    from data_sources.go_live import go_live_with_admin

    engine = store.connect(args.db)
    password = None
    if accounts_cli.needs_password(engine, args.admin):
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else accounts_cli.ask_password()
    done = go_live_with_admin(engine, args.admin, password)
    if done["already_live"]:
        print(f"OK already live; admin {args.admin} ready")
    else:
        print(
            f"OK live: demo city removed ({done['demo_rows_removed']} rows), demo accounts removed "
            f"({', '.join(done['demo_accounts_removed'])}); admin {args.admin} ready"
        )  # type: ignore[arg-type]
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {
        "ingest": _ingest,
        "status": _status,
        "template": _template,
        "demo": _demo,
        "rollback": _rollback,
        "users": accounts_cli.run,
        "go-live": _go_live,
    }
    try:
        return handlers[args.command](args)
    except DataSourceError as error:
        print(f"ERROR [{error.code}] {error.message_th} | {error.message_en}", file=sys.stderr)
        return EXIT_REJECTED if args.command == "ingest" else EXIT_FAILED
    except Exception as error:  # the contract promises exit 1 for anything unexpected
        print(f"ERROR unexpected: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    fork_children_directly()  # one command, one file: no parser server to start and warm
    sys.exit(main())
