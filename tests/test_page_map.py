"""AppTest: the city map draws the small city's complaints as one hexagon (all six tickets sit at
the centre), river stations without readings in grey, Thai tooltips, layer toggles, and needs no
basemap tiles from the network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_sources.city import profile
from helpers.apptest import open_app
from helpers.small_city import open_small_city

PAGE = "pages/city_map.py"
EXECUTIVE = {"role": "executive"}


@pytest.fixture
def small_city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    return open_small_city(tmp_path, monkeypatch)


def deck(at: AppTest) -> dict[str, Any]:
    (chart,) = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def layer(spec: dict[str, Any], layer_id: str) -> dict[str, Any]:
    return next(item for item in spec["layers"] if item["id"] == layer_id)


def test_the_map_bins_the_month_s_complaints_with_thai_tooltips(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    assert not at.exception
    (cell,) = layer(deck(at), "complaints")["data"]
    # M's tickets T1-T4, one spot: resolved T1, T2; open T3 (in progress), T4 (received).
    assert (cell["complaints"], cell["resolved"], cell["open"], cell["cancelled"]) == (4, 2, 2, 0)
    assert cell["tooltip"] == "เรื่องร้องเรียน 4 เรื่อง\nแก้ไขเสร็จ 2 · ยังไม่เสร็จ 2 · ยกเลิก 0"
    assert len(cell["polygon"]) == 6


def test_river_stations_without_readings_are_grey_and_say_no_data(small_city: sa.Engine) -> None:
    stations = layer(deck(open_app(page=PAGE, session=EXECUTIVE)), "river")["data"]
    assert len(stations) == len(profile()["river_stations"])
    assert {tuple(s["colour"][:3]) for s in stations} == {(163, 168, 184)}
    assert all("ไม่มีข้อมูล" in s["tooltip"] for s in stations)


def test_the_map_needs_no_basemap_tiles(small_city: sa.Engine) -> None:
    spec = deck(open_app(page=PAGE, session=EXECUTIVE))
    # pydeck's "no style chosen" marker: Streamlit then draws no basemap and fetches nothing.
    assert spec.get("mapStyle") == "__MAP_STYLE__"
    assert "mapProvider" not in spec
    assert "http" not in json.dumps(spec)


def test_layer_toggles_and_the_status_choice_change_what_is_drawn(small_city: sa.Engine) -> None:
    at = open_app(page=PAGE, session=EXECUTIVE)
    at.segmented_control(key="map_status").set_value("resolved").run()
    (cell,) = layer(deck(at), "complaints")["data"]
    assert cell["complaints"] == 2
    at.pills(key="map_layers").set_value(["river"]).run()
    assert not at.exception
    assert [item["id"] for item in deck(at)["layers"]] == ["backdrop", "river"]


def test_the_map_switches_to_english(small_city: sa.Engine) -> None:
    at = open_app(lang="en", page=PAGE, session=EXECUTIVE)
    assert at.title[0].value == "City map"
    (cell,) = layer(deck(at), "complaints")["data"]
    assert cell["tooltip"].startswith("4 complaints\n")
