"""The executive pages in a real browser, signed in as the demo mayor: each page at a desktop's
width and a phone's, in Thai and English, with one screenshot per state to look at; the map
drawing offline; a KPI card opening its drill-down.

Under `streamlit run app.py` a sign-in lasts one page load, so the tests sign in once per
browser tab and then move with the menu, as a person would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Request

from helpers.browser import fits_width, sign_in_as_mayor, wait_for_streamlit, whole_page_screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# url_path → (menu title in Thai, in English), (page heading in Thai, in English), screenshot name
EXECUTIVE_PAGES = {
    "mayor": (("ภาพรวมผู้บริหาร", "Mayor Dashboard"), ("ภาพรวมผู้บริหาร", "Mayor Dashboard"), "mayor-dashboard"),
    "governance": (
        ("ด้านการบริหารจัดการ", "Governance"),
        ("การบริหารจัดการอัจฉริยะ", "Smart Governance"),
        "pillar-governance",
    ),
    "living": (("ด้านคุณภาพชีวิต", "Living"), ("คุณภาพชีวิตอัจฉริยะ", "Smart Living"), "pillar-living"),
    "environment": (("ด้านสิ่งแวดล้อม", "Environment"), ("สิ่งแวดล้อมอัจฉริยะ", "Smart Environment"), "pillar-environment"),
    "economy": (("ด้านเศรษฐกิจ", "Economy"), ("เศรษฐกิจอัจฉริยะ", "Smart Economy"), "pillar-economy"),
    "resilience": (("ด้านรับมือภัยพิบัติ", "Resilience"), ("เมืองพร้อมรับมือภัยพิบัติ", "Resilience"), "pillar-resilience"),
    "city-map": (("แผนที่เมือง", "City map"), ("แผนที่เมือง", "City map"), "city-map"),
    "kpi": (("รายละเอียดตัวชี้วัด", "KPI detail"), ("รายละเอียดตัวชี้วัด", "KPI detail"), "kpi-detail"),
}
# Latin a Thai reader sees in Thai text too: units, codes and names.
THAI_MODE_LATIN = {"PM", "CCTV", "LINE", "OA", "Traffy", "Fondue", "PDF", "Excel"}  # file formats keep their names
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
TILE_HOSTS = ("cartocdn", "mapbox", "openstreetmap", "maptiler", "googleapis.com/maps")
# Material icons are ligatures (translate="no"): their names are in the DOM but never seen.
_VISIBLE_TEXT = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]').cloneNode(true);
    main.querySelectorAll('[translate="no"]').forEach((icon) => icon.remove());
    document.body.appendChild(main);
    const text = main.innerText;
    main.remove();
    return text;
}"""


@pytest.fixture
def mayor_tab(browser: Browser, app_url: str) -> Iterator[Page]:
    """A tab signed in as the demo mayor (Thai), at a desktop's width."""
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=DESKTOP)
    context.set_default_timeout(60_000)
    page = context.new_page()
    sign_in_as_mayor(page, app_url)
    try:
        yield page
    finally:
        context.close()


