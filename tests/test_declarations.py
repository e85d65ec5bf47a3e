"""The adapters' declarations themselves: complete, consistent, and unambiguous to match."""

from __future__ import annotations

import pytest

from data_sources.adapters import DATASETS
from data_sources.headers import header_forms
from data_sources.schema import PILLARS, Choice, Date, DateTime, Month

DESIGN_DATASETS = {
    "complaints",
    "revenue",
    "budget",
    "waste",
    "air_quality",
    "water_level",
    "incidents",
    "population",
    "welfare",
    "health",
    "facilities",
    "economy",
}


def test_the_twelve_datasets_of_the_design_are_declared() -> None:
    assert set(DATASETS) == DESIGN_DATASETS


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_dataset_declaration_is_complete(key: str) -> None:
    declared = DATASETS[key]
    assert declared.pillar in PILLARS
    assert declared.cadence_days > 0
    assert all(
        [
            declared.title_th,
            declared.title_en,
            declared.description_th,
            declared.description_en,
            declared.division_th,
            declared.division_en,
        ]
    )
    keys = [c.key for c in declared.columns]
    assert len(keys) == len(set(keys))
    assert set(declared.primary_key) <= set(keys)
    for column in declared.columns:
        assert column.label_th and column.label_en, column.key
    for key_column in declared.primary_key:
        column = declared.column(key_column)
        assert column.required or column.default is not None, f"{key}.{key_column} is part of the key"
    if declared.upload_mode == "replace_period":
        assert isinstance(declared.column(declared.period_column).kind, Date | DateTime | Month)


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_no_header_names_two_columns_of_one_dataset(key: str) -> None:
    owners: dict[str, str] = {}
    for column in DATASETS[key].columns:
        for header in column.headers:
            for form in header_forms(header):
                assert owners.setdefault(form, column.key) == column.key, (
                    f"'{header}' names {owners[form]} and {column.key}"
                )


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_no_word_names_two_options_of_one_list(key: str) -> None:
    for column in DATASETS[key].columns:
        if not isinstance(column.kind, Choice):
            continue
        owners: dict[str, str] = {}
        for option in column.kind.options:
            for word in (option.key, option.label_th, option.label_en, *option.synonyms):
                for form in header_forms(word):
                    assert owners.setdefault(form, option.key) == option.key, f"{key}.{column.key}: '{word}'"


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_personal_columns_are_never_required(key: str) -> None:
    assert all(not c.required for c in DATASETS[key].columns if c.personal)
