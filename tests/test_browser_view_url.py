"""Views that travel, in a real browser: the mayor picks a fiscal year and a community, the URL
says so, a reload and the same link in another tab show the same view; and the page prints
without the sidebar, a new sheet before each pillar."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from helpers.browser import SCREENSHOT_DIR, screenshot, sign_in_as_mayor, wait_for_streamlit
from helpers.pdf_pages import page_texts, to_png

pytestmark = pytest.mark.browser


@pytest.fixture
def mayor_context(browser: Browser, app_url: str) -> Iterator[tuple[BrowserContext, Page]]:
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    sign_in_as_mayor(page, app_url)
    try:
        yield context, page
    finally:
        context.close()


def _pick(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click()
    page.keyboard.type(option)  # long lists draw only the options in view: filter first, as people do
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_streamlit(page)


def _view(page: Page) -> tuple[str, str, str]:
    """What the page shows of the view: period kind, period, community (the pickers' text)."""
    boxes = page.locator('.st-key-exec_filters [data-baseweb="select"]')
    kind, period, community = (boxes.nth(i).inner_text().strip() for i in range(3))
    return kind, period, community


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_reload_and_a_shared_link_keep_period_place_and_language(mayor_context: tuple[BrowserContext, Page]) -> None:
    context, page = mayor_context
    _pick(page, "ช่วงเวลา", "ปีงบประมาณ")
    _pick(page, "ชุมชน", "เสรี")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_for_streamlit(page)
    chosen = _view(page)
    query = _query(page)
    assert query["period"][0].startswith("FY") and query["community"] == ["Seri"] and query["lang"] == ["English"]
    assert chosen[0] == "Fiscal year" and chosen[2] == "Seri"
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()

    page.reload()
    wait_for_streamlit(page)
    page.locator(".st-key-exec_filters").wait_for()
    assert _view(page) == chosen
    assert page.locator('[data-testid="stCaptionContainer"]').first.inner_text() == caption
    screenshot(page, "view-url-after-reload-en")

    shared = context.new_page()  # the same link opened elsewhere (the sign-in cookie is shared)
    shared.goto(page.url)
    wait_for_streamlit(shared)
    shared.locator(".st-key-exec_filters").wait_for()
    assert _view(shared) == chosen
    shared.close()


def test_the_dashboard_prints_without_the_sidebar_one_pillar_a_sheet(
    mayor_context: tuple[BrowserContext, Page],
) -> None:
    _, page = mayor_context
    page.emulate_media(media="print")
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    texts = page_texts(pdf)
    assert len(texts) >= 6  # scores and alerts, then a sheet for each of the five pillars
    starts = [text.lstrip().split("\n")[0] for text in texts]
    for pillar in ("การบริหารจัดการอัจฉริยะ", "คุณภาพชีวิตอัจฉริยะ", "สิ่งแวดล้อมอัจฉริยะ", "เศรษฐกิจอัจฉริยะ"):
        assert any(start.startswith(pillar) for start in starts), pillar
    assert not any("ภาพรวมผู้บริหาร" in text and "เข้าสู่ระบบ" in text for text in texts)  # no menu
    to_png(pdf, SCREENSHOT_DIR, "mayor-dashboard-print-th", dpi=60)
