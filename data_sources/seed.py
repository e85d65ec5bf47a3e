"""Filling a database with the demo city (only when asked, or on the embedded default's first start)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources import backfill, city_time, store
from data_sources.adapters import DATASETS
from data_sources.bands import river_status
from data_sources.db import DEFAULT_URL, resolve_url
from data_sources.launch import record_launch
from data_sources.schema import Dataset

# Days since each division last sent its file, so the demo's freshness panel tells a story:
# most divisions are on time, health and population are overdue. The files before it follow
# data_sources/demo/history.py: late and scattered before the launch, on time since.
_LAST_UPLOAD_DAYS_AGO = {
    "complaints": 1,
    "revenue": 12,
    "budget": 15,
    "waste": 6,
    "air_quality": 0,
    "water_level": 0,
    "incidents": 2,
    "population": 400,
    "welfare": 20,
    "health": 45,
    "facilities": 90,
    "economy": 18,
}


def load_demo(engine: sa.Engine, *, seed: int = 2568, scale: float = 1.0, today: date | None = None) -> dict[str, int]:
    """Replace every dataset with the demo city; returns the rows written per dataset."""
    from data_sources.demo import generate
    from data_sources.demo.history import plan_deliveries
    from data_sources.demo.scenario import build_scenario
    from data_sources.go_live import GoLiveError, is_live

    if is_live(engine):
        raise GoLiveError(
            "ฐานข้อมูลนี้ใช้งานจริงแล้ว ข้อมูลตัวอย่างต้องอยู่ในฐานข้อมูลแยก",
            "This database is live: the demo city goes into a database of its own",
        )
    today = today or city_time.today()
    scenario = build_scenario(seed=seed, scale=scale, today=today)
    frames = generate(seed=seed, scale=scale, today=today)
    now = datetime.combine(today, city_time.now().time())
    written = {}
    for key, declared in DATASETS.items():
        frame = frames[key]
        last_upload = _last_upload(declared, frame, now)
        deliveries = plan_deliveries(
            declared, frame, launch=scenario.launch, last_upload=last_upload, rng=scenario.rng(f"history-{key}"),
            urgent=_river_high(frame) if key == "water_level" else None,
        )  # fmt: skip
        backfill.commit_history(engine, key, frame, deliveries, user="demo", kind="demo",
                              report={"dataset": key, "demo": True, "seed": seed, "scale": scale})  # fmt: skip
        written[key] = len(frame)
    record_launch(engine, scenario.launch, actor="demo")
    from data_sources.demo_accounts import ensure_demo_accounts

    ensure_demo_accounts(engine)  # one account per role, listed on the sign-in page
    return written


def _last_upload(declared: Dataset, frame: pd.DataFrame, now: datetime) -> datetime:
    """When the demo dataset's last file came: as `_LAST_UPLOAD_DAYS_AGO` tells, except that a
    dataset kept by the day or week holds no row dated after its last file (a KPI reads such a
    dataset up to that file's day), so its last file came the day of its newest row."""
    told = now - timedelta(days=_LAST_UPLOAD_DAYS_AGO.get(declared.key, 1), hours=2)
    column = declared.period_column
    if declared.cadence_days > 7 or column is None or frame[column].dropna().empty:
        return told
    newest = pd.Timestamp(frame[column].max()).to_pydatetime()
    return told if newest.date() <= told.date() else min(now, newest + timedelta(minutes=5))


def _river_high(readings: pd.DataFrame) -> np.ndarray:
    """Readings at watch level or above: the desk sends those within the hour."""
    statuses = map(river_status, readings["level_m"], readings["warning_level_m"], readings["critical_level_m"])
    return np.array([status in ("watch", "warning", "critical") for status in statuses], dtype=bool)


def is_empty(engine: sa.Engine) -> bool:
    return not any(store.versions(engine).values())


def ensure_demo(url: str | None = None) -> sa.Engine:
    """The engine for `url`; the embedded default database gets the demo city on first start."""
    resolved = resolve_url(url)
    engine = store.connect(resolved)
    if resolved == DEFAULT_URL and is_empty(engine):
        from data_sources.go_live import is_live

        if not is_live(engine):  # a city gone live never gets the demo back
            load_demo(engine)
    return engine


def demo_loaded(engine: sa.Engine) -> bool:
    """True while any dataset's current version is the demo city's."""
    from data_sources.db import dataset_heads, dataset_versions

    query = (
        sa.select(sa.func.count())
        .select_from(
            dataset_heads.join(
                dataset_versions,
                sa.and_(
                    dataset_heads.c.dataset == dataset_versions.c.dataset,
                    dataset_heads.c.version == dataset_versions.c.version,
                ),
            )
        )
        .where(dataset_versions.c.kind == "demo")
    )
    with engine.connect() as connection:
        return bool(connection.scalar(query))
