"""`python -m channels api-keys|traffy-import|line-notify|line-rich-menu`.

    api-keys add NAME        a new Open311 key, printed once (only its hash is kept)
    api-keys list [--json]   every key without its secret
    api-keys revoke ID       stop a key
    traffy-import FILE.csv   a Traffy Fondue export into complaints (twice = no duplicates)
    line-notify              push pending status changes to LINE filers once (the server does it
                             every LINE_NOTIFY_SECONDS by itself)
    line-rich-menu           print the rich menu definition (--install IMAGE: create it on the channel)

Exit 0 done, 1 failed, 2 the import was rejected (each problem printed, no row changed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from channels import api_keys, rich_menu, settings, traffy
from data_sources.db import connect

EXIT_OK, EXIT_FAILED, EXIT_REJECTED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m channels", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    keys = commands.add_parser("api-keys", help="Open311 API keys").add_subparsers(dest="action", required=True)
    keys.add_parser("add").add_argument("name", help="the client the key is for")
    keys.add_parser("list").add_argument("--json", action="store_true")
    keys.add_parser("revoke").add_argument("id", type=int)
    imported = commands.add_parser("traffy-import", help="import a Traffy Fondue CSV export")
    imported.add_argument("file", type=Path)
    commands.add_parser("line-notify", help="push pending status changes to LINE filers once")
    menu = commands.add_parser("line-rich-menu", help="the LINE rich menu")
    menu.add_argument(
        "--install",
        type=Path,
        metavar="IMAGE",
        default=None,
        help="create it on the channel with this 2500x1686 image and make it the default",
    )
    for sub in (*keys.choices.values(), imported, commands.choices["line-notify"]):
        sub.add_argument("--db", default=None, help="database URL (default: CITY_DB_URL, secrets.toml, data/city.db)")
        sub.add_argument("--user", default="cli", help="who is acting (audit log)")
    return parser


def _api_keys(args: argparse.Namespace) -> int:
    engine = connect(args.db)
    if args.action == "add":
        made = api_keys.create(engine, args.name, created_by=args.user)
        print(f"key {made.id} for {made.name} (shown once, keep it safe): {made.key}")
        return EXIT_OK
    if args.action == "revoke":
        if api_keys.revoke(engine, args.id, revoked_by=args.user):
            print(f"key {args.id} revoked")
            return EXIT_OK
        print(f"no active key {args.id}", file=sys.stderr)
        return EXIT_FAILED
    listing = api_keys.listing(engine)
    if args.json:
        print(listing.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        print(listing.to_string(index=False) if not listing.empty else "no keys")
    return EXIT_OK


def _traffy(args: argparse.Namespace) -> int:
    try:
        result = traffy.import_export(connect(args.db), args.file.read_bytes(), args.file.name, user=args.user)
    except traffy.TraffyFormatError as error:
        print(error, file=sys.stderr)
        return EXIT_REJECTED
    if result.earlier is not None:  # the same export again: nothing to change
        print(f"SAME FILE complaints: {result.earlier.text('th')} / {result.earlier.text('en')}")
        return EXIT_OK
    if not result.accepted:
        for issue in result.prepared.report.issues:
            print(f"row {issue.row} {issue.column}: {issue.message_th} / {issue.message_en}")
        return EXIT_REJECTED
    changes = result.changes or {}
    print(f"OK complaints version {result.version}: {json.dumps(changes, ensure_ascii=False)}")
    return EXIT_OK


def _line_notify(args: argparse.Namespace) -> int:
    from channels import notices
    from channels.line_api import LineApi

    line = settings.line()
    if not line.configured:
        print("LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set", file=sys.stderr)
        return EXIT_FAILED
    print(f"sent {notices.deliver_status_changes(connect(args.db), LineApi(line))}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "api-keys":
        return _api_keys(args)
    if args.command == "traffy-import":
        return _traffy(args)
    if args.command == "line-notify":
        return _line_notify(args)
    return rich_menu.main(install_image=args.install)


if __name__ == "__main__":
    sys.exit(main())
