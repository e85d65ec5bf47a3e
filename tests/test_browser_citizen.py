"""The public pages in a real browser, at a desktop's width (1280 px) and a phone's (390 px), in
Thai and English: they draw without errors, fit the phone's width, and Thai mode shows no English
words of ours. One screenshot per state, named for it, to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers.browser import fits_width, send_chat, wait_for_streamlit, whole_page_screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The dashboard is the default page: it lives at the app's root, not at its url_path.
PUBLIC_PAGES = {"": "citizen-dashboard", "chatbot": "chatbot", "complaint-status": "complaint-status", "services": "services-map",
                "open-data": "open-data", "about": "about"}  # fmt: skip
# Latin words that Thai readers see in Thai text too: units, formats, product and place names.
THAI_MODE_LATIN = {"PM", "CSV", "JSON", "UTF", "BOM", "Excel", "YYYY", "MM", "DD", "HH", "SS", "LINE", "OA", "CCTV",
                   "TK", "Park", "YALA", "Yala", "Resilience", "City", "DG", "Awards"}  # fmt: skip
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# The language toggle writes its label into the URL (?lang=English), so that is what a shared link holds.
ENGLISH = "lang=English"


@pytest.fixture(scope="module")
def warm_app(browser: Browser, app_url: str) -> str:
    """Open the home page once first. On a freshly started server, a deep link (/chatbot) visited
    before any session ran app.py is served from the pages/ folder alone, without the app shell
    (no navigation, no language toggle): a known gap reported to the lead, not what is tested here."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(240_000)
    page.goto(app_url)
    wait_for_streamlit(page)
    context.close()
    return app_url


