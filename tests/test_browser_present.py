"""Browser: the award presentation walked by keyboard in full screen at projector size (1366x768),
in Thai and English, without one request off this machine; on a phone; and the live step (the
sample dropped, the figure changed, the change rolled back) as an executive does it.

Screenshots (screenshots/present-*.png) are named after the slide and language they show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from data_sources import accounts, store
from helpers.browser import fits_width, screenshot, seed_demo_city, serve_app, wait_for_streamlit
from helpers.db import sqlite_url
from ui.deck import SLIDES

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PASSWORD = "present-browser-password"
# Every key the deck answers, in the order the walk presses them; then the way back.
FORWARD_KEYS = ("ArrowRight", " ", "PageDown", "ArrowDown")
BACK_KEYS = (("ArrowLeft", -1), ("PageUp", -1), ("Shift+Space", -1), ("ArrowUp", -1), ("Home", None), ("End", None))


@pytest.fixture(scope="module")
def present_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a demo city of its own: the live step writes to it."""
    work_dir = tmp_path_factory.mktemp("present-app")
    database_url = sqlite_url(work_dir)
    seed_demo_city(database_url)
    accounts.add_account(store.connect(database_url), "mayor.browser", PASSWORD, "executive", display_name="นายก")
    with serve_app(work_dir, database_url) as base_url:
        yield base_url


def open_page(browser, size: dict[str, int]):  # noqa: ANN001, ANN201 - Playwright objects
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=size)
    context.set_default_timeout(60_000)
    return context, context.new_page()


def on_slide(page, index: int) -> None:  # noqa: ANN001
    """Wait until slide `index` (0-based) is drawn: the URL names it and the keys know it."""
    page.wait_for_function(f"new URLSearchParams(location.search).get('slide') === '{index + 1}'")
    page.wait_for_selector(f'[data-testid="stMain"][data-slide="{index}"]', state="attached")
    wait_for_streamlit(page)


def off_machine(requests: list[str]) -> list[str]:
    return [
        url
        for url in requests
        if not re.match(r"^(https?|wss?)://127\.0\.0\.1[:/]", url) and not url.startswith(("data:", "blob:"))
    ]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_slide_by_keyboard_in_full_screen(browser, present_url: str, lang: str) -> None:  # noqa: ANN001
    context, page = open_page(browser, PROJECTOR)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(f"{present_url}/present" + ("?lang=en" if lang == "en" else ""))
        page.wait_for_selector('html[data-slide-keys="ready"]', state="attached")
        wait_for_streamlit(page)
        page.keyboard.press("f")
        page.wait_for_function("document.fullscreenElement !== null")
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        screenshot(page, f"present-{lang}-01-{SLIDES[0].key}")
        for index in range(1, len(SLIDES)):
            page.keyboard.press(FORWARD_KEYS[index % len(FORWARD_KEYS)])
            on_slide(page, index)
            assert page.evaluate("document.fullscreenElement !== null"), f"left full screen at slide {index + 1}"
            screenshot(page, f"present-{lang}-{index + 1:02d}-{SLIDES[index].key}")
        at = len(SLIDES) - 1
        for key, step in BACK_KEYS:
            at = {"Home": 0, "End": len(SLIDES) - 1}.get(key, at + (step or 0))
            page.keyboard.press(key)
            on_slide(page, at)
        page.keyboard.press("f")
        page.wait_for_function("document.fullscreenElement === null")
        assert page.locator('[data-testid="stSidebar"]').is_visible()
        assert off_machine(requests) == []
    finally:
        context.close()


def test_keys_typed_into_a_field_do_not_turn_the_slide(browser, present_url: str) -> None:  # noqa: ANN001
    context, page = open_page(browser, PROJECTOR)
    try:
        page.goto(f"{present_url}/present")
        page.wait_for_selector('html[data-slide-keys="ready"]', state="attached")
        wait_for_streamlit(page)
        page.get_by_role("combobox").first.click()  # the period picker of the opening slide
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)
        assert "slide=2" not in page.url
    finally:
        context.close()


@pytest.mark.parametrize("key", ["opening", "freshness", "pillar_governance", "flow", "validation",
                                 "results_complaint_median_resolution_days", "floods", "before_after"])  # fmt: skip
def test_slides_fit_a_phone(browser, present_url: str, key: str) -> None:  # noqa: ANN001
    context, page = open_page(browser, PHONE)
    try:
        number = next(i for i, s in enumerate(SLIDES) if s.key == key) + 1
        page.goto(f"{present_url}/present?slide={number}")
        page.wait_for_selector('html[data-slide-keys="ready"]', state="attached")
        wait_for_streamlit(page)
        assert fits_width(page, PHONE["width"]), key
        screenshot(page, f"present-phone-{number:02d}-{key}")
    finally:
        context.close()


def test_the_live_step_as_an_executive(browser, present_url: str, tmp_path: Path) -> None:  # noqa: ANN001
    context, page = open_page(browser, PROJECTOR)
    try:
        page.goto(f"{present_url}/sign-in")
        wait_for_streamlit(page)
        page.get_by_label("ชื่อผู้ใช้").fill("mayor.browser")
        page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_url(lambda url: "/sign-in" not in url and "/api/" not in url)
        wait_for_streamlit(page)
        number = next(i for i, s in enumerate(SLIDES) if s.key == "live_figure") + 1
        page.goto(f"{present_url}/present?slide={number}")
        page.wait_for_selector('html[data-slide-keys="ready"]', state="attached")
        wait_for_streamlit(page)
        before = figures(page)[0]
        page.keyboard.press("ArrowLeft")
        on_slide(page, number - 2)
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile("ดาวน์โหลดไฟล์ตัวอย่าง$")).click()
        sample = tmp_path / "sample.xlsx"
        download.value.save_as(sample)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(sample))
        page.get_by_text(re.compile("รับไฟล์แล้ว: เพิ่ม 12 เรื่อง")).wait_for()
        screenshot(page, "present-live-dropped-th")
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.keyboard.press("ArrowRight")
        on_slide(page, number - 1)
        shows_figures(page, [before, before + 12])
        screenshot(page, "present-live-figure-changed-th")
        page.get_by_role("button", name=re.compile("ย้อนกลับรุ่นที่")).click()
        page.get_by_text(re.compile("ข้อมูลกลับเป็นเหมือนก่อนวางไฟล์")).wait_for()
        wait_for_streamlit(page)
        shows_figures(page, [before])
        screenshot(page, "present-live-rolled-back-th")
    finally:
        context.close()


FIGURES = ".slide-figure:not(.arrow) .value"


def figures(page) -> list[int]:  # noqa: ANN001
    """The slide's big figures, once the slide has drawn them (a fresh page mounts them after its run)."""
    page.locator(FIGURES).first.wait_for()
    return [int(text.replace(",", "")) for text in page.locator(FIGURES).all_inner_texts()]


def shows_figures(page, values: list[int]) -> None:  # noqa: ANN001
    """Assert the slide's big figures become `values` (the run that draws them may end a moment later)."""
    expect(page.locator(FIGURES)).to_have_text([f"{value:,}" for value in values])
