"""An upload's original file is kept byte for byte, however the database stores it."""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_sources import store
from data_sources.db import create_schema
from data_sources.ingest import ingest
from helpers.db import POSTGRES_URL_VARIABLE, fresh_postgres_database
from helpers.environment import missing_requirement
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


@pytest.mark.postgres
def test_a_role_that_does_not_own_the_tables_still_starts_and_keeps_originals(tmp_path: Path) -> None:
    """The app may run as a role with rights on the tables but not their owner: it cannot change how
    originals are stored, and starts and keeps them all the same."""
    server_url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not server_url:
        missing_requirement(f"{POSTGRES_URL_VARIABLE} is not set, so the role cannot be staged")
    role = f"city_app_{uuid.uuid4().hex[:8]}"
    with fresh_postgres_database(server_url) as url:
        owner = store.connect(url)
        _stored_like_an_older_database(owner)
        with owner.begin() as connection:
            connection.execute(sa.text(f'CREATE ROLE "{role}" LOGIN'))
            connection.execute(sa.text(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"'))
            connection.execute(sa.text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
        try:
            app = sa.create_engine(sa.make_url(url).set(username=role, password=None), poolclass=sa.NullPool)
            create_schema(app)  # a start of the app as that role
            path = make_workbook(tmp_path / "w.xlsx", ROWS)
            result = ingest(app, path.read_bytes(), path.name, "waste", today=TODAY)
            assert result.accepted
            assert store.upload_content(app, int(result.upload_id)) == (path.name, path.read_bytes())
            app.dispose()
        finally:
            with owner.begin() as connection:
                connection.execute(sa.text(f'DROP OWNED BY "{role}"'))
                connection.execute(sa.text(f'DROP ROLE "{role}"'))
            owner.dispose()
