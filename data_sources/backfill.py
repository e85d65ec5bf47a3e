"""Writing a dataset's recorded past: the files that brought its rows, each an accepted upload and
a version dated when it arrived (the demo city's history before and since the launch).

One transaction per dataset, written in bulk: hundreds of small files (a river station's daily
export) cost one insert of the rows, not hundreds of commits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_sources import frames
from data_sources.adapters import dataset
from data_sources.db import (
    DATASET_TABLES,
    ROW_ID,
    VALID_TO,
    audit_log,
    dataset_heads,
    dataset_versions,
    uploads,
    write_transaction,
)
from data_sources.writes import UploadedFile, _close_rows, _insert_rows, _lock_head


@dataclass(frozen=True)
class Delivery:
    """One file of a dataset's history: when it was accepted and which rows of the frame (positions)
    it held."""

    uploaded_at: datetime
    positions: np.ndarray
    file_name: str


def first_deliveries(rows: int, deliveries: list[Delivery]) -> np.ndarray:
    """For each row, the index of the first delivery holding it.

    >>> first_deliveries(3, [Delivery(datetime(2024, 1, 5), np.array([1]), "a"),
    ...                      Delivery(datetime(2024, 2, 5), np.array([0, 1, 2]), "b")]).tolist()
    [1, 0, 1]
    """
    first = np.full(rows, -1, dtype=np.int64)
    for index, delivery in enumerate(deliveries):
        fresh = delivery.positions[first[delivery.positions] < 0]
        first[fresh] = index
    if (first < 0).any():
        raise ValueError(f"{int((first < 0).sum())} rows are in no delivery")
    return first


def _csv_files(frame: pd.DataFrame, deliveries: list[Delivery]) -> list[bytes]:
    """Each delivery's rows as the CSV file a division would have sent (header on every file)."""
    text = frame.to_csv(index=False, lineterminator="\n")
    lines = text.split("\n")[:-1]
    if len(lines) != len(frame) + 1:  # a value holding a line break: write each file on its own
        return [frame.iloc[d.positions].to_csv(index=False).encode("utf-8-sig") for d in deliveries]
    header, body = lines[0], np.array(lines[1:], dtype=object)
    return [("\ufeff" + "\n".join([header, *body[d.positions]]) + "\n").encode("utf-8") for d in deliveries]


def commit_history(
    engine: sa.Engine, key: str, frame: pd.DataFrame, deliveries: list[Delivery], *, user: str, kind: str,
    report: dict[str, Any],
) -> int:  # fmt: skip
    """Replace dataset `key` with `frame` as the versions its deliveries made, oldest first; returns
    the last version. Each delivery is an accepted upload (its own file) and a version, dated
    `uploaded_at` in the upload log, the versions and the audit log; a row lives from the version of
    the first delivery holding it. Together the deliveries must hold every row."""
    declared = dataset(key)
    frame = frames.coerce(frame, declared).reset_index(drop=True)
    first = first_deliveries(len(frame), deliveries)
    added = np.bincount(first, minlength=len(deliveries))
    files = _csv_files(frame, deliveries)
    detail = json.dumps(report, ensure_ascii=False, default=str)
    with write_transaction(engine) as connection:
        head = _lock_head(connection, key)
        table = DATASET_TABLES[key]
        closed = list(connection.scalars(sa.select(table.c[ROW_ID]).where(table.c[VALID_TO].is_(None))))
        _close_rows(connection, declared, closed, head + 1)
        _insert_rows(connection, declared, frame, (first + head + 1).tolist())
        versions = [head + 1 + index for index in range(len(deliveries))]
        upload_rows = [
            _upload_row(key, UploadedFile(d.file_name, content), user, d.uploaded_at, len(d.positions), version, detail)
            for d, content, version in zip(deliveries, files, versions, strict=True)
        ]
        upload_ids = (
            connection.execute(uploads.insert().returning(uploads.c.id, sort_by_parameter_order=True), upload_rows)
            .scalars()
            .all()
        )
        live = np.cumsum(added)
        connection.execute(dataset_versions.insert(), [
            {"dataset": key, "version": version, "created_at": d.uploaded_at, "kind": kind, "upload_id": upload_id,
             "created_by": user, "rows_added": int(count), "rows_updated": 0,
             "rows_removed": len(closed) if index == 0 else 0, "row_count": int(total), "note": None}
            for index, (d, version, upload_id, count, total) in enumerate(zip(deliveries, versions, upload_ids, added, live, strict=True))
        ])  # fmt: skip
        connection.execute(audit_log.insert(), [
            {"at": d.uploaded_at, "actor": user, "action": kind, "dataset": key,
             "detail": json.dumps({"version": version, "upload_id": upload_id, "added": int(count)})}
            for d, version, upload_id, count in zip(deliveries, versions, upload_ids, added, strict=True)
        ])  # fmt: skip
        connection.execute(dataset_heads.update().where(dataset_heads.c.dataset == key).values(version=versions[-1]))
    return versions[-1]


def _upload_row(
    key: str, upload: UploadedFile, user: str, at: datetime, rows: int, version: int, report: str
) -> dict[str, Any]:
    return {
        "dataset": key, "file_name": upload.file_name, "size": len(upload.content), "sha256": upload.sha256,
        "content": upload.content, "uploaded_by": user, "uploaded_at": at, "mode": "append", "rows": rows,
        "status": "accepted", "version": version, "report": report,
    }  # fmt: skip