@pytest.fixture
def open_page(browser: Browser, warm_app: str) -> Iterator[object]:
    contexts = []

    def open_at(viewport: dict[str, int]) -> Page:
        context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=viewport)
        # Generous: the first chatbot visit trains the intent model on a shared 2-core machine.
        context.set_default_timeout(240_000)
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def _visit(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_streamlit(page)
    page.locator('[data-testid="stMainBlockContainer"]').first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0


# Material icons are ligatures (translate="no"): their names ("search") are in the DOM, never seen.
_VISIBLE_TEXT = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]').cloneNode(true);
    main.querySelectorAll('[translate="no"]').forEach((icon) => icon.remove());
    document.body.appendChild(main);
    const text = main.innerText;
    main.remove();
    return text;
}"""


def _main_text(page: Page) -> str:
    return page.evaluate(_VISIBLE_TEXT)


def _english_words(text: str) -> set[str]:
    return {word for word in _LATIN_WORD.findall(text) if word not in THAI_MODE_LATIN}


@pytest.mark.parametrize(("viewport", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_public_pages_in_thai_have_no_english_and_fit(
    open_page, app_url: str, viewport: dict[str, int], device: str
) -> None:  # noqa: ANN001
    page = open_page(viewport)
    for path, name in PUBLIC_PAGES.items():
        _visit(page, f"{app_url}/{path}")
        assert _english_words(_main_text(page)) == set(), path
        assert fits_width(page, viewport["width"]), path
        whole_page_screenshot(page, f"{name}-{device}-th")


@pytest.mark.parametrize(("viewport", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_citizen_dashboard_in_english(open_page, app_url: str, viewport: dict[str, int], device: str) -> None:  # noqa: ANN001
    page = open_page(viewport)
    _visit(page, f"{app_url}/?{ENGLISH}")
    text = _main_text(page)
    assert "City data for citizens" in text and "Air quality today" in text
    assert fits_width(page, viewport["width"])
    whole_page_screenshot(page, f"citizen-dashboard-{device}-en")


def test_a_link_may_name_the_language_by_its_code(open_page, app_url: str) -> None:  # noqa: ANN001
    page = open_page(PHONE)
    _visit(page, f"{app_url}/chatbot?lang=en")
    assert "/chatbot?lang=English" in page.url  # same page, in the toggle's own form, so a reload keeps it
    page.locator('[data-testid="stChatInput"]').wait_for()  # the rewrite of the URL reruns the page
    assert page.locator('[data-testid="stChatInput"]').count() == 1
    page.reload()
    wait_for_streamlit(page)
    assert re.findall(r"[\u0e00-\u0e7f]+", _main_text(page)) == []
    _visit(page, f"{app_url}/?lang=th")
    expect(page.get_by_test_id("stMainBlockContainer").first).to_contain_text("ข้อมูลเมืองสำหรับประชาชน")


def test_visitor_finds_a_ticket_on_a_phone(open_page, app_url: str) -> None:  # noqa: ANN001
    page = open_page(PHONE)
    _visit(page, f"{app_url}/complaint-status")
    page.get_by_label("เลขที่เรื่อง").fill("0001/2567")
    page.get_by_role("button", name="ค้นหา").click()
    wait_for_streamlit(page)
    page.get_by_text("เรื่องเลขที่ 0001/2567").wait_for()
    assert "วันที่รับเรื่อง" in _main_text(page)
    whole_page_screenshot(page, "complaint-status-found-phone-th")
    page.get_by_label("เลขที่เรื่อง").fill("9999/2501")
    page.get_by_role("button", name="ค้นหา").click()
    wait_for_streamlit(page)
    page.get_by_text("ไม่พบเรื่องเลขที่ 9999/2501").wait_for()
    whole_page_screenshot(page, "complaint-status-not-found-phone-th")


def _chat(page: Page, message: str, expected: str) -> None:
    send_chat(page, message)
    page.get_by_text(expected).last.wait_for()


def test_visitor_files_a_complaint_in_the_chat_and_follows_it_on_a_phone(open_page, app_url: str) -> None:  # noqa: ANN001
    page = open_page(PHONE)
    _visit(page, f"{app_url}/chatbot")
    whole_page_screenshot(page, "chatbot-start-phone-th")
    _chat(page, "ฝุ่นวันนี้เท่าไหร่คะ", "ที่มา: ชุดข้อมูลคุณภาพอากาศ")
    whole_page_screenshot(page, "chatbot-air-answer-phone-th")
    _chat(page, "แจ้งเรื่องร้องเรียนค่ะ", "เป็นเรื่องประเภทใด")
    _chat(page, "3", "เกิดที่ชุมชนหรือสถานที่ใด")
    _chat(page, "ชุมชนสะพรั่ง ถนนสิโรรส", "เล่ารายละเอียดของปัญหา")
    _chat(page, "ขยะล้นถังหน้าตลาดมา 3 วันแล้ว ส่งกลิ่นเหม็น", "ต้องการให้เจ้าหน้าที่ติดต่อกลับไหม")
    _chat(page, "ข้าม", "ตรวจสอบก่อนส่งเรื่อง")
    whole_page_screenshot(page, "chatbot-complaint-summary-phone-th")
    _chat(page, "ยืนยัน", "ส่งเรื่องเรียบร้อยแล้ว")
    assert fits_width(page, PHONE["width"])
    whole_page_screenshot(page, "chatbot-complaint-ticket-phone-th")
    link = page.get_by_role("link", name=re.compile("ติดตามสถานะเรื่อง CB"))
    ticket = link.inner_text().split()[-1]
    link.click()
    wait_for_streamlit(page)
    page.get_by_text(f"เรื่องเลขที่ {ticket}").wait_for()
    assert "รับเรื่องแล้ว" in _main_text(page)
    whole_page_screenshot(page, "complaint-status-from-chatbot-phone-th")


def test_chat_in_english_on_a_desktop(open_page, app_url: str) -> None:  # noqa: ANN001
    page = open_page(DESKTOP)
    _visit(page, f"{app_url}/chatbot?{ENGLISH}")
    _chat(page, "is the river high right now?", "Source: dataset River water level")
    _chat(page, "my house is on fire!", "1669")
    whole_page_screenshot(page, "chatbot-river-and-emergency-desktop-en")
