"""Views that travel, in a real browser: the mayor picks a fiscal year and a community, the URL
says so, a reload and the same link in another tab show the same view; and Print opens the print
view, which prints without the sidebar, a new sheet for each pillar."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pypdfium2
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from data_sources.schema import PILLARS
from helpers.browser import SCREENSHOT_DIR, screenshot, sign_in_as_mayor, wait_for_streamlit
from helpers.pdf_pages import THAI_COMBINING, lines, page_texts, to_png
from metrics.phrases import phrase

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


ENGLISH_PICKERS = ("Period", "Which one", "Community")


def _view(page: Page) -> tuple[str, str, str]:
    """What the page shows of the view: period kind, period, community (the English pickers' text)."""
    filters = page.locator(".st-key-exec_filters")
    kind, period, community = (filters.get_by_label(label, exact=True).input_value() for label in ENGLISH_PICKERS)
    return kind, period, community


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_reload_and_a_shared_link_keep_period_place_and_language(mayor_context: tuple[BrowserContext, Page]) -> None:
    context, page = mayor_context
    _pick(page, "ช่วงเวลา", "ปีงบประมาณ")
    _pick(page, "ชุมชน", "เสรี")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    # The click only queues a rerun (the page still says "not running" right after it): the
    # period picker under its English label is the sign that the English run drew the filters.
    page.locator(".st-key-exec_filters").get_by_label("Period", exact=True).wait_for()
    _drawn(page)
    chosen = _view(page)
    query = _query(page)
    assert query["period"][0].startswith("FY") and query["community"] == ["Seri"] and query["lang"] == ["English"]
    assert chosen[0] == "Fiscal year" and chosen[2] == "Seri"
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()

    page.reload()
    _shows_view(page, chosen)
    expect(page.locator('[data-testid="stCaptionContainer"]').first).to_have_text(caption)
    screenshot(page, "view-url-after-reload-en")

    shared = context.new_page()  # the same link opened elsewhere (the sign-in cookie is shared)
    shared.goto(page.url)
    _shows_view(shared, chosen)
    shared.close()


def _shows_view(page: Page, view: tuple[str, str, str]) -> None:
    """Assert that a freshly loaded page shows `view` in its English pickers. A fresh page mounts
    the pickers one by one after its run ends (labels first, then boxes), so each box is found by
    its label and awaited, not counted by position."""
    wait_for_streamlit(page)
    filters = page.locator(".st-key-exec_filters")
    for label, value in zip(ENGLISH_PICKERS, view, strict=True):
        expect(filters.get_by_label(label, exact=True)).to_have_value(value, timeout=60_000)
    _drawn(page)


def _drawn(page: Page) -> None:
    """Wait until no element is still a loading placeholder (widgets draw a moment after the run)."""
    wait_for_streamlit(page)
    page.wait_for_function("document.querySelectorAll('[data-testid=stSkeleton]').length === 0")
    page.locator('[data-testid="stMetricValue"]').first.wait_for()


def test_the_print_view_prints_without_the_sidebar_one_pillar_a_sheet(
    mayor_context: tuple[BrowserContext, Page], app_url: str
) -> None:
    _, page = mayor_context
    # The dialog is the browser's; record that the page asked for it instead (a real dialog and
    # page.pdf cannot print at once).
    page.evaluate("window.print = () => { window.printAsked = true; }")
    page.get_by_role("button", name="พิมพ์หน้านี้").click()  # opens the print view (?print=1), then the dialog
    page.wait_for_url(lambda url: "print=1" in url)
    page.wait_for_function("window.printAsked === true")
    _drawn(page)
    assert page.locator('[data-testid="stTabs"]').count() == 0  # pillars as sections, not tabs
    page.emulate_media(media="print")
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    sheet_starts = ["".join(lines(pdf_page)[:4]) for pdf_page in _pages(pdf)]
    for pillar in PILLARS:
        assert any(_begins_with(start, phrase("pillars", pillar, "th")) for start in sheet_starts), pillar
    assert not any("เข้าสู่ระบบ" in text or "ข้อมูลเปิด" in text for text in page_texts(pdf))  # no menu on paper
    to_png(pdf, SCREENSHOT_DIR, "mayor-dashboard-print-th", dpi=60)
    page.emulate_media(media="screen")
    page.get_by_role("button", name="กลับสู่หน้าปกติ").click()
    page.wait_for_url(lambda url: "print=1" not in url)
    page.locator('[data-testid="stTabs"]').wait_for()
    wait_for_streamlit(page)
    assert "print=1" not in page.url and page.locator('[data-testid="stTabs"]').count() == 1


def _begins_with(text: str, heading: str) -> bool:
    """True if `text` opens with `heading` as Chromium's PDF lets it be read back: a large Thai
    heading comes out over several lines, a cluster that carries a mark sometimes twice
    (ชีวิชีวิต, รับรัมือ). So: marks and spaces aside, the heading's letters in order from the
    first one, with at most a few repeats between them."""
    letters, wanted = _bare(text), _bare(heading)
    if not letters.startswith(wanted[:1]):
        return False
    found = iter(letters[: 2 * len(wanted)])
    return all(char in found for char in wanted)


def _bare(text: str) -> str:
    return re.sub(rf"[\s{THAI_COMBINING}]", "", text)


def _pages(pdf: bytes) -> list[bytes]:
    """Each page of `pdf` as a PDF of its own (so `lines` can read one page)."""
    source = pypdfium2.PdfDocument(pdf)
    pages = []
    for index in range(len(source)):
        single = pypdfium2.PdfDocument.new()
        single.import_pages(source, [index])
        buffer = io.BytesIO()
        single.save(buffer)
        pages.append(buffer.getvalue())
    return pages
