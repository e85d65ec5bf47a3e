"""run_isolated hands back what the child computed, typed DataFrames and errors included."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data_sources.errors import UnknownDataset, UnreadableFile
from data_sources.readers import Limits, read_sheets, run_isolated

LIMITS = Limits(timeout_s=60)


def typed_frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "complaint_id": pd.array([f"{n:05d}/2568" for n in range(rows)], dtype="string"),
            "received_on": pd.Timestamp("2024-10-01") + pd.to_timedelta(np.arange(rows), unit="h"),
            "satisfaction": pd.array([n % 5 if n % 7 else None for n in range(rows)], dtype="Int64"),
            "lat": np.linspace(6.53, 6.56, rows),
            "status": pd.array(["resolved", None] * (rows // 2), dtype="string"),
        }
    )


def make_frame(rows: int) -> pd.DataFrame:
    return typed_frame(rows)


def unknown_dataset() -> None:
    raise UnknownDataset("weather", ("complaints", "waste"))


def broken_child() -> None:
    raise KeyError("missing column")


def test_a_typed_frame_comes_back_equal_with_its_dtypes() -> None:
    frame = run_isolated(make_frame, 1_000, limits=LIMITS)
    pd.testing.assert_frame_equal(frame, typed_frame(1_000))
    assert str(frame["satisfaction"].dtype) == "Int64"
    assert frame["complaint_id"].dtype == typed_frame(2)["complaint_id"].dtype


def test_read_sheets_runs_in_a_child() -> None:
    [sheet] = run_isolated(read_sheets, "ชุมชน,จำนวน\nสะเตง,3\n".encode(), "x.csv", Limits(), limits=LIMITS)
    assert sheet.rows == [["ชุมชน", "จำนวน"], ["สะเตง", "3"]]


def test_a_data_source_error_arrives_whole() -> None:
    with pytest.raises(UnknownDataset) as caught:
        run_isolated(unknown_dataset, limits=LIMITS)
    assert caught.value.code == "unknown-dataset"
    assert caught.value.key == "weather"
    assert "weather" in caught.value.message_th and "complaints, waste" in caught.value.message_en


def test_a_readers_error_keeps_its_code_and_issue() -> None:
    with pytest.raises(UnreadableFile) as caught:
        run_isolated(read_sheets, b"%PDF-1.4", "x.xlsx", Limits(), limits=LIMITS)
    assert caught.value.code == "unsupported-file-type"
    assert caught.value.issue.message_en == caught.value.message_en  # type: ignore[attr-defined]


def test_any_other_exception_is_raised_again_with_the_childs_traceback() -> None:
    with pytest.raises(KeyError) as caught:
        run_isolated(broken_child, limits=LIMITS)
    assert "broken_child" in "".join(caught.value.__notes__)


def test_the_parents_main_script_is_not_run_again_in_the_child(tmp_path: Path) -> None:
    # Streamlit runs each page as __main__ without a __name__ guard; a child that re-ran it would
    # redraw the page, so the script below counts how often its top level runs.
    marker = tmp_path / "runs.txt"
    script = tmp_path / "page.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from data_sources.readers import Limits, read_sheets, run_isolated
            with Path({str(marker)!r}).open("a") as runs:
                runs.write("ran\\n")
            sheets = run_isolated(read_sheets, b"a,b\\n1,2\\n", "x.csv", Limits(), limits=Limits(timeout_s=60))
            print(sheets[0].rows)
            """
        )
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=root,
        env={"PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "[['a', 'b'], ['1', '2']]" in done.stdout
    assert marker.read_text().splitlines() == ["ran"]


def test_a_one_shot_command_forks_its_children_itself_and_still_survives_a_crash(tmp_path: Path) -> None:
    # The command line parses one file: no forkserver is started (and warmed) for it, but a
    # crashing parser still only takes its child down. With a second thread running, forking
    # is not safe, and the forkserver takes over.
    script = tmp_path / "one_shot.py"
    script.write_text(
        textwrap.dedent(
            """
            import os, threading
            from multiprocessing import forkserver
            from data_sources.errors import UnreadableFile
            from data_sources.readers import Limits, fork_children_directly, read_sheets, run_isolated

            fork_children_directly()
            sheets = run_isolated(read_sheets, b"a,b\\n1,2\\n", "x.csv", Limits(), limits=Limits(timeout_s=60))
            try:
                run_isolated(os.abort, limits=Limits(timeout_s=60))
            except UnreadableFile as error:
                print("crash:", error.code)
            print("server after forks:", forkserver._forkserver._forkserver_pid is not None)
            busy = threading.Event()
            helper = threading.Thread(target=busy.wait)
            helper.start()
            run_isolated(read_sheets, b"a,b\\n1,2\\n", "x.csv", Limits(), limits=Limits(timeout_s=60))
            busy.set()
            helper.join()
            print("server with a thread:", forkserver._forkserver._forkserver_pid is not None)
            print(sheets[0].rows)
            """
        )
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=root,
        env={"PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "crash: parser-failed",
        "server after forks: False",
        "server with a thread: True",
        "[['a', 'b'], ['1', '2']]",
    ]
