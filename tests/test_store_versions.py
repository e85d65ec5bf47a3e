"""The store: every accepted change is one version; rollback restores exactly; writers serialise."""

from __future__ import annotations

import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import store
from data_sources.db import DATASET_TABLES
from data_sources.errors import KeyExists


def _complaints(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ticket_id": [r[0] for r in rows],
            "received_at": pd.to_datetime([r[1] for r in rows]),
            "category": ["road"] * len(rows),
            "community": ["เมืองทอง"] * len(rows),
            "status": [r[2] for r in rows],
        }
    )


def _waste(*rows: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "community": [r[1] for r in rows],
            "tons_collected": [r[2] for r in rows],
        }
    )


def test_fresh_database_has_every_dataset_at_version_zero(db_url: str) -> None:
    engine = store.connect(db_url)
    assert store.versions(engine) == dict.fromkeys(store.status(engine)["datasets"], 0)
    assert all(entry["rows"] == 0 for entry in store.status(engine)["datasets"].values())


def test_upsert_updates_matching_keys_and_adds_new_ones(db_url: str) -> None:
    engine = store.connect(db_url)
    store.commit(
        engine, "complaints", _complaints(("1/68", "2024-10-01", "received"), ("2/68", "2024-10-02", "received"))
    )
    result = store.commit(
        engine, "complaints", _complaints(("2/68", "2024-10-02", "resolved"), ("3/68", "2024-10-03", "received"))
    )
    assert (result.version, result.plan.added, result.plan.updated, result.plan.removed) == (2, 1, 1, 0)
    current = store.load(engine, "complaints").set_index("ticket_id")["status"].to_dict()
    assert current == {"1/68": "received", "2/68": "resolved", "3/68": "received"}


def test_replace_period_drops_rows_of_the_covered_span_missing_from_the_file(db_url: str) -> None:
    engine = store.connect(db_url)
    store.commit(
        engine,
        "waste",
        _waste(("2024-10-01", "เสรี", 2.0), ("2024-10-02", "เสรี", 2.5), ("2024-10-03", "เสรี", 1.0),
               ("2024-10-20", "เสรี", 1.5), ("2024-11-01", "เสรี", 3.0)),
    )  # fmt: skip
    result = store.commit(engine, "waste", _waste(("2024-10-01", "เสรี", 2.2), ("2024-10-03", "เสรี", 1.0)))
    assert (result.plan.added, result.plan.updated, result.plan.unchanged, result.plan.removed) == (0, 1, 1, 1)
    current = store.load(engine, "waste").sort_values("date")
    assert current["tons_collected"].tolist() == [2.2, 1.0, 1.5, 3.0]  # 20 October and November untouched


def test_replace_mode_makes_the_file_the_whole_dataset(db_url: str) -> None:
    engine = store.connect(db_url)
    store.commit(
        engine, "complaints", _complaints(("1/68", "2024-10-01", "received"), ("2/68", "2024-10-02", "received"))
    )
    store.commit(engine, "complaints", _complaints(("9/68", "2024-10-09", "received")), mode="replace")
    assert store.load(engine, "complaints")["ticket_id"].tolist() == ["9/68"]


def test_rollback_restores_exactly_the_rows_and_hash_before_the_version(db_url: str) -> None:
    engine = store.connect(db_url)
    store.commit(
        engine, "complaints", _complaints(("1/68", "2024-10-01", "received"), ("2/68", "2024-10-02", "received"))
    )
    before = store.status(engine)["datasets"]["complaints"]["content_hash"]
    store.commit(
        engine, "complaints", _complaints(("2/68", "2024-10-02", "resolved"), ("3/68", "2024-10-03", "received"))
    )
    store.commit(engine, "complaints", _complaints(("4/68", "2024-10-04", "received")))
    result = store.rollback(engine, "complaints", 2)
    after = store.status(engine)["datasets"]["complaints"]
    assert result.version == 4
    assert after["content_hash"] == before
    assert sorted(store.load(engine, "complaints")["ticket_id"]) == ["1/68", "2/68"]
    assert store.load(engine, "complaints").set_index("ticket_id").loc["2/68", "status"] == "received"


def test_rollback_of_a_rollback_brings_the_change_back(db_url: str) -> None:
    engine = store.connect(db_url)
    store.commit(engine, "complaints", _complaints(("1/68", "2024-10-01", "received")))
    store.commit(engine, "complaints", _complaints(("1/68", "2024-10-01", "resolved")))
    changed = store.status(engine)["datasets"]["complaints"]["content_hash"]
    store.rollback(engine, "complaints", 2)
    store.rollback(engine, "complaints", 3)
    assert store.status(engine)["datasets"]["complaints"]["content_hash"] == changed


