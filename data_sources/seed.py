"""Filling a database with the demo city (only when asked, or on the embedded default's first start)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from data_sources import city_time, store, writes
from data_sources.adapters import DATASETS
from data_sources.db import DEFAULT_URL, resolve_url

# Days since each division last sent its file, so the demo's freshness panel tells a story:
# most divisions are on time, health and population are overdue.
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
    from data_sources.go_live import GoLiveError, is_live

    if is_live(engine):
        raise GoLiveError(
            "ฐานข้อมูลนี้ใช้งานจริงแล้ว ข้อมูลตัวอย่างต้องอยู่ในฐานข้อมูลแยก",
            "This database is live: the demo city goes into a database of its own",
        )
    today = today or city_time.today()
    frames = generate(seed=seed, scale=scale, today=today)
    now = datetime.combine(today, city_time.now().time())
    written = {}
    for key in DATASETS:
        frame = frames[key]
        uploaded_at = now - timedelta(days=_LAST_UPLOAD_DAYS_AGO.get(key, 1), hours=2)
        upload = writes.UploadedFile(f"demo-{key}.csv", frame.to_csv(index=False).encode("utf-8-sig"))
        writes.commit(
            engine,
            key,
            frame,
            mode="replace",
            user="demo",
            upload=upload,
            report={"dataset": key, "demo": True, "seed": seed, "scale": scale},
            kind="demo",
            uploaded_at=uploaded_at,
        )
        written[key] = len(frame)
    from data_sources.demo_accounts import ensure_demo_accounts

    ensure_demo_accounts(engine)  # one account per role, listed on the sign-in page
    return written


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
