"""No silent loss: the rules that hold an upload until someone says, explicitly, that the loss is meant.

An upload is held when its change plan would
- remove rows outside what the file's own rows cover (a period the file has no row for, as the
  whole dataset replaced by a file of one month would); a daily file replaces only its own span
  of each month (changes.in_covered_span), so a weekly file never wipes the rest of its month;
- remove more rows of a period than the file puts back into it (the template's example row left
  above November's rows, dated October, would replace October's 775 rows with 1);
- leave two reports of one period side by side (a weekly and a monthly report of the same month
  and community, which every total would add together).

The page shows the held periods and asks for a second, explicit confirmation; the CLI refuses
without `--allow-removals` (losses) or `--allow-overlap` (overlaps). The check runs again inside
the write transaction, under the dataset's lock, on the rows live at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_sources import frames, scope
from data_sources.adapters import dataset
from data_sources.changes import ChangePlan, Mode, month_keys, plan_change
from data_sources.db import DATASET_TABLES, ROW_ID, VALID_TO, dataset_versions, uploads
from data_sources.errors import DataSourceError
from data_sources.labels import month_text, value_text
from data_sources.schema import Dataset
from data_sources.thai_calendar import date_label
from data_sources.writes import UploadedFile

WHOLE = "—"  # the period of a dataset without a period column


@dataclass(frozen=True)
class PeriodLoss:
    """A period the upload would shrink: `removed` live rows go, the file puts back `put_back`;
    `outside` of the removed rows lie outside the dates the file's rows cover."""

    period: str  # "2026-10" (a month), a year, or WHOLE
    removed: int
    put_back: int
    outside: int
    dates: tuple[datetime, datetime] | None = None  # the first and last date of the removed rows

    def text(self, lang: str) -> str:
        when = (
            month_text(self.period, lang) if self.period != WHOLE else ("ทั้งชุดข้อมูล" if lang == "th" else "whole dataset")
        )
        days = ""
        if self.dates is not None:  # which days go, so the clerk can check them against the file
            first, last = self.dates
            if first.date() == last.date():
                days = f" ({date_label(first, lang)})"
            elif (first.year, first.month) == (last.year, last.month):
                days = f" ({first.day}–{date_label(last, lang)})"
            else:
                days = f" ({date_label(first, lang)} – {date_label(last, lang)})"
        if lang == "th":
            return f"{when}: ลบ {self.removed:,} แถว{days} ใส่กลับ {self.put_back:,} แถว"
        return f"{when}: {self.removed:,} rows removed{days}, {self.put_back:,} put back"


@dataclass(frozen=True)
class Overlap:
    """Reports of different lengths (a week and a month) for one period and place, after the upload."""

    period: str  # "2026-11"
    lengths: tuple[str, ...]  # option keys of the period-length column, e.g. ("month", "week")
    groups: int  # how many places (e.g. communities) would have both
    example: str  # one of them, as people read it

    def text(self, declared: Dataset, lang: str) -> str:
        column = declared.column(declared.period_length_column)  # type: ignore[arg-type]
        kinds = " + ".join(value_text(column, k, lang) for k in self.lengths)
        when = month_text(self.period, lang)
        if lang == "th":
            return f"{when}: มีรายงาน {kinds} ของช่วงเดียวกัน {self.groups:,} แห่ง (เช่น {self.example}) ซึ่งจะถูกนับซ้ำ"
        return f"{when}: {kinds} reports of the same period for {self.groups:,} places (e.g. {self.example}), counted twice"


@dataclass(frozen=True)
class Held:
    """What the upload would lose or double; empty when nothing needs a second confirmation."""

    losses: tuple[PeriodLoss, ...] = ()
    overlaps: tuple[Overlap, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.losses or self.overlaps)

    def blocking(self, *, allow_removals: bool, allow_overlap: bool) -> Held:
        return Held(() if allow_removals else self.losses, () if allow_overlap else self.overlaps)

    def lines(self, declared: Dataset, lang: str) -> list[str]:
        return [loss.text(lang) for loss in self.losses] + [o.text(declared, lang) for o in self.overlaps]


