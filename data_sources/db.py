"""Database connection and schema: one SQLAlchemy Core code path for SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from data_sources.adapters import DATASETS
from data_sources.schema import Dataset

_log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'city.db'}"

metadata = sa.MetaData()

# Every dataset row carries the versions it was live for: [valid_from, valid_to).
# A rollback or an upload never deletes history, so any earlier state can be restored exactly.
ROW_ID, VALID_FROM, VALID_TO = "_row_id", "_valid_from", "_valid_to"

dataset_heads = sa.Table(
    "dataset_heads",
    metadata,
    sa.Column("dataset", sa.String(40), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False, default=0),
)

dataset_versions = sa.Table(
    "dataset_versions",
    metadata,
    sa.Column("dataset", sa.String(40), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # upload | rollback | demo
    sa.Column("upload_id", sa.Integer, nullable=True),
    sa.Column("created_by", sa.String(120), nullable=True),
    sa.Column("rows_added", sa.Integer, nullable=False, default=0),
    sa.Column("rows_updated", sa.Integer, nullable=False, default=0),
    sa.Column("rows_removed", sa.Integer, nullable=False, default=0),
    sa.Column("row_count", sa.Integer, nullable=False, default=0),
    sa.Column("note", sa.Text, nullable=True),
)

uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dataset", sa.String(40), nullable=True),
    sa.Column("file_name", sa.String(300), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("uploaded_by", sa.String(120), nullable=True),
    sa.Column("uploaded_at", sa.DateTime, nullable=False),
    sa.Column("mode", sa.String(20), nullable=False),
    sa.Column("rows", sa.Integer, nullable=False, default=0),
    sa.Column("status", sa.String(20), nullable=False),  # accepted | rejected
    sa.Column("version", sa.Integer, nullable=True),
    sa.Column("report", sa.Text, nullable=False),
    sa.Index("ix_uploads_dataset", "dataset", "uploaded_at"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("actor", sa.String(120), nullable=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("dataset", sa.String(40), nullable=True),
    sa.Column("detail", sa.Text, nullable=True),
)

# Local sign-in accounts (data_sources/accounts.py). password_hash is argon2id; NULL for an
# account that signs in only through single sign-on (matched by email).
accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("username", sa.String(120), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),  # staff | executive | admin
    sa.Column("division", sa.String(40), nullable=True),  # staff only; a key of accounts.DIVISIONS
    sa.Column("email", sa.String(320), nullable=True, unique=True),
    sa.Column("password_hash", sa.Text, nullable=True),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("failed_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_failed_at", sa.DateTime, nullable=True),
    sa.Column("last_sign_in_at", sa.DateTime, nullable=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# Signed-in browser sessions, so signing out ends one on the server and in every process: the
# cookie carries the random id, this table only its SHA-256. `claimed_at` is when the browser
# swapped its one-use ticket for the cookie (a ticket works once, whichever process sees it).
sign_in_sessions = sa.Table(
    "sign_in_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(120), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Column("claimed_at", sa.DateTime, nullable=True),
    sa.Column("ended_at", sa.DateTime, nullable=True),
)

# One row per setting of this city database; "mode" is "demo" or "live" (data_sources/go_live.py).
city_settings = sa.Table(
    "city_settings",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# Accounts that belong to the demo city and leave with it: the seeded ones, with the password
# generated at seeding (shown on the sign-in page while the city is a demo), and any made in the
# app while it was one (password NULL here). Real passwords are never stored here.
demo_logins = sa.Table(
    "demo_logins",
    metadata,
    sa.Column("username", sa.String(120), primary_key=True),
    sa.Column("password", sa.Text, nullable=True),
)

# ---- channels (channels/): LINE conversations and deliveries; Open311 keys and tokens.
# A chat conversation's engine state kept server-side, so it survives restarts and any process
# can answer the next message. `conversation` is "<channel>:<user id>" (internal, never logged).
chat_conversations = sa.Table(
    "chat_conversations",
    metadata,
    sa.Column("conversation", sa.String(120), primary_key=True),
    sa.Column("state", sa.Text, nullable=True),
    sa.Column("lang", sa.String(2), nullable=False, default="th"),  # kept after the state is cleared
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

# One row per LINE webhook event handled: a redelivered event (same webhookEventId) is skipped.
line_deliveries = sa.Table(
    "line_deliveries",
    metadata,
    sa.Column("webhook_event_id", sa.String(64), primary_key=True),
    sa.Column("received_at", sa.DateTime, nullable=False),
)

# Open311 API keys: only a SHA-256 of the key is kept (keys are 32 random bytes, so a slow hash
# adds nothing); `prefix` lets an admin tell keys apart without the secret.
api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("prefix", sa.String(12), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_by", sa.String(120), nullable=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("revoked_at", sa.DateTime, nullable=True),
    sa.Column("last_used_at", sa.DateTime, nullable=True),
)

# A division's headers remembered (data_sources.header_memory): the columns a clerk chose for a
# file's headers, used again for that division's next file with the same headers.
header_mappings = sa.Table(
    "header_mappings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dataset", sa.String(40), nullable=False),
    sa.Column("division", sa.String(40), nullable=False),  # the uploader's division; "" for none (admins)
    sa.Column("signature", sa.String(64), nullable=False),  # sha256 of the file's normalised headers
    sa.Column("headers", sa.Text, nullable=False),  # JSON: the file's headers as written
    sa.Column("mapping", sa.Text, nullable=False),  # JSON: dataset column key -> header as written
    sa.Column("confirmed_by", sa.String(120), nullable=True),
    sa.Column("confirmed_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("dataset", "division", "signature", name="ux_header_mappings_headers"),
)

# Open311 tokens: what a client can poll (GET tokens/{token}) for the id of a request it posted.
open311_tokens = sa.Table(
    "open311_tokens",
    metadata,
    sa.Column("token", sa.String(40), primary_key=True),
    sa.Column("ticket_id", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)


def _dataset_table(dataset: Dataset) -> sa.Table:
    live = sa.column(VALID_TO).is_(None)
    return sa.Table(
        f"ds_{dataset.key}",
        metadata,
        sa.Column(ROW_ID, sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column(VALID_FROM, sa.Integer, nullable=False),
        sa.Column(VALID_TO, sa.Integer, nullable=True),
        *(sa.Column(c.key, c.kind.sql_type(), nullable=True) for c in dataset.columns),
        # Two live rows with one key would be corruption; the database refuses it outright.
        sa.Index(
            f"ux_{dataset.key}_live_key",
            *dataset.primary_key,
            unique=True,
            sqlite_where=live,
            postgresql_where=live,
        ),
        sa.Index(f"ix_{dataset.key}_valid", VALID_TO, VALID_FROM),
    )


DATASET_TABLES: dict[str, sa.Table] = {key: _dataset_table(d) for key, d in DATASETS.items()}


def resolve_url(url: str | None = None) -> str:
    """The database URL: the argument, env CITY_DB_URL, secrets.toml, else the embedded default."""
    if url:
        return url
    if os.environ.get("CITY_DB_URL"):
        return os.environ["CITY_DB_URL"]
    secrets = ROOT / ".streamlit" / "secrets.toml"
    if secrets.exists():
        configured = tomllib.loads(secrets.read_text(encoding="utf-8")).get("connections", {}).get("city", {})
        if configured.get("url"):
            return str(configured["url"])
    return DEFAULT_URL


_WRITE_OPTION = "city_write"
# How long a SQLite writer waits for another's write lock before giving up (CITY_SQLITE_BUSY_SECONDS).
DEFAULT_BUSY_SECONDS = 30
# A write lock held past that wait, or a database server that does not answer: the pages report it
# as "busy, try again" (nothing was written: the transaction rolled back) and the next try, once the
# database answers, simply works. Anything else is a bug and is left to surface.
DATABASE_FAULTS: tuple[type[Exception], ...] = (sa.exc.OperationalError, sa.exc.InterfaceError)


def busy_timeout_ms() -> int:
    return int(float(os.environ.get("CITY_SQLITE_BUSY_SECONDS") or DEFAULT_BUSY_SECONDS) * 1000)


@contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that will write: on SQLite it holds the write lock from its first statement,
    so two writers queue (busy_timeout) instead of one failing when it upgrades a read lock."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE_OPTION: True})
        with connection.begin():
            yield connection


def _configure_sqlite(engine: sa.Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and cannot take the write lock up front;
    # BEGIN IMMEDIATE serialises concurrent ingests instead of failing one at commit time.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # Readers take no lock (WAL lets them run beside a writer); writers take it up front.
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@cache
def _engine_for(url: str) -> sa.Engine:
    engine = sa.create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        _configure_sqlite(engine)
    create_schema(engine)
    return engine


def connect(url: str | None = None) -> sa.Engine:
    """An engine for the city database, its schema created if missing (no demo data)."""
    return _engine_for(resolve_url(url))


def create_schema(engine: sa.Engine) -> None:
    import data_sources.tickets.tables  # noqa: F401  (the complaint lifecycle's tables join `metadata`)

    metadata.create_all(engine)
    if engine.dialect.name == "postgresql":
        _keep_originals_uncompressed(engine)
    with write_transaction(engine) as connection:
        known = set(connection.scalars(sa.select(dataset_heads.c.dataset)))
        missing = [{"dataset": key, "version": 0} for key in DATASETS if key not in known]
        if missing:
            connection.execute(dataset_heads.insert(), missing)


def _keep_originals_uncompressed(engine: sa.Engine) -> None:
    """Store uploads' original bytes without PostgreSQL's compression (STORAGE EXTERNAL).

    They are mostly .xlsx files, zips already: pglz found nothing to save in them and cost about
    a tenth of a second per 8 MB file inside the commit. A CSV upload is kept uncompressed too.
    Checked on every start, so an existing database changes once; the bytes stay the same. A role
    that may not alter the table (not its owner) keeps the old storage: slower, never refused.
    """
    storage = sa.text(
        "SELECT attstorage FROM pg_attribute WHERE attrelid = 'uploads'::regclass AND attname = 'content'"
    )
    try:
        with engine.begin() as connection:
            if connection.scalar(storage) != "e":
                connection.execute(sa.text("ALTER TABLE uploads ALTER COLUMN content SET STORAGE EXTERNAL"))
    except sa.exc.DBAPIError as error:
        _log.warning("uploads.content keeps PostgreSQL's compression (could not alter it: %s)", error.orig)
