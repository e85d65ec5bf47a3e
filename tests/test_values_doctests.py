"""The examples in the values package's docstrings are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import data_sources.values as values_package

MODULES = sorted(info.name for info in pkgutil.iter_modules(values_package.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(f"data_sources.values.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_pure_parsers_have_examples() -> None:
    attempted = sum(doctest.testmod(importlib.import_module(f"data_sources.values.{n}")).attempted for n in MODULES)
    assert attempted >= 30
