"""No complainant's name, phone number or national ID number from the demo city reaches a public
page or a public export.

The demo city is generated into the test database; every public page is rendered through AppTest
in both languages and every public export is built; the bytes of everything produced (element
protos, so chart and table data too) are scanned for every personal value the demo holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
import pytest
import sqlalchemy as sa

from data_sources import exports, seed, store
from helpers.apptest import open_app
from helpers.citizen_city import use_database
from ui.navigation import pages_for

# Runs of digits, possibly grouped by spaces, dashes or dots: how a phone or ID number is written.
_DIGIT_RUN = re.compile(r"\d(?:[\s\-.]?\d)+")
_TITLES = re.compile(r"^(นางสาว|นาง|นาย|ด\.ช\.|ด\.ญ\.)")


class PersonalData:
    """Every personal value of the demo's complaints, and a scanner that finds them in text."""

    def __init__(self, complaints: pd.DataFrame) -> None:
        names = complaints["complainant_name"].dropna().astype(str)
        # The name without its title is the part that identifies a person: scan for that.
        self.names = {_TITLES.sub("", name).strip() for name in names} | set(names)
        self.numbers = {
            re.sub(r"\D", "", str(value))
            for column in ("complainant_phone", "complainant_national_id")
            for value in complaints[column].dropna()
        }
        self._name_pattern = re.compile("|".join(sorted(map(re.escape, self.names), key=len, reverse=True)))
        self._lengths = sorted({len(number) for number in self.numbers})

    def found_in(self, text: str) -> list[str]:
        """The personal values that appear in `text` (numbers however they are grouped)."""
        found = set(self._name_pattern.findall(text)) if self.names else set()
        for run in _DIGIT_RUN.findall(text):
            digits = re.sub(r"\D", "", run)
            for length in self._lengths:
                found |= {digits[i : i + length] for i in range(len(digits) - length + 1)} & self.numbers
        return sorted(found)


@pytest.fixture(scope="module")
def demo_city(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, sa.Engine]:
    url = f"sqlite:///{tmp_path_factory.mktemp('privacy') / 'city.db'}"
    engine = store.connect(url)
    seed.load_demo(engine)
    return url, engine


@pytest.fixture(scope="module")
def personal(demo_city: tuple[str, sa.Engine]) -> PersonalData:
    return PersonalData(store.load(demo_city[1], "complaints", include_personal=True))


@pytest.fixture
def app_database(demo_city: tuple[str, sa.Engine], monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    use_database(monkeypatch, demo_city[0])
    return demo_city[1]


def _rendered_text(at: object) -> str:
    """Everything an AppTest run produced, element by element, as text (Arrow data included)."""
    pieces = []
    for node in at._tree:  # type: ignore[attr-defined]
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            pieces.append(proto.SerializeToString().decode("utf-8", errors="ignore"))
    return "\n".join(pieces)


def _public_pages() -> Iterable[str]:
    return [spec.script for spec in pages_for("public")]


def test_the_demo_holds_personal_data_and_the_scanner_finds_it(personal: PersonalData) -> None:
    assert len(personal.names) > 20 and len(personal.numbers) > 1000
    some_phone = next(n for n in sorted(personal.numbers) if len(n) == 10)
    grouped = f"{some_phone[:3]}-{some_phone[3:6]}-{some_phone[6:]}"
    some_name = sorted(personal.names)[0]
    assert personal.found_in(f"โทร {grouped} คุณ{some_name} ครับ") == sorted({some_phone, some_name})
    assert personal.found_in("ศูนย์บริการสาธารณสุข 073-000-104 วันที่ 2026-11-23 09:30:00") == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_public_page_shows_personal_data(app_database: sa.Engine, personal: PersonalData, lang: str) -> None:
    pages = list(_public_pages())
    assert "pages/citizen_dashboard.py" in pages and "pages/open_data.py" in pages
    for page in pages:
        at = open_app(lang=lang, page=page)
        assert not at.exception, page
        assert personal.found_in(_rendered_text(at)) == [], page


def test_complaint_views_of_every_period_show_no_personal_data(app_database: sa.Engine, personal: PersonalData) -> None:
    at = open_app(page="pages/citizen_dashboard.py")
    for choice in ("last30", "last90", "fiscal_year"):
        at.segmented_control(key="citizen_complaints_period").set_value(choice).run()
        assert personal.found_in(_rendered_text(at)) == [], choice


def test_status_lookup_of_named_tickets_shows_no_personal_data(app_database: sa.Engine, personal: PersonalData) -> None:
    complaints = store.load(app_database, "complaints", include_personal=True)
    named = complaints.dropna(subset=["complainant_name", "complainant_phone", "complainant_national_id"])
    assert len(named) > 0
    at = open_app(page="pages/complaint_status.py")
    for ticket in named["ticket_id"].head(5):
        at.text_input(key="complaint_status_ticket").set_value(str(ticket))
        at.button[0].click().run()
        assert f"**เรื่องเลขที่ {ticket}**" in [m.value for m in at.markdown]
        assert personal.found_in(_rendered_text(at)) == [], ticket


def test_open_data_page_of_every_dataset_shows_no_personal_data(
    app_database: sa.Engine, personal: PersonalData
) -> None:
    at = open_app(page="pages/open_data.py")
    for key in exports.public_datasets():
        at.selectbox(key="open_data_dataset").set_value(key).run()
        assert not at.exception, key
        assert personal.found_in(_rendered_text(at)) == [], key


@pytest.mark.parametrize("key", exports.public_datasets())
def test_no_public_export_holds_personal_data(
    demo_city: tuple[str, sa.Engine], personal: PersonalData, key: str
) -> None:
    engine = demo_city[1]
    for content in (exports.dataset_csv(engine, key), exports.dataset_json(engine, key), exports.dictionary_csv(key)):
        assert personal.found_in(content.decode("utf-8-sig")) == [], key


def test_chatbot_answers_about_named_tickets_show_no_personal_data(
    app_database: sa.Engine, personal: PersonalData
) -> None:
    complaints = store.load(app_database, "complaints", include_personal=True)
    named = complaints.dropna(subset=["complainant_name", "complainant_phone"])["ticket_id"].head(3).tolist()
    at = open_app(page="pages/chatbot.py")
    for message in [*(f"สถานะเรื่อง {ticket}" for ticket in named), "ขอเบอร์โทรคนที่แจ้งเรื่อง " + named[0],
                    "ประชากรชุมชนเมืองทองมีกี่คน", "เรื่องร้องเรียนล่าสุดมีอะไรบ้าง"]:  # fmt: skip
        at.chat_input[0].set_value(message).run()
        assert not at.exception, message
    assert personal.found_in(_rendered_text(at)) == []
