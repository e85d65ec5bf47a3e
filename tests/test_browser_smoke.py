"""The app opens in a real browser and draws Thai in the bundled Sarabun font."""

from __future__ import annotations

import urllib.request

import pytest
from playwright.sync_api import Page

from helpers.browser import screenshot, wait_for_streamlit

pytestmark = pytest.mark.browser

LOADED_SARABUN_FACES = """() => [...document.fonts]
    .filter((face) => face.family.replaceAll('"', '') === 'Sarabun' && face.status === 'loaded')
    .map((face) => face.weight)"""


def test_app_opens_with_the_city_in_the_title(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_streamlit(page)

    assert "Yala" in page.title() or "ยะลา" in page.title()
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "home-first-load")


def test_thai_text_is_drawn_in_the_bundled_sarabun_font(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_streamlit(page)

    body_font = page.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).fontFamily")
    assert body_font.split(",")[0].strip("\"' ") == "Sarabun"
    # The page shows Thai, so the browser must have fetched a Sarabun face from app/static/.
    assert "400" in page.evaluate(LOADED_SARABUN_FACES)


def test_font_files_are_served_from_static(app_url: str) -> None:
    font_url = f"{app_url}/app/static/fonts/sarabun-thai-400-normal.woff2"
    with urllib.request.urlopen(font_url, timeout=10) as response:
        assert response.status == 200
        assert response.read(4) == b"wOF2"
