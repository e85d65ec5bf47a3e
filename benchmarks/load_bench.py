"""Load rounds: visitors arriving together at the Citizen and Mayor Dashboards, at the protocol level.

Each visitor is a websocket session that asks for one run of a page and waits for its end, as a
browser tab does (benchmarks/streamlit_client.py); nothing is drawn. The app runs as in production
(`streamlit run app.py`, .streamlit/config.toml) on the demo city. Measured for each round: every
visitor's wait from connecting to the page's last element (p50, p95, max), and the server's CPU per
page load. Goal (issue #16): 40 citizens at once, p95 under 5 s on a 2-core machine.

Baseline, in the same run: one server with Streamlit's own defaults for the two settings our
config.toml changes (source watcher on, full garbage collection after every run), same rounds.
Then the replica set-up (deploy/replicas.py): the app as several processes behind nginx on one
PostgreSQL database (TEST_POSTGRES_URL or CITY_BENCH_POSTGRES_URL names a server and a user allowed
to create databases), same rounds through nginx. Without nginx or PostgreSQL that part prints why
it was skipped.
"""

from __future__ import annotations

import asyncio
import math
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.streamlit_client import PageLoad, crowd, load_page, sign_in
from data_sources import seed, store
from deploy.replicas import app_process, cpu_seconds, free_port, nginx_available, replicas

GOAL_P95_S = 5.0
GOAL_VISITORS = 40
CITIZEN = ""  # the Citizen Dashboard is the default page: a browser at "/" asks for page ""
MAYOR = "mayor"
# Streamlit's own defaults for what .streamlit/config.toml changes: the "before" of this issue.
BASELINE_OPTIONS = ("--server.fileWatcherType=auto", "--runner.postScriptGC=true")


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, math.ceil(0.95 * len(values)) - 1)]  # nearest rank


class _Server:
    """Where visitors go, and the app processes whose CPU a round costs."""

    def __init__(self, base: str, pids: list[int], cookie: str) -> None:
        self.base, self.pids, self.cookie = base, pids, cookie
        self.last: list[float | None] = []  # each process's CPU at the last look
        self.before: list[float | None] = []  # ... and at the start of the last round

    def cpu(self) -> float | None:
        used = [cpu_seconds(pid) for pid in self.pids]
        self.last = used
        return None if None in used else sum(used)  # type: ignore[arg-type]

    def shares(self, before: list[float | None]) -> list[float] | None:
        """Each process's share of the CPU since `before` (how evenly the proxy spread the visitors)."""
        spent = [None if a is None or b is None else a - b for a, b in zip(self.last, before, strict=True)]
        total = sum(x for x in spent if x is not None)
        return None if None in spent or not total else [round(x / total, 2) for x in spent]  # type: ignore[operator]

    def round(self, citizens: int, mayors: int) -> tuple[list[PageLoad], float, float | None]:
        async def together() -> list[PageLoad]:
            groups = [
                crowd(self.base, CITIZEN, citizens),
                crowd(self.base, MAYOR, mayors, cookie=self.cookie, first_address=2 + citizens),
            ]
            return [load for group in await asyncio.gather(*groups) for load in group]

        before, started = self.cpu(), time.perf_counter()
        self.before = self.last
        loads = asyncio.run(together())
        wall, after = time.perf_counter() - started, self.cpu()
        return loads, wall, None if before is None or after is None else after - before


def _figures(label: str, server: _Server, rounds: list[tuple[str, int, int]], common: dict) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for page in (CITIZEN, MAYOR):  # the first visitor of each page fills the shared caches
        cold = asyncio.run(load_page(server.base, page, cookie=server.cookie if page else None))
        figures.append({"name": f"load.{label}.{page or 'citizen'}.first_visitor", "seconds": round(cold.seconds, 2),
                        "errors": cold.errors, **common})  # fmt: skip
    _, citizens, mayors = rounds[-1]
    server.round(citizens, mayors)  # every replica a visitor's address leads to has its caches filled
    for page in (CITIZEN, MAYOR):
        loads, _, cpu = server.round(0, 1) if page else server.round(1, 0)
        for _ in range(2):
            more, _, more_cpu = server.round(0, 1) if page else server.round(1, 0)
            loads += more
            cpu = None if cpu is None or more_cpu is None else cpu + more_cpu
        figures.append({"name": f"load.{label}.{page or 'citizen'}.one_visitor", "seconds": round(
            statistics.median(x.seconds for x in loads), 3), "cpu_s_per_load": None if cpu is None else round(
            cpu / len(loads), 3), "errors": sum(x.errors for x in loads), **common})  # fmt: skip
    for name, citizens, mayors in rounds:
        loads, wall, cpu = server.round(citizens, mayors)
        waits = [x.seconds for x in loads]
        figure = {"name": f"load.{label}.{name}.p95", "seconds": round(_p95(waits), 2), "p50_s": round(
            statistics.median(waits), 2), "max_s": round(max(waits), 2), "wall_s": round(wall, 2),
            "cpu_s_per_load": None if cpu is None else round(cpu / len(loads), 3),
            "errors": sum(x.errors for x in loads), **common}  # fmt: skip
        if len(server.pids) > 1:
            figure["cpu_share_by_process"] = server.shares(server.before)
        if name.startswith(f"citizens_{GOAL_VISITORS}"):
            figure["goal_p95_s"] = GOAL_P95_S
        figures.append(figure)
    return figures


