"""Writing to the store: accepted uploads, rejected uploads, rollbacks and the audit log.

Each accepted change happens in one transaction that first takes the dataset's lock (its row in
dataset_heads), plans the change against the rows live at that moment, then writes one version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources import city_time, frames
from data_sources.adapters import dataset
from data_sources.changes import ChangePlan, Mode, plan_change
from data_sources.db import (
    DATASET_TABLES,
    ROW_ID,
    VALID_FROM,
    VALID_TO,
    audit_log,
    dataset_heads,
    dataset_versions,
    uploads,
    write_transaction,
)
from data_sources.errors import KeyExists, VersionNotFound
from data_sources.schema import Dataset

_CHUNK = 500


@dataclass(frozen=True)
class UploadedFile:
    file_name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class CommitResult:
    dataset: str
    version: int
    plan: ChangePlan
    upload_id: int | None


def _plain(value: object) -> object:
    """JSON for what `json` does not know: a numpy number stays a number (a row stays 7, not "7")."""
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def _now() -> datetime:
    return city_time.now()


def _lock_head(connection: sa.Connection, key: str) -> int:
    query = sa.select(dataset_heads.c.version).where(dataset_heads.c.dataset == key).with_for_update()
    return int(connection.scalar(query) or 0)


def lock_dataset(connection: sa.Connection, key: str) -> int:
    """Take dataset `key`'s write lock inside the caller's transaction; returns its current version.

    Writers of one dataset queue here, so what a writer reads after it is not changed under it.
    """
    return _lock_head(connection, key)


def audit(
    connection: sa.Connection, action: str, *, actor: str | None, dataset: str | None = None, **detail: Any
) -> None:
    """Append one line to the audit log, inside the caller's transaction."""
    connection.execute(
        audit_log.insert().values(
            at=_now(),
            actor=actor,
            action=action,
            dataset=dataset,
            detail=json.dumps(detail, ensure_ascii=False, default=_plain),
        )
    )


def _record_upload(
    connection: sa.Connection,
    key: str | None,
    upload: UploadedFile,
    *,
    user: str | None,
    mode: str,
    rows: int,
    status: str,
    version: int | None,
    report: dict[str, Any],
    uploaded_at: datetime | None = None,
) -> int:
    result = connection.execute(
        uploads.insert().values(
            dataset=key,
            file_name=upload.file_name[:300],
            size=len(upload.content),
            sha256=upload.sha256,
            content=upload.content,
            uploaded_by=user,
            uploaded_at=uploaded_at or _now(),
            mode=mode,
            rows=rows,
            status=status,
            version=version,
            report=json.dumps(report, ensure_ascii=False, default=_plain),
        )
    )
    return int(result.inserted_primary_key[0])


def record_rejected(
    engine: sa.Engine, key: str | None, upload: UploadedFile, report: dict[str, Any], *, user: str | None, mode: str
) -> int:
    """Keep a rejected file and its report; no dataset row is touched."""
    with write_transaction(engine) as connection:
        upload_id = _record_upload(
            connection, key, upload, user=user, mode=mode, rows=0, status="rejected", version=None, report=report
        )
        audit(connection, "upload_rejected", actor=user, dataset=key, upload_id=upload_id, file=upload.file_name)
    return upload_id


def commit(
    engine: sa.Engine,
    key: str,
    incoming: pd.DataFrame,
    *,
    mode: Mode = "append",
    user: str | None = None,
    upload: UploadedFile | None = None,
    report: dict[str, Any] | None = None,
    kind: str = "upload",
    uploaded_at: datetime | None = None,
    insert_only: bool = False,
    guard: Callable[[sa.Connection, pd.DataFrame, ChangePlan], None] | None = None,
) -> CommitResult:
    """Write `incoming` (a typed, validated frame) as one new version of dataset `key`.

    `insert_only` refuses, and writes nothing, when any incoming key already exists. `guard`
    sees the plan under the dataset's lock and may refuse it by raising (`safeguards.Guard`).
    """
    declared = dataset(key)
    incoming = frames.coerce(incoming, declared).reset_index(drop=True)
    if kind == "upload":
        from data_sources.go_live import before_real_upload

        before_real_upload(engine, user)  # the first real upload removes the demo city and its accounts
    with write_transaction(engine) as connection:
        version = _lock_head(connection, key) + 1
        plan = plan_change(connection, declared, incoming, mode)
        if guard is not None:
            guard(connection, incoming, plan)
        if insert_only and (plan.updated or plan.unchanged):
            raise KeyExists(
                f"มีเลขที่นี้ในชุดข้อมูล {key} แล้ว จึงไม่บันทึกทับ", f"That key already exists in {key}; nothing was overwritten"
            )
        _close_rows(connection, declared, plan.close_ids, version)
        _insert_rows(connection, declared, incoming.iloc[plan.insert_positions], version)
        upload_id = None
        if upload is not None:
            upload_id = _record_upload(
                connection,
                key,
                upload,
                user=user,
                mode=mode,
                rows=len(incoming),
                status="accepted",
                version=version,
                report=report or {},
                uploaded_at=uploaded_at,
            )
        _bump(connection, declared, version, kind=kind, user=user, upload_id=upload_id, plan=plan)
        audit(connection, kind, actor=user, dataset=key, version=version, upload_id=upload_id, **plan.summary())
    return CommitResult(key, version, plan, upload_id)


