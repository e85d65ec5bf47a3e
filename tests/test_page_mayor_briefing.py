"""The briefing equals the Mayor Dashboard: the cards of the small city (AppTest) against the
workbook `python -m metrics briefing` writes for the same period, and the dashboard's buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from data_sources import city_time
from data_sources.schema import PILLARS
from helpers.apptest import open_app
from helpers.pdf_pages import lines
from helpers.small_city import month_m, open_small_city
from metrics.__main__ import main
from metrics.briefing import content
from metrics.briefing.pdf import briefing_pdf
from metrics.catalogue import catalogue
from metrics.compute import KpiResult, compute_all
from metrics.periods import parse_period
from metrics.phrases import format_score, phrase
from ui import results
from ui.briefing_actions import briefing_for, file_stem
from ui.filters import Selection
from ui.kpi_text import value_text

PAGE = "pages/mayor_dashboard.py"
EXECUTIVE = {"role": "executive"}


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def _card_text(kpi_id: str, value: float | None) -> str:
    """How a card writes `value` for this KPI (the card's own formatter)."""
    return value_text(KpiResult(catalogue()[kpi_id], value, None, None, None, None, None, None), "th")


@pytest.mark.parametrize("community", [None, "เสรี"])
def test_the_briefing_shows_the_dashboard_s_figures(
    small_city: sa.Engine, tmp_path: Path, community: str | None
) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    if community:
        at.selectbox(key="exec_community_th").set_value(community).run()
    shown = {m.label: m.value for m in at.metric}
    workbook = tmp_path / "briefing.xlsx"
    extra = ["--community", community] if community else []
    assert main(["briefing", "--db", str(small_city.url), "--period", month_m().code, "-o", str(workbook), *extra]) == 0
    book = load_workbook(workbook)
    kpis = {row[9].value: row[2].value for row in book["ตัวชี้วัดทั้งหมด"].iter_rows(min_row=2)}
    assert len(kpis) == len(catalogue())
    for kpi_id, value in kpis.items():
        assert shown[catalogue()[kpi_id].name_th] == _card_text(kpi_id, value), kpi_id
    summary = {row[0].value: row[1].value for row in book["สรุป"].iter_rows() if row[0].value}
    # The page names a community's score as the community's (#11); the workbook's row is the same figure.
    score_name = "คะแนนชุมชน" if community else "คะแนนเมือง"  # a community's score is never the city's (#11)
    assert shown[score_name] == format_score(summary[score_name])
    for pillar in PILLARS:
        name = phrase("pillars", pillar, "th")
        assert shown[name] in (format_score(summary[name]), "—"), pillar


def test_the_dashboard_offers_the_briefing_for_the_view_on_screen(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    at.selectbox(key="exec_community_th").set_value("เสรี").run()
    buttons = {b.label: b.proto for b in at.get("download_button")}
    assert set(buttons) >= {"สรุปผู้บริหาร (PDF)", "ตารางตัวชี้วัด (Excel)"}
    assert all(proto.deferred_file_id for proto in buttons.values())  # made when pressed, not on every run
    assert at.button(key="print_page").label == "พิมพ์หน้านี้"


def test_a_briefing_file_is_named_after_its_view() -> None:
    assert file_stem(Selection(month_m(), "เสรี"), "th") == f"briefing-{month_m().code}-Seri-th"
    assert file_stem(Selection(parse_period("last30", today=month_m().end), None), "en") == "briefing-last30-city-en"


def test_the_buttons_briefing_is_the_view_on_screen(small_city: sa.Engine) -> None:
    frames, history = content.city_frames(small_city)
    context = content.dashboard_context(history, city_time.now())
    data = results.CityData(("test", (), context.now), frames, context)
    selection = Selection(month_m(), "เสรี", "clerk")
    result = compute_all(frames, selection.period, context=context, community="เสรี", division="clerk")
    briefing = briefing_for(data, selection, result, [], "en")
    assert briefing.result is result and briefing.division == "clerk" and briefing.community == "เสรี"
    text = "\n".join(lines(briefing_pdf(briefing)))
    assert "Office of the Municipal Clerk" in text and "Seri" in text
    # เสรี's tickets in M: T2 resolved, T4 open (helpers/small_city.py): 1 of 2 = 50.0%.
    assert "50.0%" in text


def test_print_opens_the_print_view_with_every_pillar_a_section(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    assert len(at.tabs) == len(PILLARS)  # on screen the pillars are tabs
    at.button(key="print_page").click().run()
    assert at.query_params["print"] in ("1", ["1"])
    assert not at.tabs
    headings = [h.value for h in at.subheader]
    for pillar in PILLARS:
        assert any(h.startswith(phrase("pillars", pillar, "th")) for h in headings), pillar
    at.button(key="print_back").click().run()
    assert "print" not in at.query_params and len(at.tabs) == len(PILLARS)
