"""CI runs what the README promises, and the harness's lanes really run (or fail loudly in CI)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from helpers.environment import missing_requirement

REPO_ROOT = Path(__file__).resolve().parents[1]
CI_SCRIPT = REPO_ROOT / ".ci" / "run"
FENCED_BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def setup_commands() -> list[str]:
    """The fenced commands of the README's "Set up" section, in order."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Set up\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in FENCED_BLOCK.findall(section)]


def test_readme_sets_up_with_exactly_two_one_line_commands() -> None:
    commands = setup_commands()

    assert commands == [
        "pip install -r requirements.txt && streamlit run app.py",
        "pip install -r requirements-dev.txt && python -m pytest -q -n 2 --dist loadfile",
    ]


def test_ci_script_runs_the_readme_test_command_verbatim() -> None:
    test_command = next(command for command in setup_commands() if "pytest" in command)
    script_lines = [line.strip() for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines()]
    commands = [line for line in script_lines if line and not line.startswith("#")]

    assert test_command in commands
    # Last, so the script's exit status is the test run's.
    assert commands[-1] == test_command


def test_ci_script_is_strict_bash_and_executable() -> None:
    script = CI_SCRIPT.read_text(encoding="utf-8")

    assert script.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in script
    assert CI_SCRIPT.stat().st_mode & stat.S_IXUSR


def test_missing_requirement_skips_on_a_laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="no chromium"):
        missing_requirement("no chromium")


def test_missing_requirement_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="no chromium"):
        missing_requirement("no chromium")


def test_each_database_lane_gets_an_empty_database_that_keeps_thai_text(db_url: str) -> None:
    engine = sa.create_engine(db_url)
    try:
        assert sa.inspect(engine).get_table_names() == []
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE community (name VARCHAR(80))"))
            connection.execute(sa.text("INSERT INTO community VALUES ('ตลาดเก่า')"))
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT name FROM community")).scalar_one() == "ตลาดเก่า"
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgres_lane_gives_each_test_its_own_database(db_url: str) -> None:
    server_database = sa.make_url(os.environ["TEST_POSTGRES_URL"]).database

    assert sa.make_url(db_url).database != server_database
