"""A division's headers remembered: chosen once by hand, used for its next file; kept, audited, editable."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from data_sources import audit_trail, header_memory, store
from data_sources.accounts import add_account
from data_sources.ingest import ingest
from helpers.workbooks import make_workbook

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
HEADERS = ["วันที่", "ชุมชน", "น้ำหนักรวม"]  # the third says nothing the matcher can use


def _file(tmp_path: Path, name: str, tons: float) -> Path:
    return make_workbook(tmp_path / f"{name}.xlsx", [HEADERS, ["1/11/2569", "เมืองทอง", tons]])


@pytest.fixture
def engine(db_url: str):  # type: ignore[no-untyped-def]
    engine = store.connect(db_url)
    add_account(engine, "clerk", "a long pass phrase 1", "staff", division="health")
    add_account(engine, "other", "a long pass phrase 2", "staff", division="engineering")
    return engine


def _ingest(engine, path: Path, user: str, **choices):  # type: ignore[no-untyped-def]
    return ingest(engine, path.read_bytes(), path.name, "waste", today=TODAY, user=user, **choices)


def test_a_hand_choice_is_remembered_for_the_divisions_next_file(engine, tmp_path: Path) -> None:
    first = _ingest(engine, _file(tmp_path, "w1", 2.5), "clerk")
    assert not first.accepted and any(i.field == "tons_collected" for i in first.prepared.report.errors)
    chosen = _ingest(engine, _file(tmp_path, "w1", 2.5), "clerk", mapping={"tons_collected": 2})
    assert chosen.accepted and chosen.prepared.report.stats["mapped_by"] == {"tons_collected": "hand"}
    [kept] = header_memory.every(engine, "waste")
    assert (kept.division, kept.mapping, kept.confirmed_by) == ("health", {"tons_collected": "น้ำหนักรวม"}, "clerk")

    second = _ingest(engine, _file(tmp_path, "w2", 3.5), "clerk")
    assert second.accepted, [i.message_en for i in second.prepared.report.errors]
    assert second.prepared.report.stats["mapped_by"] == {"tons_collected": "memory"}
    assert store.load(engine, "waste")["tons_collected"].tolist() == [3.5]  # the same day, corrected
    # Another division's file with the same headers is asked again.
    elsewhere = _ingest(engine, _file(tmp_path, "w3", 1.0), "other")
    assert [i.field for i in elsewhere.prepared.report.errors] == ["tons_collected"]


def test_saving_changing_and_removing_a_mapping_is_audited(engine, tmp_path: Path) -> None:
    _ingest(engine, _file(tmp_path, "w1", 2.5), "clerk", mapping={"tons_collected": 2})
    [kept] = header_memory.every(engine)
    header_memory.change(engine, kept.id, {"tons_recycled": "น้ำหนักรวม"}, user="admin")
    assert header_memory.every(engine)[0].mapping == {"tons_recycled": "น้ำหนักรวม"}
    header_memory.forget(engine, kept.id, user="admin")
    assert header_memory.every(engine) == []
    log = audit_trail.recent(engine)
    actions = log[log["action"].str.startswith("header_mapping")]
    assert actions["action"].tolist() == ["header_mapping_removed", "header_mapping_changed", "header_mapping_saved"]
    assert actions["actor"].tolist() == ["admin", "admin", "clerk"]


def test_the_history_keeps_which_columns_were_chosen_by_hand(engine, tmp_path: Path) -> None:
    _ingest(engine, _file(tmp_path, "w1", 2.5), "clerk", mapping={"tons_collected": 2})
    report = json.loads(store.upload_history(engine, "waste").iloc[0]["report"])
    assert report["stats"]["mapped_by"] == {"tons_collected": "hand"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "data_sources", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_rejects_naming_the_closest_headers_then_takes_map(db_url: str, tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "w.xlsx", [["วันที่", "ชุมชน", "ขยะเก็บ"], ["20/11/2569", "เมืองทอง", 3.1]])
    refused = _cli("ingest", str(path), "--dataset", "waste", "--db", db_url)
    assert refused.returncode == 2
    assert "'ขยะเก็บ' (C)" in refused.stdout and "--map" in refused.stdout
    taken = _cli("ingest", str(path), "--dataset", "waste", "--db", db_url, "--map", "ขยะเก็บ=tons_collected")
    assert taken.returncode == 0, taken.stdout + taken.stderr
    assert store.load(store.connect(db_url), "waste")["tons_collected"].tolist() == [3.1]


def test_cli_map_names_a_header_or_column_that_is_not_there(db_url: str, tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "w.xlsx", [["วันที่", "ชุมชน", "ขยะเก็บ"], ["20/11/2569", "เมืองทอง", 3.1]])
    refused = _cli("ingest", str(path), "--dataset", "waste", "--db", db_url, "--map", "น้ำหนัก=tons_collected")
    assert refused.returncode == 2 and "'น้ำหนัก'" in refused.stdout
    assert pd.isna(store.status(store.connect(db_url))["datasets"]["waste"]["last_accepted_upload"])
