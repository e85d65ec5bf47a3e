"""A division's headers remembered: the columns a clerk chose once are used for its next file.

A mapping is kept per (dataset, division, headers): the next file with the same headers, from the
same division, is read with it and needs no question. Saving, changing and removing one is
audited; an admin may change or remove any (the catalogue page).
"""

from __future__ import annotations

import json
import logging

import sqlalchemy as sa

from data_sources import city_time
from data_sources.column_choices import Remembered, ignored_index, signature
from data_sources.db import DATABASE_FAULTS, header_mappings, write_transaction
from data_sources.report import ValidationReport
from data_sources.writes import audit

_log = logging.getLogger(__name__)
ANY_DIVISION = ""  # the key for uploaders without a division (admins)


def _row(row: sa.RowMapping) -> Remembered:
    return Remembered(
        id=row["id"],
        dataset=row["dataset"],
        division=row["division"],
        signature=row["signature"],
        headers=tuple(json.loads(row["headers"])),
        mapping=json.loads(row["mapping"]),
        confirmed_by=row["confirmed_by"],
        confirmed_at=row["confirmed_at"],
    )


def division_of(engine: sa.Engine, user: str | None) -> str:
    """The division whose memory an uploader uses: their own, or none (admins, the CLI without --user)."""
    from data_sources.accounts import get_account

    account = get_account(engine, user) if user else None
    return (account.division if account is not None else None) or ANY_DIVISION


def keep_hand_choices(
    engine: sa.Engine, dataset: str, division: str, headers: list[str], report: ValidationReport, *, user: str | None
) -> None:
    """After an accepted upload: remember the columns chosen by hand (with those from memory)."""
    mapped_by = report.stats.get("mapped_by") or {}
    if "hand" not in mapped_by.values():
        return
    chosen: dict[str, str] = {}
    for key in mapped_by:
        index = ignored_index(key)
        header = report.mapping.get(key) if index is None else headers[index] if index < len(headers) else None
        if header is not None:
            chosen[key] = header
    try:
        remember(engine, dataset, division, headers, chosen, user=user)
    except DATABASE_FAULTS:  # the upload is saved; only the convenience is lost, and the next file asks
        _log.warning("could not remember the header choices of an accepted %s upload", dataset, exc_info=True)


def recall(engine: sa.Engine, *, division: str | None, dataset: str | None = None) -> list[Remembered]:
    """The mappings a division has confirmed (of one dataset, or all), newest first."""
    query = sa.select(header_mappings).where(header_mappings.c.division == (division or ANY_DIVISION))
    if dataset is not None:
        query = query.where(header_mappings.c.dataset == dataset)
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(header_mappings.c.id.desc())).mappings().all()
    return [_row(r) for r in rows]


def every(engine: sa.Engine, dataset: str | None = None) -> list[Remembered]:
    """Every remembered mapping (of one dataset, or all), for the catalogue."""
    query = sa.select(header_mappings).order_by(header_mappings.c.dataset, header_mappings.c.id)
    if dataset is not None:
        query = query.where(header_mappings.c.dataset == dataset)
    with engine.connect() as connection:
        return [_row(r) for r in connection.execute(query).mappings().all()]


def remember(
    engine: sa.Engine,
    dataset: str,
    division: str | None,
    headers: list[str],
    mapping: dict[str, str],
    *,
    user: str | None,
) -> int:
    """Keep `mapping` (column key -> header) for this division's files with these headers; audited."""
    division = division or ANY_DIVISION
    sign = signature(headers)
    now = city_time.now()
    values = {
        "headers": json.dumps(list(headers), ensure_ascii=False),
        "mapping": json.dumps(mapping, ensure_ascii=False),
    }
    key = (header_mappings.c.dataset == dataset) & (header_mappings.c.division == division)
    with write_transaction(engine) as connection:
        found = connection.execute(
            sa.select(header_mappings.c.id, header_mappings.c.mapping).where(
                key & (header_mappings.c.signature == sign)
            )
        ).first()
        if found is not None and json.loads(found.mapping) == mapping:
            return int(found.id)
        stamp = {**values, "confirmed_by": user, "confirmed_at": now}
        if found is None:
            row_id = connection.execute(
                header_mappings.insert().values(dataset=dataset, division=division, signature=sign, **stamp)
            ).inserted_primary_key[0]
        else:
            row_id = found.id
            connection.execute(header_mappings.update().where(header_mappings.c.id == row_id).values(**stamp))
        action = "header_mapping_saved" if found is None else "header_mapping_changed"
        audit(connection, action, actor=user, dataset=dataset, division=division, mapping=mapping, id=int(row_id))
    return int(row_id)


def change(engine: sa.Engine, mapping_id: int, mapping: dict[str, str], *, user: str | None) -> None:
    """An admin's correction of a remembered mapping; audited."""
    with write_transaction(engine) as connection:
        row = (
            connection.execute(sa.select(header_mappings).where(header_mappings.c.id == mapping_id)).mappings().first()
        )
        if row is None:
            return
        connection.execute(
            header_mappings.update()
            .where(header_mappings.c.id == mapping_id)
            .values(mapping=json.dumps(mapping, ensure_ascii=False), confirmed_by=user, confirmed_at=city_time.now())
        )
        audit(
            connection,
            "header_mapping_changed",
            actor=user,
            dataset=row["dataset"],
            division=row["division"],
            mapping=mapping,
            id=mapping_id,
        )


def forget(engine: sa.Engine, mapping_id: int, *, user: str | None) -> None:
    """Remove a remembered mapping (the division's next file is asked again); audited."""
    with write_transaction(engine) as connection:
        row = (
            connection.execute(sa.select(header_mappings).where(header_mappings.c.id == mapping_id)).mappings().first()
        )
        if row is None:
            return
        connection.execute(header_mappings.delete().where(header_mappings.c.id == mapping_id))
        audit(
            connection,
            "header_mapping_removed",
            actor=user,
            dataset=row["dataset"],
            division=row["division"],
            id=mapping_id,
        )
