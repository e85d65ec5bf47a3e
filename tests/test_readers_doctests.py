"""The examples in the readers package's docstrings are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import data_sources.readers as readers_package

MODULES = sorted(info.name for info in pkgutil.iter_modules(readers_package.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(f"data_sources.readers.{name}"))
    assert result.failed == 0


def test_the_pure_helpers_have_examples() -> None:
    attempted = sum(
        doctest.testmod(importlib.import_module(f"data_sources.readers.{name}")).attempted for name in MODULES
    )
    assert attempted >= 10
