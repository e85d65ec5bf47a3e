"""`python -m data_sources users add|disable|enable|reset|list`: manage sign-in accounts.

A password not given with --password is asked for twice without echo, so it stays out of the
shell history. Every change is written to the audit log under --actor (default: cli).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from data_sources import accounts, store
from data_sources.divisions import DIVISIONS

EXIT_OK, EXIT_FAILED = 0, 1


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    """Register the `users` command on the main parser's subcommands."""
    users = commands.add_parser("users", help="add, disable, enable, reset or list sign-in accounts")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=accounts.ACCOUNT_ROLES)
    add.add_argument("--division", choices=sorted(DIVISIONS), help="required for staff")
    add.add_argument("--name", default=None, help="display name")
    add.add_argument("--email", default=None, help="for single sign-on")
    add.add_argument("--password", default=None, help="asked for when omitted")
    add.add_argument("--sso-only", action="store_true", help="no password: signs in only through single sign-on")
    for name in ("disable", "enable"):
        actions.add_parser(name, help=f"{name} an account").add_argument("username")
    reset = actions.add_parser("reset", help="set a new password")
    reset.add_argument("username")
    reset.add_argument("--password", default=None, help="asked for when omitted")
    listing = actions.add_parser("list", help="every account")
    listing.add_argument("--json", action="store_true")
    for sub in actions.choices.values():
        sub.add_argument("--db", default=None, help="database URL (default: CITY_DB_URL, secrets.toml, data/city.db)")
        sub.add_argument("--actor", default="cli", help="who is making the change (audit log)")
    return users


def needs_password(engine: object, username: str) -> bool:
    """True when `username` does not exist yet, so creating it needs a password."""
    return accounts.get_account(engine, username) is None  # type: ignore[arg-type]


def ask_password() -> str:
    """A new password typed twice without echo."""
    return _password(None)


def _password(given: str | None) -> str:
    if given is not None:
        return given
    first = getpass.getpass("Password / รหัสผ่าน: ")
    if getpass.getpass("Again / อีกครั้ง: ") != first:
        raise accounts.AccountError("รหัสผ่านสองครั้งไม่ตรงกัน", "The two passwords differ")
    return first


def _row(account: accounts.Account) -> dict[str, object]:
    return {
        "username": account.username,
        "name": account.display_name,
        "role": account.role,
        "division": account.division,
        "email": account.email,
        "active": account.active,
        "last_sign_in": account.last_sign_in_at.isoformat() if account.last_sign_in_at else None,
    }


def run(args: argparse.Namespace) -> int:
    """Carry out one `users` action; AccountError reaches the main CLI's error handler."""
    engine = store.connect(args.db)
    if args.action == "list":
        rows = [_row(a) for a in accounts.list_accounts(engine)]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False))
        for row in [] if args.json else rows:
            state = "active" if row["active"] else "disabled"
            print(f"{row['username']:<20} {row['role']:<10} {row['division'] or '-':<13} {state:<9} {row['name']}")
        return EXIT_OK
    if args.action == "add":
        password = None if args.sso_only else _password(args.password)
        account = accounts.add_account(
            engine,
            args.username,
            password,
            args.role,
            division=args.division,
            display_name=args.name,
            email=args.email,
            actor=args.actor,
            from_command_line=True,
        )
    elif args.action == "reset":
        account = accounts.reset_password(engine, args.username, _password(args.password), actor=args.actor)
    else:
        account = accounts.set_active(engine, args.username, args.action == "enable", actor=args.actor)
    print(
        f"OK {args.action} {account.username} ({account.role}{', ' + account.division if account.division else ''})",
        file=sys.stdout,
    )
    return EXIT_OK
