"""AppTest: the award presentation over the demo city. Every slide in both languages; who may open
it; its figures against the Mayor Dashboard's and `python -m metrics`'s for the same period; the
live step through the real ingest and rollback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_sources import store
from data_sources.adapters import dataset
from data_sources.launch import launch_day
from helpers.apptest import open_app
from helpers.present_city import PASSWORD
from metrics.catalogue import catalogue
from metrics.kpi import Context
from metrics.period_menu import default_choice
from metrics.story.results import RESULT_KPIS, windows
from ui import live_step
from ui.deck import SLIDES
from ui.kpi_text import figure_text

PAGE = "pages/present.py"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_url(present_city_url: str) -> str:
    return present_city_url


@pytest.fixture
def city(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[sa.Engine]:
    monkeypatch.setenv("CITY_DB_URL", demo_url)
    yield store.connect(demo_url)


def slide(at: AppTest, key: str) -> AppTest:
    at.query_params["slide"] = str(next(i for i, s in enumerate(SLIDES) if s.key == key) + 1)
    return at.run()


def html(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def cells(at: AppTest) -> list[list[str]]:
    """Each table row of the slide as text cells."""
    rows = re.findall(r"<tr>(.*?)</tr>", html(at))
    return [
        [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)] for row in rows
    ]


def signed_in(username: str, *, lang: str = "th") -> AppTest:
    at = open_app(lang=lang, page="pages/sign_in.py")
    at.text_input(key="sign_in_username").set_value(username)
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    at.button[0].click().run()
    at.switch_page(PAGE).run()
    return at


def cli(url: str, period: str) -> dict[str, dict]:
    command = [sys.executable, "-m", "metrics", "--db", url, "--period", period, "--json"]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    return {entry["id"]: entry for entry in json.loads(finished.stdout)["kpis"]}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_slide_opens_for_a_visitor_of_the_demo_city(city: sa.Engine, lang: str) -> None:
    at = open_app(lang=lang, page=PAGE)
    for number, shown in enumerate(SLIDES, start=1):
        at.query_params["slide"] = str(number)
        at.run()
        assert not at.exception, shown.key
        assert f"{number} / {len(SLIDES)}" in [m.value for m in at.markdown], shown.key
        assert "⟦" not in html(at), f"{shown.key}: a missing string"
    assert "เรื่องราวของเมือง" in html(slide(at, "opening")) or lang == "en"


def test_a_slide_number_out_of_the_deck_opens_the_nearest_slide(city: sa.Engine) -> None:
    at = open_app(page=PAGE)
    at.query_params["slide"] = "99"
    at.run()
    assert f"{len(SLIDES)} / {len(SLIDES)}" in [m.value for m in at.markdown]
    at.query_params["slide"] = "abc"
    at.run()
    assert f"1 / {len(SLIDES)}" in [m.value for m in at.markdown]


def test_buttons_step_through_the_deck(city: sa.Engine) -> None:
    at = open_app(page=PAGE)
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] == "2" and "ข้อมูลของเมืองอยู่ใน 12 ชุด" in html(at)
    at.button(key="present_previous").click().run()
    assert at.query_params["slide"] == "1"


def test_the_demo_city_records_its_launch_and_the_late_files_before_it(city: sa.Engine) -> None:
    assert launch_day(city) is not None
    at = slide(open_app(page=PAGE), "freshness")
    ages = {row[0]: row[1:] for row in cells(at)[1:]}
    # Population is overdue in the demo city (its last file is 400 days old); complaints came today.
    assert ages["ประชากร"][1] == "400 วัน" and ages["เรื่องร้องเรียน"][1] == "0 วัน"


def test_plan_slides_show_the_mayor_dashboards_figures_and_the_clis(city: sa.Engine, demo_url: str) -> None:
    code = default_choice("month", today()).code
    chosen = {"role": "executive", "exec_period_kind": "month", "exec_period_month": code}
    on_cards = {m.label: m.value for m in open_app(page="pages/mayor_dashboard.py", session=chosen).metric}
    from_cli = cli(demo_url, code)
    at = open_app(page=PAGE, session={"role": "executive"})
    at.query_params["period"] = code
    kpis = {k.name_th: k for k in catalogue().values()}
    compared = []
    for pillar in ("governance", "living", "environment", "economy", "resilience"):
        for name, _target, value, _status in cells(slide(at, f"pillar_{pillar}"))[1:]:
            assert value == on_cards[name], name
            assert value == figure_text(from_cli[kpis[name].id]["value"], kpis[name].unit, "th"), name
            compared.append(name)
    assert sorted(compared) == sorted(kpis)
    score = re.search(r'class="value[^"]*">([0-9.—]+)<', html(slide(at, "city_score")))
    assert score is not None and score.group(1) == on_cards["คะแนนเมือง"]


def today() -> date:
    """The day the metrics layer measures "now" on, as the pages do."""
    return Context.build().now.date()


def test_results_equal_the_cli_for_the_same_windows(city: sa.Engine, demo_url: str) -> None:
    at = slide(open_app(page=PAGE, session={"role": "executive"}), "before_after")
    rows = {row[0]: row[1:] for row in cells(at)[1:]}
    kpis = catalogue()
    for column, window in enumerate(windows(launch_day(city), today())):
        figures = cli(demo_url, window.code)
        for kpi_id in RESULT_KPIS:
            if kpi_id == "data_freshness_rate":  # measured now: its "after" is today's figure
                continue
            kpi = kpis[kpi_id]
            assert rows[kpi.name_th][column] == figure_text(figures[kpi_id]["value"], kpi.unit, "th"), (kpi_id, window)
    freshness = cli(demo_url, default_choice("month", today()).code)["data_freshness_rate"]["value"]
    assert rows[kpis["data_freshness_rate"].name_th][1] == figure_text(freshness, "percent", "th")


def test_a_visitor_cannot_run_the_live_step(city: sa.Engine) -> None:
    at = slide(open_app(page=PAGE), "live_drop")
    assert not at.file_uploader and "เข้าสู่ระบบเป็นผู้บริหารหรือผู้ดูแลระบบ" in html(at)


def test_the_sample_lands_changes_the_figure_and_rolls_back(city: sa.Engine) -> None:
    hash_before = store.content_hash(store.load(city, "complaints"), dataset("complaints"))
    versions_before = store.versions(city)["complaints"]
    at = slide(signed_in("mayor.test"), "live_figure")
    figure_before = int(re.search(r'class="value[^"]*">([0-9,]+)<', html(at)).group(1).replace(",", ""))
    at = slide(at, "live_drop")
    at.file_uploader(key="present_live_file").upload("sample.xlsx", live_step.todays_samples()["clean"]).run()
    assert not at.exception and at.success and "เพิ่ม 12 เรื่อง" in at.success[0].value
    assert store.versions(city)["complaints"] == versions_before + 1
    at = slide(at, "live_figure")
    shown = [int(v.replace(",", "")) for v in re.findall(r'class="value[^"]*">([0-9,]+)<', html(at))]
    assert shown == [figure_before, figure_before + 12]
    at.button(key="present_rollback").click().run()
    assert store.versions(city)["complaints"] == versions_before + 2
    assert store.content_hash(store.load(city, "complaints"), dataset("complaints")) == hash_before
    assert f"{figure_before:,}" in html(at)


def test_the_faulty_sample_is_turned_back_with_each_cell_named(city: sa.Engine) -> None:
    counts, versions = store.upload_counts(city), store.versions(city)
    at = slide(signed_in("mayor.test"), "live_drop")
    at.file_uploader(key="present_live_file").upload("sample.xlsx", live_step.todays_samples()["faulty"]).run()
    assert at.error and "ตีกลับ" in at.error[0].value
    table = at.dataframe[0].value
    assert sorted(table["แถว"].tolist()) == [5, 7, 10, 12]
    assert store.upload_counts(city) == {**counts, "rejected": counts["rejected"] + 1}
    assert store.versions(city) == versions


def test_another_file_is_checked_but_never_saved_from_the_presentation(city: sa.Engine) -> None:
    counts, versions = store.upload_counts(city), store.versions(city)
    at = slide(signed_in("mayor.test", lang="en"), "live_drop")
    at.file_uploader(key="present_live_file").upload("mine.xlsx", b"not really a workbook").run()
    assert at.error and "not saved" in at.error[0].value
    assert store.upload_counts(city) == counts and store.versions(city) == versions


def test_staff_and_visitors_reach_the_presentation_while_the_demo_city_is_loaded(city: sa.Engine) -> None:
    for at in (signed_in("clerk.test"), open_app(page=PAGE)):
        assert not at.exception and any(m.value == f"1 / {len(SLIDES)}" for m in at.markdown)