class UploadHeld(DataSourceError):
    """The upload would remove or double rows without an explicit confirmation; nothing was written."""

    code = "upload-held"

    def __init__(self, declared: Dataset, held: Held) -> None:
        th, en = "; ".join(held.lines(declared, "th")), "; ".join(held.lines(declared, "en"))
        flags = " ".join(
            flag for flag, on in (("--allow-removals", held.losses), ("--allow-overlap", held.overlaps)) if on
        )
        super().__init__(
            f"ยังไม่บันทึก เพราะไฟล์นี้จะลบหรือซ้อนข้อมูลเดิม: {th} ถ้าตั้งใจ ให้ยืนยันอีกครั้ง ({flags})",
            f"Not saved: this file would remove or double existing rows: {en}. If that is meant, confirm again ({flags})",
        )
        self.held = held


def losses(plan: ChangePlan, declared: Dataset, incoming: pd.DataFrame) -> tuple[PeriodLoss, ...]:
    """The periods the plan would remove rows from beyond what the file covers or puts back."""
    removed = plan.removed_rows
    if not plan.removed or removed.empty:
        return ()
    column = declared.period_column
    if column is None or column not in incoming or column not in removed:
        put_back = len(incoming)
        return (PeriodLoss(WHOLE, plan.removed, put_back, 0),) if plan.removed > put_back else ()
    file_months, gone_months = month_keys(incoming[column]), month_keys(removed[column])
    found = []
    for period in sorted(gone_months.dropna().unique()):
        gone = removed[column][(gone_months == period).to_numpy()]
        mine = incoming[column][(file_months == period).fillna(False).to_numpy()].dropna()
        outside = len(gone) if mine.empty else int(((gone < mine.min()) | (gone > mine.max())).sum())
        if outside or len(gone) > len(mine):
            dates = (gone.min(), gone.max()) if pd.api.types.is_datetime64_any_dtype(gone) else None
            found.append(PeriodLoss(str(period), len(gone), len(mine), outside, dates))
    return tuple(found)


def overlaps(
    connection: sa.Connection, declared: Dataset, incoming: pd.DataFrame, plan: ChangePlan
) -> tuple[Overlap, ...]:
    """Months where, after the change, one place would hold reports of two lengths (week and month)."""
    length, period = declared.period_length_column, declared.period_column
    if length is None or period is None or incoming.empty or incoming[period].isna().any():
        return ()
    table = DATASET_TABLES[declared.key]
    keys = [table.c[k] for k in declared.primary_key]
    months = scope.months_touched(table.c[period], incoming[period], declared)
    query = sa.select(table.c[ROW_ID], *keys).where(table.c[VALID_TO].is_(None), *([] if months is None else [months]))
    live = pd.DataFrame(connection.execute(query).all(), columns=[ROW_ID, *declared.primary_key])
    staying = live[~live[ROW_ID].isin(plan.close_ids)].drop(columns=ROW_ID)
    places = [k for k in declared.primary_key if k not in (period, length)]
    after = pd.concat([incoming[list(declared.primary_key)].assign(_new=True), staying.assign(_new=False)])
    after["_month"] = month_keys(pd.to_datetime(after[period])).to_numpy()
    after[length] = after[length].astype("string")
    for place in places:
        after[place] = after[place].astype("string").fillna("")
    found = []
    for month, rows in after.groupby("_month", sort=True):
        kinds = rows.groupby(places, dropna=False).agg(lengths=(length, "nunique"), new=("_new", "any"))
        both = kinds[(kinds["lengths"] > 1) & kinds["new"]]
        if both.empty:
            continue
        first = both.index[0] if len(places) > 1 else (both.index[0],)
        example = ", ".join(value_text(declared.column(p), v, "th") for p, v in zip(places, first, strict=True))
        lengths = tuple(sorted(rows[length].dropna().unique()))
        found.append(Overlap(str(month), lengths, len(both), example))
    return tuple(found)