def test_rollback_of_unknown_version_is_refused(db_url: str) -> None:
    engine = store.connect(db_url)
    with pytest.raises(store.VersionNotFound):
        store.rollback(engine, "complaints", 5)


def test_content_hash_ignores_storage_order(db_url: str) -> None:
    engine = store.connect(db_url)
    rows = [("1/68", "2024-10-01", "received"), ("2/68", "2024-10-02", "received")]
    store.commit(engine, "complaints", _complaints(*rows))
    first = store.status(engine)["datasets"]["complaints"]["content_hash"]
    store.commit(engine, "complaints", _complaints(*reversed(rows)), mode="replace")
    assert store.status(engine)["datasets"]["complaints"]["content_hash"] == first


def test_concurrent_ingests_into_one_dataset_lose_nothing(db_url: str) -> None:
    engine = store.connect(db_url)
    failures: list[BaseException] = []

    def write(batch: int) -> None:
        try:
            rows = [(f"{batch}-{i}/68", "2024-10-01", "received") for i in range(50)]
            store.commit(engine, "complaints", _complaints(*rows), user=f"writer-{batch}")
        except BaseException as error:  # collected and asserted below
            failures.append(error)

    threads = [threading.Thread(target=write, args=(batch,)) for batch in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(store.load(engine, "complaints")) == 300
    assert store.versions(engine)["complaints"] == 6
    history = store.version_history(engine, "complaints")
    assert sorted(history["version"]) == [1, 2, 3, 4, 5, 6]
    table = DATASET_TABLES["complaints"]
    with engine.connect() as connection:
        live = connection.scalar(sa.select(sa.func.count()).select_from(table).where(table.c._valid_to.is_(None)))
    assert live == 300


def test_load_without_personal_columns_drops_them(db_url: str) -> None:
    engine = store.connect(db_url)
    frame = _complaints(("1/68", "2024-10-01", "received"))
    frame["complainant_phone"] = "081-234-5678"
    store.commit(engine, "complaints", frame)
    public = store.load(engine, "complaints", include_personal=False)
    assert "complainant_phone" not in public and "complainant_name" not in public
    assert store.load(engine, "complaints")["complainant_phone"].tolist() == ["081-234-5678"]


def test_append_rows_never_overwrites_an_existing_key(db_url: str) -> None:
    engine = store.connect(db_url)
    store.append_rows(engine, "complaints", _complaints(("CB69-00001", "2026-11-01", "received")), user="chatbot")
    with pytest.raises(KeyExists):
        store.append_rows(engine, "complaints", _complaints(("CB69-00001", "2026-11-02", "received")), user="chatbot")
    assert store.load(engine, "complaints")["received_at"].tolist() == [pd.Timestamp("2026-11-01")]
    assert store.versions(engine)["complaints"] == 1


def test_bulk_insert_keeps_every_value_exactly(db_url: str) -> None:
    # COPY text on PostgreSQL and executemany on SQLite: tabs, newlines, backslashes and a
    # literal "\N" are text, not separators or NULL; NaN, NA and NaT come back as missing.
    awkward = ["แท็บ\tกลาง", "บรรทัด\nใหม่", "ทับ\\หลัง", "\\N", "ปกติ", None]
    frame = pd.DataFrame(
        {
            "ticket_id": [f"{n}/68" for n in range(1, 7)],
            "received_at": pd.to_datetime(
                ["2024-10-01 08:30:15.250", "2024-10-02", None, "2024-10-04", "2024-10-05", "2024-10-06"],
                format="ISO8601",
            ),
            "category": ["road"] * 6,
            "community": ["เมืองทอง"] * 6,
            "status": ["received"] * 6,
            "latitude": [6.52178, None, 6.5, 6.55, 6.56, 6.57],
            "satisfaction": pd.array([5, None, 3, 1, 2, 4], dtype="Int64"),
            "description": awkward,
        }
    )
    engine = store.connect(db_url)
    store.commit(engine, "complaints", frame)
    stored = store.load(engine, "complaints").sort_values("ticket_id").reset_index(drop=True)
    assert stored["description"].tolist()[:5] == awkward[:5]
    assert pd.isna(stored["description"].iloc[5])
    assert stored["received_at"].iloc[0] == pd.Timestamp("2024-10-01 08:30:15.250")
    assert pd.isna(stored["received_at"].iloc[2])
    assert stored["latitude"].iloc[0] == 6.52178 and pd.isna(stored["latitude"].iloc[1])
    assert stored["satisfaction"].tolist()[:1] == [5] and pd.isna(stored["satisfaction"].iloc[1])
