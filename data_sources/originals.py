"""Who may download an upload's original file, and the audited download itself.

An original file is the division's spreadsheet exactly as sent: for a dataset with personal
columns (complaints: names, phones, ID numbers) it holds what the store never shows. Such files go
only to admins and the staff of the division that owns the dataset; other originals go to anyone
who may see that dataset's history. Every download is written to the audit log.
"""

from __future__ import annotations

import sqlalchemy as sa

from data_sources.accounts import Account
from data_sources.adapters import DATASETS
from data_sources.db import uploads, write_transaction
from data_sources.divisions import datasets_of
from data_sources.errors import DataSourceError
from data_sources.writes import audit


class OriginalRefused(DataSourceError):
    code = "original-refused"


def holds_personal_data(key: str | None) -> bool:
    """True for a dataset with personal columns, and for a file no dataset was recognised in."""
    declared = DATASETS.get(key or "")
    return declared is None or bool(declared.personal_columns)


def may_download(account: Account | None, key: str | None) -> bool:
    """Admins always; staff of the owning division; executives only for files without personal data."""
    if account is None or not account.active:
        return False
    if account.role == "admin":
        return True
    own = account.role == "staff" and account.division is not None and key in datasets_of(account.division)
    if holds_personal_data(key):
        return own  # a dataset with personal columns is never one every division shares
    return own or account.role == "executive"


def download(engine: sa.Engine, account: Account | None, upload_id: int, *, client: str = "") -> tuple[str, bytes]:
    """The original file (name, bytes) if `account` may have it; the download is audited either way."""
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(uploads.c.dataset, uploads.c.file_name, uploads.c.content).where(uploads.c.id == upload_id)
        ).first()
    allowed = row is not None and may_download(account, row.dataset)
    with write_transaction(engine) as connection:
        audit(connection, "original_downloaded" if allowed else "original_refused",
              actor=account.username if account else None, dataset=row.dataset if row else None,
              upload_id=upload_id, client=client)  # fmt: skip
    if not allowed or row is None:
        raise OriginalRefused("ไม่มีสิทธิ์ดาวน์โหลดไฟล์ต้นฉบับนี้", "You may not download this original file")
    return row.file_name, bytes(row.content)
