"""Text from data or from a link is shown as text on every page: no Markdown link, image or
autolink, and no phone or ID number from free text (issue #16, item 2).

One demo city (small scale) where staff typed hostile cells into every open list and free-text
column the pages show; every page is opened by an admin and by a visitor, and every Markdown
string Streamlit was asked to draw is searched for live syntax.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pandas as pd
import pytest
import sqlalchemy as sa
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from data_sources import accounts, store
from data_sources.seed import load_demo
from helpers.apptest import APP
from ui.navigation import PAGES

LINK = "[เปิดดู](http://phish.example/x)"
IMAGE = "![t](http://track.example/p.png)"
HOSTILE = f"{LINK} {IMAGE} www.phish.example :red[แดง] **หนา**"
PHONE_AND_ID = "โทร +66 81 234 5678 หรือ ๐๗๓-๒๑๒-๓๔๕ บัตร 1-1017-00230-70-5"
DEMO = "demo.admin"  # uploads by a demo account keep the demo city (a real one would take it live)
SECRETS = ("234 5678", "๒๑๒-๓๔๕", "00230-70")
# Markdown that would become a link, an image or an autolink if drawn as written.
_LIVE = re.compile(r"(?<!\\)\]\((?!tel:)|(?<!\\)!\[|(?<![\\/])www\.phish|(?<!\\)://(?:phish|track)")
# Fields of element protos that Streamlit draws as Markdown.
_MARKDOWN_FIELDS = {"body", "label", "help", "caption", "placeholder"}


def _strings(value: object, field: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, key)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner, field)
    elif isinstance(value, str):
        yield field, value


def drawn(at: AppTest) -> list[tuple[str, str, str]]:
    """(element type, field, text) for every string field of every element on the page."""
    found = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", {}).values():
            walk(child)
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            kind = getattr(node, "type", proto.DESCRIPTOR.name)
            found.extend((kind, field, text) for field, text in _strings(MessageToDict(proto)))

    walk(at._tree)
    return found


def hostile_city(engine: sa.Engine) -> None:
    load_demo(engine, scale=0.1)
    facilities = store.load(engine, "facilities")
    first = facilities.index[:3]
    facilities.loc[first, "name"] = HOSTILE
    facilities.loc[first, "address"] = f"{HOSTILE} {PHONE_AND_ID}"
    facilities.loc[first, "opening_hours"] = LINK
    facilities.loc[first, "phone"] = "[1](http://phish.example)"
    store.commit(engine, "facilities", facilities, mode="replace", upload=store.UploadedFile("f.xlsx", b"x"), user=DEMO)
    complaints = store.load(engine, "complaints")
    row = complaints.iloc[[0]].assign(ticket_id=f"X1 {LINK}", category=HOSTILE, community=HOSTILE, channel=IMAGE)
    store.commit(engine, "complaints", row, upload=store.UploadedFile("c.xlsx", b"x"), user=DEMO)
    for key in ("water_level", "air_quality"):
        frame = store.load(engine, key)
        frame.loc[frame.index[-5:], "station"] = HOSTILE
        store.commit(engine, key, frame, mode="replace", upload=store.UploadedFile("s.xlsx", b"x"), user=DEMO)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'city.db'}"
    engine = store.connect(url)
    hostile_city(engine)
    accounts.add_account(engine, "root", "root-password", "admin")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CITY_DB_URL", url)
        yield url


def _open(page: str, *, admin: bool, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if admin:  # signed in as the sign-in form leaves a session (ui/auth.py re-checks it each run)
        at.session_state["auth_account"] = accounts.get_account(store.connect(os.environ["CITY_DB_URL"]), "root")
        at.session_state["role"] = "admin"
    at.run()
    at.switch_page(page).run()
    return at


def _live_markdown(at: AppTest) -> list[tuple[str, str, str]]:
    return [(kind, field, text) for kind, field, text in drawn(at) if field in _MARKDOWN_FIELDS and _LIVE.search(text)]


def test_every_page_shows_uploaded_text_as_text(city: str) -> None:
    at = _open("pages/citizen_dashboard.py", admin=True)
    live = {}
    for page in (spec.script for spec in PAGES if spec.script != "pages/sign_in.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        if found := _live_markdown(at):
            live[page] = found
    assert live == {}


def test_services_page_shows_the_hostile_facility_as_words_with_numbers_masked(city: str) -> None:
    at = _open("pages/services_map.py", admin=False)
    texts = [text for _, _, text in drawn(at)]
    listed = [text for text in texts if "phish" in text and "**" in text]
    assert listed, "the hostile facility is listed"
    assert _live_markdown(at) == []
    assert not [text for text in texts for secret in SECRETS if secret in text]


def test_a_ticket_number_in_the_link_is_shown_as_text(city: str) -> None:
    at = _open("pages/complaint_status.py", admin=False, query={"ticket": LINK})
    assert not at.exception
    assert any("phish" in text for _, _, text in drawn(at))
    assert _live_markdown(at) == []


def test_store_masks_numbers_in_public_free_text(city: str) -> None:
    engine = store.connect(city)
    public = store.load(engine, "facilities", include_personal=False)
    assert not public["address"].str.contains("234 5678", regex=False).any()
    assert store.load(engine, "facilities")["address"].str.contains("234 5678", regex=False).any()
    assert isinstance(public, pd.DataFrame)