def _menu(page: Page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    wait_for_streamlit(page)


def _open(page: Page, url_path: str, lang: str) -> None:
    """Open an executive page from the menu (desktop width: the phone's menu is folded away)."""
    page.set_viewport_size(DESKTOP)
    menu, heading, _ = EXECUTIVE_PAGES[url_path]
    index = 0 if lang == "th" else 1
    _menu(page, menu[index])
    page.get_by_role("heading", level=1, name=heading[index], exact=True).wait_for()
    page.locator('[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]').first.wait_for()
    wait_for_streamlit(page)
    assert page.locator('[data-testid="stException"]').count() == 0, url_path


def _english(page: Page) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    # The click only queues a rerun; the run that takes it writes the language into the URL.
    page.wait_for_url(lambda url: "lang=English" in url)
    wait_for_streamlit(page)


def _main_text(page: Page) -> str:
    return page.evaluate(_VISIBLE_TEXT)


def _shoot(page: Page, name: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    wait_for_streamlit(page)
    whole_page_screenshot(page, name, margin=0, settle_ms=800)


@pytest.mark.parametrize(("viewport", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_executive_pages_in_thai_have_no_english_and_fit(
    mayor_tab: Page, viewport: dict[str, int], device: str
) -> None:
    for url_path, (*_, name) in EXECUTIVE_PAGES.items():
        _open(mayor_tab, url_path, "th")
        mayor_tab.set_viewport_size(viewport)
        wait_for_streamlit(mayor_tab)
        text = _main_text(mayor_tab)
        assert "⟦" not in text, url_path  # a string key with no text
        assert {w for w in _LATIN_WORD.findall(text) if w not in THAI_MODE_LATIN} == set(), url_path
        assert fits_width(mayor_tab, viewport["width"]), url_path
        _shoot(mayor_tab, f"{name}-{device}-th", viewport)


@pytest.mark.parametrize(("viewport", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_executive_pages_in_english(mayor_tab: Page, viewport: dict[str, int], device: str) -> None:
    _english(mayor_tab)
    for url_path, (*_, name) in EXECUTIVE_PAGES.items():
        _open(mayor_tab, url_path, "en")
        mayor_tab.set_viewport_size(viewport)
        wait_for_streamlit(mayor_tab)
        text = _main_text(mayor_tab)
        assert "⟦" not in text, url_path
        assert re.findall(r"[\u0e00-\u0e7f]+", text) == [], url_path  # no Thai left in English mode
        assert fits_width(mayor_tab, viewport["width"]), url_path
        _shoot(mayor_tab, f"{name}-{device}-en", viewport)


DECK_READY = """() => {
    const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
    if (!canvas || canvas.clientHeight < 400) return false;
    const ratio = window.devicePixelRatio;
    return canvas.width === Math.round(canvas.clientWidth * ratio) && canvas.height === Math.round(canvas.clientHeight * ratio);
}"""


def test_the_city_map_draws_without_basemap_tiles(mayor_tab: Page) -> None:
    tile_requests: list[str] = []

    def note(request: Request) -> None:
        if any(host in request.url for host in TILE_HOSTS):
            tile_requests.append(request.url)

    mayor_tab.on("request", note)
    _open(mayor_tab, "city-map", "th")
    chart = mayor_tab.locator('[data-testid="stDeckGlJsonChart"]')
    # The canvas is mounted (at the browser's 300 x 150 default) seconds before deck.gl has set
    # itself up and listens to the pointer: its drawing buffer sized to the chart is the sign.
    mayor_tab.wait_for_function(DECK_READY)
    box = chart.bounding_box()
    assert box is not None and box["height"] > 400
    # The busiest hexagons are at the city centre, the middle of the map: point at one.
    mayor_tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    tooltip = mayor_tab.locator(".deck-tooltip")
    tooltip.wait_for(state="visible")
    assert re.search(r"[\u0e00-\u0e7f]", tooltip.inner_text())  # Thai
    assert "<" not in tooltip.inner_text()  # text, not HTML shown as code
    _shoot(mayor_tab, "city-map-tooltip-desktop-th", DESKTOP)
    assert tile_requests == []


def test_a_kpi_card_opens_its_drill_down(mayor_tab: Page) -> None:
    _open(mayor_tab, "mayor", "th")
    mayor_tab.get_by_text("ดูรายละเอียด").first.click()
    wait_for_streamlit(mayor_tab)
    mayor_tab.get_by_role("heading", name="รายละเอียดตัวชี้วัด").wait_for()
    mayor_tab.locator('[data-testid="stMetric"]').first.wait_for()
    wait_for_streamlit(mayor_tab)
    assert "detail_kpi=complaints_received" in mayor_tab.url
    assert "เรื่องร้องเรียนที่รับ" in _main_text(mayor_tab)
    _shoot(mayor_tab, "kpi-detail-from-card-desktop-th", DESKTOP)
