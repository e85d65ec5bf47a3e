"""An upload's original file is kept byte for byte, however the database stores it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from data_sources import store
from data_sources.db import create_schema
from data_sources.ingest import ingest
from helpers.workbooks import make_csv, make_workbook

TODAY = date(2026, 11, 23)
ROWS = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)"], ["1/11/2569", "เสรี", 2], ["2/11/2569", "เสรี", 2.5]]


def _stored_like_an_older_database(engine: sa.Engine) -> None:
    """PostgreSQL: the originals column as a database made before this store kept it uncompressed."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(sa.text("ALTER TABLE uploads ALTER COLUMN content SET STORAGE EXTENDED"))


def test_originals_come_back_byte_for_byte_after_the_store_restarts_on_an_older_database(
    db_url: str, tmp_path: Path
) -> None:
    engine = store.connect(db_url)
    _stored_like_an_older_database(engine)
    before = ingest(engine, make_csv(tmp_path / "before.csv", ROWS).read_bytes(), "before.csv", "waste", today=TODAY)
    create_schema(engine)  # what the next start of the app does
    files = [tmp_path / "before.csv", make_workbook(tmp_path / "after.xlsx", ROWS)]
    after = ingest(engine, files[1].read_bytes(), "after.xlsx", "waste", today=TODAY)
    assert before.accepted and after.accepted
    for upload_id, path in zip((before.upload_id, after.upload_id), files, strict=True):
        assert store.upload_content(engine, int(upload_id)) == (path.name, path.read_bytes())
