"""Executive pages through AppTest on the demo city at `--scale 10` (1 with --quick): the Mayor
Dashboard's first run in a fresh process (cold: nothing cached) and its reruns (warm), plus a
pillar page and the map switched to afterwards. Goal (issue #4): warm rerun under 0.5 s.

Each measurement runs in its own Python process, so "cold" really starts from empty caches; the
app reads the city through CITY_DB_URL, as in production.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from data_sources import seed, store

REPO = Path(__file__).resolve().parents[1]
WARM_GOAL_S = 0.5
WARM_REPEATS = 5

_SESSION = """
import json, statistics, sys, time
from streamlit.testing.v1 import AppTest
repeats = int(sys.argv[1])
figures = {}
at = AppTest.from_file("app.py", default_timeout=900)
at.session_state["role"] = "executive"
started = time.perf_counter(); at.run(); figures["app_start"] = time.perf_counter() - started
for name, page in (("mayor", "pages/mayor_dashboard.py"), ("governance", "pages/pillar_governance.py"),
                   ("map", "pages/city_map.py")):
    started = time.perf_counter(); at.switch_page(page).run(); figures[f"{name}_cold"] = time.perf_counter() - started
    assert not at.exception, at.exception
    warm = []
    for _ in range(repeats):
        started = time.perf_counter(); at.run(); warm.append(time.perf_counter() - started)
    figures[f"{name}_warm"] = statistics.median(warm)
print(json.dumps(figures))
"""


def _demo_city(folder: Path, scale: float) -> tuple[str, float]:
    url = f"sqlite:///{folder / 'city.db'}"
    started = time.perf_counter()
    seed.load_demo(store.connect(url), scale=scale)
    return url, time.perf_counter() - started


def _measure(url: str) -> tuple[dict[str, float], float]:
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-c", _SESSION, str(WARM_REPEATS)], cwd=REPO, capture_output=True, text=True, check=True,
        timeout=3600, env={**os.environ, "CITY_DB_URL": url},
    )  # fmt: skip
    return json.loads(finished.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def run(*, quick: bool = False) -> list[dict[str, Any]]:
    scale = 1 if quick else 10
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as folder:
        url, seeded = _demo_city(Path(folder), scale)
        measured, wall = _measure(url)
    common = {"scale": scale}
    # app_first_run is app.py's default page (the Citizen Dashboard), which reads the city first.
    figures = [{"name": "dashboard.demo_city_seeded", "seconds": round(seeded, 2), **common},
               {"name": "dashboard.apptest_process_total", "seconds": round(wall, 2), **common},
               {"name": "dashboard.app_first_run", "seconds": round(measured["app_start"], 3), **common}]  # fmt: skip
    for page in ("mayor", "governance", "map"):
        figures.append({"name": f"dashboard.{page}.cold", "seconds": round(measured[f"{page}_cold"], 3), **common})
        figures.append({"name": f"dashboard.{page}.warm_rerun", "seconds": round(measured[f"{page}_warm"], 3),
                        "goal_s": WARM_GOAL_S, "repeats": WARM_REPEATS, **common})  # fmt: skip
    return figures