def _bump(
    connection: sa.Connection,
    declared: Dataset,
    version: int,
    *,
    kind: str,
    user: str | None,
    upload_id: int | None,
    plan: ChangePlan,
    note: str | None = None,
) -> None:
    table = DATASET_TABLES[declared.key]
    live = connection.scalar(sa.select(sa.func.count()).select_from(table).where(table.c[VALID_TO].is_(None)))
    connection.execute(dataset_heads.update().where(dataset_heads.c.dataset == declared.key).values(version=version))
    connection.execute(
        dataset_versions.insert().values(
            dataset=declared.key,
            version=version,
            created_at=_now(),
            kind=kind,
            upload_id=upload_id,
            created_by=user,
            rows_added=plan.added + plan.updated,
            rows_updated=plan.updated,
            rows_removed=plan.removed + plan.updated,
            row_count=int(live or 0),
            note=note,
        )
    )


def _close_rows(connection: sa.Connection, declared: Dataset, row_ids: list[int], version: int) -> None:
    table = DATASET_TABLES[declared.key]
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        connection.execute(table.update().where(table.c[ROW_ID].in_(chunk)).values({VALID_TO: version}))


def _insert_rows(
    connection: sa.Connection, declared: Dataset, rows: pd.DataFrame, version: int | Sequence[int]
) -> None:
    """Insert `rows` live from `version` (one per row when a sequence: a recorded history)."""
    if rows.empty:
        return
    dialect = connection.dialect.name
    names = ", ".join([VALID_FROM, *(c.key for c in declared.columns)])
    table_name = DATASET_TABLES[declared.key].name
    if dialect == "postgresql":
        # COPY is the bulk path PostgreSQL offers; inside the same transaction as the rest.
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table_name} ({names}) FROM STDIN") as copy:
            if isinstance(version, int):
                copy.write(frames.to_copy_text(rows, declared, leading=(str(version),)))
            else:  # COPY text escapes newlines inside values, so each line is one row
                lines = bytes(frames.to_copy_text(rows, declared)).split(b"\n")
                copy.write(b"".join(b"%d\t%s\n" % pair for pair in zip(version, lines, strict=False)))
        return
    placeholders = ", ".join("?" for _ in range(len(declared.columns) + 1))
    # sqlite3 binds from an iterator, so 100,000 row tuples never exist at once; same connection,
    # so the same transaction as the rest of the commit.
    if isinstance(version, int):
        values = frames.to_sqlite_rows(rows, declared, leading=(version,))
    else:
        values = ((v, *row) for v, row in zip(version, frames.to_sqlite_rows(rows, declared), strict=True))
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.executemany(f"INSERT INTO {table_name} ({names}) VALUES ({placeholders})", values)
    finally:
        cursor.close()


def rollback(engine: sa.Engine, key: str, version: int, *, user: str | None = None) -> CommitResult:
    """Restore dataset `key` exactly as it was before `version`, recorded as a new version."""
    declared = dataset(key)
    table = DATASET_TABLES[key]
    with write_transaction(engine) as connection:
        head = _lock_head(connection, key)
        if not 1 <= version <= head:
            raise VersionNotFound(
                f"ไม่พบรุ่นที่ {version} ของชุดข้อมูล {key} (รุ่นล่าสุดคือ {head})",
                f"Version {version} of dataset {key} does not exist (latest is {head})",
            )
        new_version = head + 1
        before = version - 1
        was_live = sa.and_(
            table.c[VALID_FROM] <= before, sa.or_(table.c[VALID_TO].is_(None), table.c[VALID_TO] > before)
        )
        target_ids = set(connection.scalars(sa.select(table.c[ROW_ID]).where(was_live)))
        live_ids = set(connection.scalars(sa.select(table.c[ROW_ID]).where(table.c[VALID_TO].is_(None))))
        to_close = sorted(live_ids - target_ids)
        to_restore = sorted(target_ids - live_ids)
        _close_rows(connection, declared, to_close, new_version)
        restored = _rows_by_id(connection, declared, to_restore)
        _insert_rows(connection, declared, restored, new_version)
        plan = ChangePlan(dataset=key, mode="replace", added=len(to_restore), removed=len(to_close))
        _bump(
            connection,
            declared,
            new_version,
            kind="rollback",
            user=user,
            upload_id=None,
            plan=plan,
            note=f"restored the state before version {version}",
        )
        audit(
            connection,
            "rollback",
            actor=user,
            dataset=key,
            version=new_version,
            undone_from=version,
            rows_restored=len(to_restore),
            rows_removed=len(to_close),
        )
    return CommitResult(key, new_version, plan, None)


