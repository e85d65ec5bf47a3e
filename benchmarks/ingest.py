"""Ingest speed: our end-to-end ingest against the raw calamine read and the naive pandas path.

End to end = guard + parse (child process) + normalise + validate + commit, on a fresh database.
Raw = python-calamine reading the same sheet into Python lists, nothing else.
Naive = pd.read_excel(engine="openpyxl") + DataFrame.to_sql, what a script would do.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
import uuid
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from python_calamine import CalamineWorkbook

from benchmarks.workbooks import complaints_workbook
from data_sources import store
from data_sources.ingest import ingest, prepare
from data_sources.readers import Limits, run_isolated

GOAL_VS_RAW = 2.0  # end to end within 2x the raw calamine read
GOAL_VS_NAIVE = 4.0  # and at least 4x faster than the naive pandas path


def _peak_mb(function: Any, *args: Any) -> float:
    """Peak resident memory (MB) of one run of `function`, alone in a fresh child process.

    ru_maxrss only ever grows, so figures taken in this process would mix the stages up.
    """
    return run_isolated(_peak_of, function, *args, limits=Limits(memory_mb=16_384, timeout_s=900.0))


def _peak_of(function: Any, *args: Any) -> float:
    function(*args)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _our_parse(content: bytes) -> None:
    prepare(content, "complaints.xlsx", "complaints")


def _naive_into_sqlite(content: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="city-bench-") as folder:
        _naive(content, fresh_sqlite(Path(folder)))


def _timed(function: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def _raw_calamine(content: bytes) -> int:
    sheet = CalamineWorkbook.from_filelike(BytesIO(content)).get_sheet_by_index(0)
    return len(sheet.to_python())


def _naive(content: bytes, url: str) -> int:
    frame = pd.read_excel(BytesIO(content), engine="openpyxl", header=1)
    engine = sa.create_engine(url)
    frame.to_sql("naive_complaints", engine, if_exists="replace", index=False)
    engine.dispose()
    return len(frame)


def fresh_sqlite(folder: Path) -> str:
    return f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.db'}"


def fresh_postgres(server_url: str) -> str:
    base = sa.make_url(server_url)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def run(*, rows: int, repeats: int) -> list[dict[str, Any]]:
    """One figure per (stage, database): best of `repeats` runs, in seconds."""
    content = complaints_workbook(rows).read_bytes()
    folder = Path(tempfile.mkdtemp(prefix="city-bench-"))
    targets = {"sqlite": lambda: fresh_sqlite(folder)}
    if os.environ.get("TEST_POSTGRES_URL"):
        targets["postgresql"] = lambda: fresh_postgres(os.environ["TEST_POSTGRES_URL"])
    # Warm the parser's worker process once, as a running server has it warm.
    ingest(store.connect(fresh_sqlite(folder)), content[:0] or b"a,b\n1,2\n", "warm.csv", "auto")
    raw = min(_timed(_raw_calamine, content)[0] for _ in range(repeats))
    figures = [
        {
            "name": "ingest.raw_calamine_read",
            "rows": rows,
            "seconds": round(raw, 3),
            "peak_rss_mb": _peak_mb(_raw_calamine, content),
        }
    ]
    parse_peak = _peak_mb(_our_parse, content)
    naive_peak = _peak_mb(_naive_into_sqlite, content)
    for database, fresh in targets.items():
        ours = []
        for _ in range(repeats):
            engine = store.connect(fresh())
            seconds, result = _timed(lambda e=engine: ingest(e, content, "complaints.xlsx", "complaints"))
            assert result.accepted, result.prepared.report.lines()[:5]
            ours.append(seconds)
        naive = min(_timed(_naive, content, fresh())[0] for _ in range(max(1, repeats - 1)))
        best = min(ours)
        figures.append(
            {
                "name": f"ingest.end_to_end.{database}",
                "rows": rows,
                "seconds": round(best, 3),
                "vs_raw_calamine": round(best / raw, 2),
                "goal": f"<= {GOAL_VS_RAW:g}x raw",
                "peak_rss_mb_parse_child": parse_peak,
                "peak_rss_mb_server": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
        figures.append(
            {
                "name": f"ingest.naive_openpyxl_to_sql.{database}",
                "rows": rows,
                "seconds": round(naive, 3),
                "naive_over_ours": round(naive / best, 2),
                "goal": f">= {GOAL_VS_NAIVE:g}x",
                "peak_rss_mb": naive_peak,
            }
        )
    return figures
