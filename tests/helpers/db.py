"""Database URL fixtures: every store test runs once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from helpers.environment import missing_requirement

POSTGRES_URL_VARIABLE = "TEST_POSTGRES_URL"
ENGINES = ("sqlite", "postgresql")


@contextmanager
def fresh_postgres_database(server_url: str) -> Iterator[str]:
    """Create a uniquely named, empty database beside `server_url`'s and drop it afterwards.

    A whole database per test (about 0.14 s on the CI cluster) rather than a schema on the
    search_path: nothing the store does (its own search_path, extensions, types, `public.`
    names) can leak between tests. The user in `server_url` needs the CREATEDB right.
    """
    base_url = sa.make_url(server_url)
    database_name = f"city_test_{uuid.uuid4().hex[:12]}"
    admin_engine = sa.create_engine(base_url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    try:
        with admin_engine.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{database_name}"'))
        yield base_url.set(database=database_name).render_as_string(hide_password=False)
    finally:
        # FORCE (PostgreSQL 13+) closes connections a test's engine still holds in its pool.
        with admin_engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)'))
        admin_engine.dispose()


def sqlite_url(directory: Path) -> str:
    """A URL for a new SQLite file in `directory` (absolute path, so four slashes)."""
    return f"sqlite:///{directory / 'city.db'}"


@pytest.fixture(params=[ENGINES[0], pytest.param(ENGINES[1], marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of its own, once per engine: sqlite, then postgresql.

    The PostgreSQL lane needs TEST_POSTGRES_URL (`.ci/run` starts a throwaway server and sets it);
    without it the test skips on a laptop and fails in CI.
    """
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    server_url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not server_url:
        missing_requirement(f"{POSTGRES_URL_VARIABLE} is not set, so the PostgreSQL lane cannot run")
    with fresh_postgres_database(server_url) as database_url:
        yield database_url
