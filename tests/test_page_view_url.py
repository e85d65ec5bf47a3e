"""AppTest: the executive pages keep period and place in the URL, and a link opens that view."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from helpers.apptest import APP
from helpers.small_city import month_m, open_small_city
from metrics.catalogue import catalogue
from ui import view_url

EXECUTIVE = {"role": "executive"}
PAGES = ("pages/mayor_dashboard.py", "pages/pillar_governance.py", "pages/city_map.py", "pages/kpi_detail.py")


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def open_link(page: str, params: dict[str, str]) -> AppTest:
    """A fresh session opening `page` from a link carrying `params`, as a signed-in executive."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in EXECUTIVE.items():
        at.session_state[key] = value
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    return at


def url_of(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key][0] if isinstance(at.query_params[key], list) else at.query_params[key]
            for key in at.query_params}  # fmt: skip


def test_the_helpers_examples_hold() -> None:
    assert doctest.testmod(view_url).failed == 0


@pytest.mark.parametrize("page", PAGES)
def test_a_link_opens_its_period_and_community_on_every_executive_page(small_city: sa.Engine, page: str) -> None:
    earlier = month_m().previous()
    at = open_link(page, {"period": earlier.code, "community": "Seri"})
    assert not at.exception
    assert at.selectbox(key="exec_period_month_th").value == earlier.code
    assert at.selectbox(key="exec_community_th").value == "เสรี"
    assert url_of(at)["period"] == earlier.code and url_of(at)["community"] == "Seri"


def test_picking_writes_the_url_and_the_url_reopens_the_same_view(small_city: sa.Engine) -> None:
    at = open_link("pages/mayor_dashboard.py", {})
    at.selectbox(key="exec_period_kind_th").set_value("fiscal_year").run()
    at.selectbox(key="exec_community_th").set_value("เสรี").run()
    link = url_of(at)
    assert link["period"].startswith("FY") and link["community"] == "Seri"
    caption = at.caption[0].value if at.caption else ""
    again = open_link("pages/mayor_dashboard.py", link)
    assert again.selectbox(key="exec_period_kind_th").value == "fiscal_year"
    assert again.selectbox(key="exec_period_fiscal_year_th").value == link["period"]
    assert again.selectbox(key="exec_community_th").value == "เสรี"
    assert [c.value for c in again.caption][:1] == [caption]


def test_the_whole_city_leaves_no_community_and_a_rolling_window_reads_last30(small_city: sa.Engine) -> None:
    at = open_link("pages/mayor_dashboard.py", {"period": "last30", "community": "Atlantis"})
    assert not at.exception
    assert at.selectbox(key="exec_period_kind_th").value == "last30"
    assert at.selectbox(key="exec_community_th").value == ""  # an unknown place: the whole city
    assert url_of(at).get("community") is None and url_of(at)["period"] == "last30"


def test_a_link_to_a_month_older_than_the_menu_still_opens_it(small_city: sa.Engine) -> None:
    at = open_link("pages/mayor_dashboard.py", {"period": "2019-03"})
    assert at.selectbox(key="exec_period_month_th").value == "2019-03"


def test_the_view_follows_the_session_to_another_page(small_city: sa.Engine) -> None:
    earlier = month_m().previous()
    at = open_link("pages/mayor_dashboard.py", {"period": earlier.code})
    at.switch_page("pages/pillar_living.py").run()
    assert url_of(at)["period"] == earlier.code
    assert at.selectbox(key="exec_period_month_th").value == earlier.code


def test_card_links_carry_the_view(small_city: sa.Engine) -> None:
    earlier = month_m().previous()
    at = open_link("pages/mayor_dashboard.py", {"period": earlier.code, "community": "Seri"})
    links = [link.proto.query_string for link in at.get("page_link") if link.proto.page == "kpi"]
    assert links and all(f"period={earlier.code}" in link and "community=Seri" in link for link in links)


def test_a_link_to_a_division_shows_only_its_kpis_and_keeps_it(small_city: sa.Engine) -> None:
    at = open_link("pages/mayor_dashboard.py", {"division": "finance"})
    assert not at.exception
    assert at.selectbox(key="exec_division_th").value == "finance"
    owned = {item.name_th for item in catalogue().values() if item.division == "finance"}
    shown = {m.label for m in at.metric}
    assert owned <= shown and not ({item.name_th for item in catalogue().values()} - owned) & shown
    assert "คะแนนของกอง" in shown  # the division's score, never called the city's
    assert url_of(at)["division"] == "finance"
    at.switch_page("pages/city_map.py").run()  # a page without the division picker keeps the choice
    assert url_of(at)["division"] == "finance"
    at.switch_page("pages/pillar_governance.py").run()
    assert at.selectbox(key="exec_division_th").value == "finance"


def test_every_division_leaves_no_division_in_the_url(small_city: sa.Engine) -> None:
    at = open_link("pages/mayor_dashboard.py", {"division": "finance"})
    at.selectbox(key="exec_division_th").set_value("").run()
    assert "division" not in url_of(at)
    assert "คะแนนเมือง" in {m.label for m in at.metric}