@contextmanager
def _single(url: str, env: dict[str, str], options: tuple[str, ...], logs: Path) -> Iterator[_Server]:
    port = free_port()
    with app_process(port, env, options=options, log=logs / f"app-{port}.log") as process:
        base = f"http://127.0.0.1:{port}"
        yield _Server(base, [process.pid], sign_in(base, store.connect(url)))


@contextmanager
def _behind_nginx(url: str, env: dict[str, str], count: int, logs: Path) -> Iterator[_Server]:
    port = free_port()
    with replicas(count, port, env, log_folder=logs) as processes:
        base = f"http://127.0.0.1:{port}"
        yield _Server(base, [p.pid for p in processes], sign_in(base, store.connect(url)))


def _postgres_database(server_url: str) -> tuple[str, Callable[[], None]]:
    """A new database on the server `server_url` points at, and how to drop it."""
    name = f"city_load_{secrets.token_hex(4)}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        store.connect(url).dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    return url, drop


def _replica_figures(rounds: list[tuple[str, int, int]], count: int, env: dict[str, str], logs: Path,
                     common: dict) -> list[dict[str, Any]]:  # fmt: skip
    server_url = os.environ.get("CITY_BENCH_POSTGRES_URL") or os.environ.get("TEST_POSTGRES_URL")
    skipped = None if nginx_available() else "skipped: nginx not installed"
    if skipped is None and not server_url:
        skipped = "skipped: no PostgreSQL (set CITY_BENCH_POSTGRES_URL or TEST_POSTGRES_URL)"
    if skipped:
        print(skipped, flush=True)
        return [{"name": "load.replicas", "value": skipped}]
    url, drop = _postgres_database(server_url)  # type: ignore[arg-type]
    try:
        started = time.perf_counter()
        seed.load_demo(store.connect(url), scale=common["scale"])
        seeded = time.perf_counter() - started
        with _behind_nginx(url, {**env, "CITY_DB_URL": url}, count, logs) as server:
            figures = _figures(f"nginx_{count}x", server, rounds, {**common, "replicas": count, "db": "postgresql"})
    finally:
        drop()
    return [{"name": "load.replicas.postgres_seeded", "seconds": round(seeded, 2), **common}, *figures]


def run(*, quick: bool = False) -> list[dict[str, Any]]:
    citizens = 10 if quick else GOAL_VISITORS
    rounds = [(f"citizens_{citizens}", citizens, 0), (f"mayors_{citizens // 4}", 0, citizens // 4),
              (f"citizens_{citizens}+mayors_{citizens // 4}", citizens, citizens // 4)]  # fmt: skip
    common = {"scale": 1, "cores": os.cpu_count()}
    env = {"CITY_SESSION_SECRET": secrets.token_hex(32)}  # one key for the app and the sign-in here
    os.environ.update(env)
    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="load-bench-") as folder:
        logs = Path(folder)
        url = f"sqlite:///{logs / 'city.db'}"
        seed.load_demo(store.connect(url), scale=1)
        sqlite_env = {**env, "CITY_DB_URL": url}
        for label, options in (("baseline", BASELINE_OPTIONS), ("one_process", ())):
            print(f"-- {label}", flush=True)
            with _single(url, sqlite_env, options, logs) as server:
                figures += _figures(label, server, rounds, {**common, "db": "sqlite"})
        print("-- replicas behind nginx", flush=True)
        figures += _replica_figures(rounds, 2 if quick else 3, env, logs, common)
    return figures
