"""`python -m deploy --replicas N [--port P] [--db URL]`: the app as N processes behind nginx.

Every process gets the same database (PostgreSQL: an SQLite file belongs to one machine) and the
same signing key (CITY_SESSION_SECRET, else the one in .streamlit/secrets.toml, written there now if
there is none yet, before the processes start). Runs until Ctrl-C or SIGTERM, then stops them all.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

from data_sources import store
from data_sources.db import resolve_url
from deploy.replicas import nginx_available, replicas
from ui.auth_token import server_secret


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx listens on 127.0.0.1:PORT (default 8080)")
    parser.add_argument("--db", default=None, help="database URL (default CITY_DB_URL, then secrets.toml)")
    args = parser.parse_args(argv)
    url = args.db or resolve_url()
    if not url.startswith("postgresql"):
        print("ERROR replicas share one database: give a PostgreSQL URL (--db or CITY_DB_URL)", file=sys.stderr)
        return 1
    if not nginx_available():
        print("ERROR nginx is not installed (Debian: apt-get install nginx)", file=sys.stderr)
        return 1
    store.connect(url)  # the schema, once, before several processes look for it
    server_secret()  # the signing key exists before any replica looks for it: one key for all
    signal.signal(signal.SIGTERM, _stop)
    with tempfile.TemporaryDirectory(prefix="city-replicas-") as logs:
        try:
            with replicas(args.replicas, args.port, {"CITY_DB_URL": url}, log_folder=Path(logs)):
                print(f"OK {args.replicas} app processes behind nginx at http://127.0.0.1:{args.port} "
                      f"(logs in {logs}); Ctrl-C stops them", flush=True)  # fmt: skip
                while True:
                    time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