def _rows_by_id(connection: sa.Connection, declared: Dataset, row_ids: list[int]) -> pd.DataFrame:
    table = DATASET_TABLES[declared.key]
    rows: list[Any] = []
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        query = sa.select(*(table.c[c.key] for c in declared.columns)).where(table.c[ROW_ID].in_(chunk))
        rows.extend(connection.execute(query).all())
    return frames.from_rows(rows, declared)


def rollback_preview(engine: sa.Engine, key: str, version: int) -> dict[str, int]:
    """How many live rows a rollback of `version` would remove and restore, for the confirmation."""
    table = DATASET_TABLES[key]
    before = version - 1
    was_live = sa.and_(table.c[VALID_FROM] <= before, sa.or_(table.c[VALID_TO].is_(None), table.c[VALID_TO] > before))
    with engine.connect() as connection:
        target = set(connection.scalars(sa.select(table.c[ROW_ID]).where(was_live)))
        live = set(connection.scalars(sa.select(table.c[ROW_ID]).where(table.c[VALID_TO].is_(None))))
    return {"remove": len(live - target), "restore": len(target - live), "rows_after": len(target)}


def append_rows(engine: sa.Engine, key: str, rows: pd.DataFrame, *, user: str | None) -> CommitResult:
    """Add new rows (e.g. a complaint filed through the chatbot) as one new version.

    Never overwrites: two entries racing for one ticket number cannot both land.
    """
    return commit(engine, key, rows, mode="append", user=user, kind="entry", insert_only=True)


def live_rows(connection: sa.Connection, key: str, keys: list[tuple[object, ...]]) -> pd.DataFrame:
    """The live rows of dataset `key` whose primary key is one of `keys` (typed, plus the row id).

    Reads through the live-key index only, so touching one ticket never reads the whole table.
    """
    declared = dataset(key)
    table = DATASET_TABLES[key]
    primary = [table.c[name] for name in declared.primary_key]
    columns = [table.c[ROW_ID], *(table.c[c.key] for c in declared.columns)]
    query = sa.select(*columns).where(table.c[VALID_TO].is_(None), sa.tuple_(*primary).in_(keys))
    rows = connection.execute(query).all() if keys else []
    frame = frames.from_rows([r[1:] for r in rows], declared)
    frame.insert(0, ROW_ID, [int(r[0]) for r in rows])
    return frame


def write_keyed(
    connection: sa.Connection, key: str, rows: pd.DataFrame, *, user: str | None, kind: str = "entry",
    note: str | None = None,
) -> int:  # fmt: skip
    """Inside the caller's write transaction: `rows` replace the live rows with the same keys (or
    are added) as one new version of `key`, audited; returns that version.

    The caller holds `db.write_transaction`, so its own bookkeeping (e.g. a complaint's timeline)
    commits or fails together with the version. The dataset's lock is taken first, as `commit` does.
    """
    declared = dataset(key)
    incoming = frames.coerce(rows, declared).reset_index(drop=True)
    version = _lock_head(connection, key) + 1
    keys = [tuple(record) for record in incoming[list(declared.primary_key)].itertuples(index=False)]
    live = live_rows(connection, key, keys)
    plan = ChangePlan(dataset=key, mode="append", added=len(incoming) - len(live), updated=len(live))
    _close_rows(connection, declared, live[ROW_ID].tolist(), version)
    _insert_rows(connection, declared, incoming, version)
    _bump(connection, declared, version, kind=kind, user=user, upload_id=None, plan=plan, note=note)
    audit(connection, kind, actor=user, dataset=key, version=version, keys=[list(k) for k in keys], note=note)
    return version


def version_history(engine: sa.Engine, key: str) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(dataset_versions)
            .where(dataset_versions.c.dataset == key)
            .order_by(dataset_versions.c.version.desc())
        )
        return pd.DataFrame(rows.mappings().all())


def upload_history(engine: sa.Engine, key: str | None = None) -> pd.DataFrame:
    """Uploads without their file bytes, newest first."""
    columns = [c for c in uploads.c if c.name != "content"]
    query = sa.select(*columns).order_by(uploads.c.uploaded_at.desc(), uploads.c.id.desc())
    if key is not None:
        query = query.where(uploads.c.dataset == key)
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).mappings().all(), columns=[c.name for c in columns])


def upload_content(engine: sa.Engine, upload_id: int) -> tuple[str, bytes]:
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(uploads.c.file_name, uploads.c.content).where(uploads.c.id == upload_id)
        ).one()
    return row.file_name, bytes(row.content)
