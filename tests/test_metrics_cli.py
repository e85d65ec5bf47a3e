"""`python -m metrics --json` on a hand-made dataset committed to a real store (both engines)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from data_sources import frames, store
from data_sources.adapters import DATASETS
from metrics.phrases import format_score

REPO_ROOT = Path(__file__).resolve().parents[1]
KPI_KEYS = {"id", "pillar", "value", "unit", "target", "score", "status", "previous", "year_ago", "to_date",
            "months_elapsed", "comparable"}  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)


def commit_csv(db_url: str, key: str, lines: list[str]) -> None:
    """Commit a hand-written table as one accepted upload, through the store's public API."""
    engine = store.connect(db_url)
    typed = frames.coerce(pd.read_csv(io.StringIO("\n".join(lines)), dtype=str), DATASETS[key])
    store.commit(engine, key, typed, mode="replace", upload=store.UploadedFile(f"{key}.csv", "\n".join(lines).encode()))
    engine.dispose()


def test_json_follows_the_contract_and_matches_hand_computation(db_url: str) -> None:
    commit_csv(
        db_url,
        "complaints",
        [
            "ticket_id,received_at,resolved_at,category,community,status,satisfaction",
            "0001/2568,2024-10-01 08:00,2024-10-02 08:00,road,เมืองทอง,resolved,5",
            "0002/2568,2024-10-03 08:00,2024-10-07 08:00,waste,เมืองทอง,resolved,3",
            "0003/2568,2024-10-30 08:00,,drainage,เวฬุวัน,in_progress,",
            "0999/2567,2024-09-30 08:00,2024-10-01 08:00,road,เวฬุวัน,resolved,4",
        ],
    )
    shown = run("metrics", "--db", db_url, "--period", "2024-10", "--json")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert set(document) == {"period", "scope", "kpis", "pillars", "city_score"} and document["period"] == "2024-10"
    assert document["scope"] == {"kind": "city", "name": None}
    assert all(set(k) == KPI_KEYS for k in document["kpis"])
    kpis = {k["id"]: k for k in document["kpis"]}
    # October: 3 received (0999 is 30 Sep); 2 resolved by 31 Oct -> 2/3
    assert kpis["complaints_received"]["value"] == 3
    assert abs(kpis["complaint_resolution_rate"]["value"] - 2 / 3) < 1e-9
    # Resolved in October: 0999 1 d, 0001 1 d, 0002 4 d -> median 1; ratings 4, 5, 3 -> mean 4
    assert kpis["complaint_median_resolution_days"]["value"] == 1
    assert kpis["citizen_satisfaction"]["value"] == 4
    # The tickets begin in September 2024: October 2023 is "no data", not zero complaints.
    assert kpis["complaints_received"]["previous"] == 1 and kpis["complaints_received"]["year_ago"] is None
    assert kpis["complaints_received"]["to_date"] is False and kpis["complaints_received"]["months_elapsed"] == 1
    assert kpis["recycling_rate"]["value"] is None and kpis["recycling_rate"]["score"] is None
    # one upload just now of 12 datasets
    assert abs(kpis["data_freshness_rate"]["value"] - 1 / 12) < 1e-9
    assert set(document["pillars"]) == {"governance", "living", "environment", "economy", "resilience"}

    table = run("metrics", "--db", db_url, "--period", "2024-10").stdout.splitlines()
    # Scores read as on the pages and in the briefing (rounded down: 0.996 never reads "1.00").
    assert f"score {format_score(document['city_score'])}" in table[0]
    governance = next(line for line in table if line.split()[:1] == ["governance"])
    assert governance.split()[1] == format_score(document["pillars"]["governance"])


def test_an_unreadable_period_exits_2_with_both_languages(tmp_path: Path) -> None:
    shown = run("metrics", "--db", f"sqlite:///{tmp_path / 'city.db'}", "--period", "2024-13", "--json")
    assert shown.returncode == 2
    assert "ไม่เข้าใจช่วงเวลา" in shown.stderr and "Cannot read the period" in shown.stderr


def test_a_community_as_people_write_it_and_a_near_miss_named(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'city.db'}"
    for written in ("ชุมชนเสรี", "ชุมชน เสรี", "Seri community"):
        shown = run("metrics", "--db", db_url, "--period", "2024-10", "--community", written, "--json")
        assert shown.returncode == 0, (written, shown.stderr)
        assert json.loads(shown.stdout)["scope"] == {"kind": "community", "name": "เสรี"}
    shown = run("metrics", "--db", db_url, "--period", "2024-10", "--community", "สะเตง", "--json")
    assert shown.returncode == 2
    assert "หมายถึง หัวสะพานสะเตง ใช่ไหม" in shown.stderr and "did you mean Hua Saphan Sateng?" in shown.stderr


def test_a_community_by_its_english_name_and_a_division_name_their_scope(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'city.db'}"
    commit_csv(
        db_url,
        "complaints",
        [
            "ticket_id,received_at,resolved_at,category,community,status,assigned_division",
            "0001/2568,2024-10-01 08:00,2024-10-02 08:00,road,เมืองทอง,resolved,engineering",
            "0002/2568,2024-10-03 08:00,,drainage,เวฬุวัน,in_progress,engineering",
        ],
    )
    shown = run("metrics", "--db", db_url, "--period", "2024-10", "--community", "Mueang Thong", "--json")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["scope"] == {"kind": "community", "name": "เมืองทอง"}
    kpis = {k["id"]: k for k in document["kpis"]}
    assert kpis["complaints_received"]["value"] == 1
    assert kpis["revenue_collection_rate"]["comparable"] is False
    shown = run("metrics", "--db", db_url, "--period", "2024-10", "--division", "clerk", "--json")
    document = json.loads(shown.stdout)
    assert document["scope"] == {"kind": "division", "name": "clerk"}
    assert {k["id"] for k in document["kpis"]} >= {"complaints_received", "complaint_resolution_rate"}
    assert "revenue_collection_rate" not in {k["id"] for k in document["kpis"]}
    engineering = json.loads(run("metrics", "--db", db_url, "--period", "2024-10", "--division", "engineering",
                                 "--json").stdout)["division"]  # fmt: skip
    assert engineering["complaints"]["complaints_received"]["value"] == 2
    assert engineering["complaints"]["complaint_resolution_rate"]["value"] == 0.5


def test_an_unknown_division_exits_2(tmp_path: Path) -> None:
    shown = run("metrics", "--db", f"sqlite:///{tmp_path / 'city.db'}", "--period", "2024-10", "--division", "x")
    assert shown.returncode == 2 and "Unknown division" in shown.stderr
