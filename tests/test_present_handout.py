"""The handout PDF: the presentation's story in Thai and English on the app's one PDF renderer,
read as a copy-paste would (no line starting with a Thai combining mark, the slides' figures in
it) and rendered page by page to PNG for a person to look at (screenshots/handout-*.png)."""

from __future__ import annotations

import pytest

from data_sources import store
from helpers.browser import SCREENSHOT_DIR
from helpers.pdf_pages import lines, page_texts, starts_with_thai_mark, to_png
from metrics.story.results import RESULT_KPIS
from ui import handout, kpi_text, present_data
from ui.strings import translate


@pytest.fixture(scope="module")
def story(present_city_url: str) -> handout.Story:
    return handout.gather(present_data.open_deck(store.connect(present_city_url), None))


@pytest.fixture(scope="module")
def pdfs(story: handout.Story) -> dict[str, bytes]:
    return {lang: handout.build(story, lang) for lang in ("th", "en")}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_line_starts_with_a_thai_combining_mark(pdfs: dict[str, bytes], lang: str) -> None:
    found = lines(pdfs[lang])
    assert len(found) > 100
    assert [line for line in found if starts_with_thai_mark(line)] == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_handout_tells_the_four_criteria_with_the_slides_figures(
    pdfs: dict[str, bytes], story: handout.Story, lang: str
) -> None:
    text = "\n".join(lines(pdfs[lang]))
    for number in range(1, 5):
        assert translate(f"present.criterion.{number}", lang) in text
    assert kpi_text.score_text(story.plan.city_score) in text
    for result in story.plan.kpis.values():
        assert kpi_text.kpi_name(result, lang) in text
        assert kpi_text.value_text(result, lang) in text, result.id
    assert story.results is not None
    for kpi_id in RESULT_KPIS:
        found = story.results.by_kpi[kpi_id]
        for value in (found.before, found.after):
            assert kpi_text.figure_text(value, found.kpi.unit, lang) in text, kpi_id


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_page_renders_for_a_person_to_read(pdfs: dict[str, bytes], lang: str) -> None:
    pages = to_png(pdfs[lang], SCREENSHOT_DIR, f"handout-{lang}", dpi=70)
    assert len(pages) == len(page_texts(pdfs[lang])) >= 10
    assert all(text.strip() for text in page_texts(pdfs[lang]))
