"""A dataset's recorded past: each file an accepted upload and a version dated when it arrived, every
row living from the version of the first file that held it, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from data_sources import city_time, frames, store
from data_sources.adapters import dataset
from data_sources.backfill import Delivery, commit_history, first_deliveries
from data_sources.go_live import go_live
from data_sources.launch import launch_day, record_launch

JAN, FEB, MAR = datetime(2024, 1, 5, 9), datetime(2024, 2, 5, 9), datetime(2024, 3, 5, 9)


def waste(days: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(days),
            "community": ["เมืองทอง"] * len(days),
            "tons_collected": [float(i + 1) for i in range(len(days))],
            "tons_recycled": [None] * len(days),
        }
    )


def test_each_row_lives_from_the_first_file_that_held_it(db_url: str) -> None:
    engine = store.connect(db_url)
    frame = waste(["2023-12-01", "2023-12-02", "2024-01-01", "2024-02-01"])
    deliveries = [
        Delivery(JAN, np.array([0, 1]), "dec.csv"),
        Delivery(FEB, np.array([1, 2]), "jan.csv"),  # sends 2 Dec again: unchanged
        Delivery(MAR, np.array([3]), "feb.csv"),
    ]
    assert commit_history(engine, "waste", frame, deliveries, user="demo", kind="demo", report={"demo": True}) == 3
    history = store.upload_history(engine, "waste").sort_values("uploaded_at")
    assert history["uploaded_at"].tolist() == [JAN, FEB, MAR]
    assert history["rows"].tolist() == [2, 2, 1] and history["version"].tolist() == [1, 2, 3]
    versions = store.version_history(engine, "waste").sort_values("version")
    assert versions["created_at"].tolist() == [JAN, FEB, MAR]
    assert versions["rows_added"].tolist() == [2, 1, 1] and versions["row_count"].tolist() == [2, 3, 4]
    loaded = store.load(engine, "waste", with_arrival=True).sort_values("date")
    assert loaded["arrived_at"].tolist() == [JAN, JAN, FEB, MAR]
    declared = dataset("waste")
    assert store.content_hash(loaded.drop(columns="arrived_at"), declared) == store.content_hash(
        frames.coerce(frame, declared), declared
    )
    name, content = store.upload_content(engine, int(history.iloc[1]["id"]))
    assert name == "jan.csv" and content.decode("utf-8-sig").splitlines()[1:] == [
        "2023-12-02,เมืองทอง,2.0,",
        "2024-01-01,เมืองทอง,3.0,",
    ]


def test_a_recorded_version_rolls_back_like_any_other(db_url: str) -> None:
    engine = store.connect(db_url)
    frame = waste(["2023-12-01", "2024-01-01"])
    commit_history(engine, "waste", frame, [Delivery(JAN, np.array([0]), "a.csv"), Delivery(FEB, np.array([1]), "b.csv")],
                   user="demo", kind="demo", report={})  # fmt: skip
    store.rollback(engine, "waste", 2, user="root")
    assert store.load(engine, "waste")["date"].tolist() == [pd.Timestamp("2023-12-01")]


def test_history_replaces_what_the_dataset_held(db_url: str) -> None:
    engine = store.connect(db_url)
    store.commit(engine, "waste", waste(["2020-01-01"]), user="nok")
    commit_history(engine, "waste", waste(["2024-01-01"]), [Delivery(FEB, np.array([0]), "a.csv")], user="demo",
                   kind="demo", report={})  # fmt: skip
    assert store.load(engine, "waste")["date"].tolist() == [pd.Timestamp("2024-01-01")]
    assert store.version_history(engine, "waste").sort_values("version")["rows_removed"].tolist() == [0, 1]


def test_a_row_in_no_file_is_refused_before_anything_is_written(db_url: str) -> None:
    engine = store.connect(db_url)
    with pytest.raises(ValueError, match="1 rows"):
        commit_history(engine, "waste", waste(["2024-01-01", "2024-01-02"]), [Delivery(JAN, np.array([0]), "a.csv")],
                       user="demo", kind="demo", report={})  # fmt: skip
    assert store.versions(engine)["waste"] == 0


def test_first_deliveries_point_each_row_at_its_first_file() -> None:
    deliveries = [
        Delivery(JAN, np.array([2]), "a"),
        Delivery(FEB, np.array([0, 2]), "b"),
        Delivery(MAR, np.array([1]), "c"),
    ]
    assert first_deliveries(3, deliveries).tolist() == [1, 2, 0]


def test_the_launch_is_the_recorded_day_else_the_first_accepted_upload(db_url: str) -> None:
    engine = store.connect(db_url)
    assert launch_day(engine) is None
    commit_history(engine, "waste", waste(["2024-01-01"]), [Delivery(FEB, np.array([0]), "a.csv")], user="demo",
                   kind="demo", report={})  # fmt: skip
    assert launch_day(engine) == FEB.date()
    record_launch(engine, MAR.date(), actor="demo")
    assert launch_day(engine) == MAR.date()


def test_going_live_starts_the_city_again_from_that_day(db_url: str) -> None:
    engine = store.connect(db_url)
    record_launch(engine, MAR.date(), actor="demo")
    go_live(engine, actor="root", reason="go-live command")
    assert launch_day(engine) == city_time.today()