def check(connection: sa.Connection, declared: Dataset, incoming: pd.DataFrame, plan: ChangePlan) -> Held:
    """Everything about `plan` that needs a second confirmation (see the module's rules)."""
    return Held(losses(plan, declared, incoming), overlaps(connection, declared, incoming, plan))


@dataclass
class Guard:
    """Handed to `writes.commit`: refuses, inside the transaction, what was not explicitly allowed."""

    declared: Dataset
    allow_removals: bool = False
    allow_overlap: bool = False
    held: Held = field(default_factory=Held)

    def __call__(self, connection: sa.Connection, incoming: pd.DataFrame, plan: ChangePlan) -> None:
        self.held = check(connection, self.declared, incoming, plan)
        blocking = self.held.blocking(allow_removals=self.allow_removals, allow_overlap=self.allow_overlap)
        if blocking:
            raise UploadHeld(self.declared, blocking)


@dataclass(frozen=True)
class Earlier:
    """An accepted upload of the same bytes: sending it again changes nothing."""

    uploaded_at: datetime
    version: int
    file_name: str

    def text(self, lang: str) -> str:
        when = date_label(self.uploaded_at, lang, with_time=True)
        if lang == "th":
            return f"ไฟล์นี้บันทึกไปแล้วเมื่อ {when} เป็นรุ่นที่ {self.version} ({self.file_name}) การส่งซ้ำจึงไม่เปลี่ยนข้อมูลใด"
        return f"This file was already loaded on {when}, version {self.version} ({self.file_name}); nothing changed"


def already_loaded(engine: sa.Engine, key: str, content: bytes, *, user: str | None = None) -> Earlier | None:
    """The accepted upload of `key` with the same sha256 as `content`, unless a rollback since undid it.

    An upload by a demo account does not count for `user` from the real city: their first upload
    removes the demo city (go_live), that upload with it.
    """
    from data_sources.go_live import is_demo_account

    digest = UploadedFile("", content).sha256  # the digest stored with every upload
    query = (
        sa.select(uploads.c.uploaded_at, uploads.c.version, uploads.c.file_name, uploads.c.uploaded_by)
        .where(uploads.c.dataset == key, uploads.c.sha256 == digest, uploads.c.status == "accepted")
        .order_by(uploads.c.version.desc())
        .limit(1)
    )
    with engine.connect() as connection:
        found = connection.execute(query).first()
        if found is None or found.version is None:
            return None
        rolled_back = connection.scalar(
            sa.select(sa.func.count()).where(
                dataset_versions.c.dataset == key,
                dataset_versions.c.kind == "rollback",
                dataset_versions.c.version > found.version,
            )
        )
    if rolled_back or (is_demo_account(engine, found.uploaded_by) and not is_demo_account(engine, user)):
        return None
    return Earlier(found.uploaded_at, int(found.version), found.file_name)


def preview(engine: sa.Engine, key: str, incoming: pd.DataFrame, mode: Mode) -> tuple[dict[str, Any], Held]:
    """What committing `incoming` would change (`ChangePlan.summary`) and what of it is held.

    The upload page shows both before the confirm; nothing is written or locked.
    """
    declared = dataset(key)
    incoming = frames.coerce(incoming, declared).reset_index(drop=True)
    with engine.connect() as connection:
        plan = plan_change(connection, declared, incoming, mode)
        return plan.summary(), check(connection, declared, incoming, plan)


__all__ = [
    "Earlier",
    "Guard",
    "Held",
    "Overlap",
    "PeriodLoss",
    "UploadHeld",
    "already_loaded",
    "check",
    "losses",
    "overlaps",
]
