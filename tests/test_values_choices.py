"""Matching cells to the options of a list, however staff spelled them."""

from __future__ import annotations

from datetime import date

import pytest

from data_sources.adapters import DATASETS
from data_sources.schema import Choice, Option
from data_sources.values import match_choice, normalise_choice, parse_column
from data_sources.values.choices import choice_collisions

TODAY = date(2025, 6, 1)
STATUS = Choice(
    (
        Option("received", "รับเรื่องแล้ว", "Received", ("รับเรื่อง", "new")),
        Option("resolved", "เสร็จสิ้น", "Resolved", ("ดำเนินการแล้วเสร็จ", "แล้วเสร็จ", "closed")),
    ),
    closed=True,
)
CATEGORY = Choice(
    (
        Option("water_supply", "น้ำประปา", "Water supply", ("ประปา",)),
        Option("walk_in", "ติดต่อด้วยตนเอง", "Walk-in", ("walk in",)),
        Option("other", "อื่น ๆ", "Other"),
        Option("care", "แม่และเด็ก", "Mother and child"),
        Option("muang_thong", "เมืองทอง", "Mueang Thong"),
    ),
    closed=False,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("resolved", "resolved"),  # the key
        ("เสร็จสิ้น", "resolved"),  # the Thai label
        ("RESOLVED", "resolved"),  # the English label, any case
        ("ดำเนินการแล้วเสร็จ", "resolved"),  # a synonym
        (" Closed. ", "resolved"),
        ("รับเรื่อง แล้ว", "received"),
    ],
)
def test_value_matches_by_key_label_or_synonym(text: str, key: str) -> None:
    assert match_choice(text, STATUS) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("อื่นๆ", "other"),  # ไม้ยมก without its space
        ("อื่น  ๆ", "other"),
        ("นํ้าประปา", "water_supply"),  # sara am typed as nikhahit + tone + sara aa
        ("นํา้ประปา", "water_supply"),
        ("เเม่และเด็ก", "care"),  # แ typed as two เ
        ("ชุมชนเมืองทอง", "muang_thong"),
        ("ชุมชน เมืองทอง", "muang_thong"),
        ("walk-in", "walk_in"),
        ("WALKIN", "walk_in"),
    ],
)
def test_thai_spelling_variants_match(text: str, key: str) -> None:
    assert match_choice(text, CATEGORY) == key


def test_unknown_value_matches_nothing() -> None:
    assert match_choice("รอตรวจสอบ", STATUS) is None


def test_normalisation_keeps_different_words_apart() -> None:
    assert normalise_choice("ประปา") != normalise_choice("ปา")


def test_closed_list_rejects_unknown_value_naming_the_thai_labels() -> None:
    parsed = parse_column(["แล้วเสร็จ", "รอตรวจสอบ", None, "-"], STATUS, today=TODAY)
    assert parsed.values.tolist()[0] == "resolved"
    assert parsed.values.isna().tolist() == [False, True, True, True]
    assert parsed.empty.tolist() == [False, False, True, True]
    [problem] = parsed.problems
    assert (problem.index, problem.code, problem.severity, problem.value) == (1, "unknown-choice", "error", "รอตรวจสอบ")
    assert problem.slots == {"choices": "รับเรื่องแล้ว, เสร็จสิ้น"}


def test_open_list_keeps_a_new_value_as_cleaned_text_with_a_warning() -> None:
    parsed = parse_column(["อื่นๆ", "  ต้นไม้  ล้ม ", "ต้นไม้ ล้ม"], CATEGORY, today=TODAY)
    assert parsed.values.tolist() == ["other", "ต้นไม้ ล้ม", "ต้นไม้ ล้ม"]
    assert [(p.index, p.code, p.severity) for p in parsed.problems] == [
        (1, "new-choice", "warning"),
        (2, "new-choice", "warning"),
    ]


def test_exact_synonym_match_raises_no_warning() -> None:
    assert parse_column(["ประปา", "Water supply"], CATEGORY, today=TODAY).problems == ()


def test_number_cell_matches_an_option_written_as_digits() -> None:
    numbered = Choice((Option("1", "หนึ่ง", "One"), Option("2", "สอง", "Two")), closed=True)
    parsed = parse_column([1.0, "๒"], numbered, today=TODAY)
    assert parsed.values.tolist() == ["1", "2"]


def test_no_declared_list_has_a_spelling_that_names_two_options() -> None:
    collisions = {
        (dataset.key, column.key): choice_collisions(column.kind)
        for dataset in DATASETS.values()
        for column in dataset.columns
        if isinstance(column.kind, Choice)
    }
    assert {where: found for where, found in collisions.items() if found} == {}
