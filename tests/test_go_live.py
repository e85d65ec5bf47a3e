"""Demo and go-live (issue #16, item 1): demo passwords are generated at seeding and never in the
repository; `go-live` and the first real upload remove the demo city and its accounts, and a live
database never takes them back."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_sources import accounts, store
from data_sources.__main__ import main
from data_sources.demo_accounts import DEMO_USERNAMES, demo_passwords, shown_demo_accounts
from data_sources.go_live import GoLiveError, mode
from data_sources.ingest import ingest
from data_sources.seed import demo_loaded, ensure_demo, is_empty, load_demo
from helpers.signed_in import workbook

REPO = Path(__file__).resolve().parents[1]
WASTE = [["วันที่", "ชุมชน", "ขยะที่จัดเก็บ (ตัน)", "ขยะรีไซเคิล (ตัน)"], ["01/10/2569", "เมืองทอง", 3, 1]]


@pytest.fixture
def demo_city(db_url: str, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    monkeypatch.delenv("CITY_SHOW_DEMO_ACCOUNTS", raising=False)
    engine = store.connect(db_url)
    load_demo(engine, scale=0.03)
    return engine


def _tracked_text() -> str:
    names = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    texts = []
    for name in names:
        path = REPO / name
        if path.suffix in {".py", ".md", ".json", ".toml", ".txt", ".sh", ""} and path.is_file():
            texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return "\n".join(texts)


def test_demo_passwords_are_generated_and_in_no_file_of_the_repository(demo_city: sa.Engine) -> None:
    shown = shown_demo_accounts(demo_city)
    assert sorted(d.username for d in shown) == sorted(DEMO_USERNAMES)
    tracked = _tracked_text()
    for demo in shown:
        assert len(demo.password) >= 12
        assert demo.password not in tracked
        assert accounts.verify(demo_city, demo.username, demo.password).outcome == "ok"


def test_go_live_removes_the_demo_city_and_its_accounts(
    demo_city: sa.Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old = demo_passwords(demo_city)
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-real-password\n"))
    assert main(["go-live", "--db", db_url, "--admin", "chief", "--password-stdin"]) == 0
    assert "OK live" in capsys.readouterr().out
    assert mode(demo_city) == "live"
    assert [a.username for a in accounts.list_accounts(demo_city)] == ["chief"]
    assert accounts.verify(demo_city, "chief", "a-long-real-password").outcome == "ok"
    for username, password in old.items():
        assert accounts.verify(demo_city, username, password).outcome == "wrong"
    assert is_empty(demo_city) or not any(s["rows"] for s in store.status(demo_city)["datasets"].values())
    assert not demo_loaded(demo_city) and shown_demo_accounts(demo_city) == []
    assert store.upload_history(demo_city).empty  # the demo's archived files (fake personal data) are gone
    with pytest.raises(GoLiveError):
        load_demo(demo_city, scale=0.03)  # a live database never takes the demo city back
    assert main(["demo", "--db", db_url, "--scale", "0.03"]) == 1


def test_a_live_default_database_is_not_seeded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'city.db'}"
    monkeypatch.setattr("data_sources.seed.DEFAULT_URL", url)
    engine = ensure_demo(url)
    assert demo_loaded(engine)
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-real-password\n"))
    assert main(["go-live", "--db", url, "--admin", "chief", "--password-stdin"]) == 0
    assert not demo_loaded(ensure_demo(url))


def test_the_first_real_upload_removes_the_demo_city_and_its_accounts(
    demo_city: sa.Engine, db_url: str, tmp_path: Path
) -> None:
    # One row of 1 October would replace the demo's whole October: held, then confirmed.
    held = ingest(demo_city, workbook(WASTE), "waste.xlsx", "waste", user="demo.staff")
    assert not held.accepted and held.held is not None and held.held.losses[0].period == "2026-10"
    by_demo = ingest(demo_city, workbook(WASTE), "waste.xlsx", "waste", user="demo.staff", allow_removals=True)
    assert by_demo.accepted and mode(demo_city) == "demo"  # trying the demo's upload page keeps the demo
    path = tmp_path / "waste.xlsx"
    path.write_bytes(workbook(WASTE))
    assert main(["ingest", str(path), "--dataset", "waste", "--db", db_url, "--user", "somchai"]) == 0
    assert mode(demo_city) == "live"
    assert not DEMO_USERNAMES & {a.username for a in accounts.list_accounts(demo_city)}
    rows = {key: entry["rows"] for key, entry in store.status(demo_city)["datasets"].items()}
    assert rows["waste"] == 1 and sum(rows.values()) == 1  # the real file, and nothing of the demo


def test_accounts_made_in_the_demo_leave_with_it_and_demo_admins_cannot_touch_real_ones(demo_city: sa.Engine) -> None:
    accounts.add_account(demo_city, "real.admin", "real-admin-password", "admin", from_command_line=True)
    accounts.add_account(demo_city, "planted", "visitor-chose-this", "admin", actor="demo.admin")
    with pytest.raises(accounts.AccountError):
        accounts.reset_password(demo_city, "real.admin", "visitor-chose-this", actor="demo.admin")
    with pytest.raises(accounts.AccountError):
        accounts.set_active(demo_city, "real.admin", False, actor="demo.admin")
    from data_sources.go_live import go_live_with_admin

    go_live_with_admin(demo_city, "real.admin", None)
    assert [a.username for a in accounts.list_accounts(demo_city)] == ["real.admin"]
