"""Every example written in a docstring of the plain-Python packages runs and holds.

A docstring example is documentation a reader trusts; one that no test runs drifts (a month
heading documented as read while the code called it "other"). Modules are found by walking the
packages, so a new module's examples are checked without being listed here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("data_sources", "metrics", "chatbot", "channels")


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        names.append(package)
        names += [
            m.name for m in pkgutil.walk_packages(root.__path__, f"{package}.") if not m.name.endswith("__main__")
        ]
    return sorted(names)


def _with_examples() -> list[str]:
    finder = doctest.DocTestFinder()
    return [n for n in _modules() if any(t.examples for t in finder.find(importlib.import_module(n)))]


def test_the_walk_finds_the_modules_known_to_have_examples() -> None:
    found = _with_examples()
    assert {"data_sources.layout", "metrics.river_outlook", "channels.line_messages"} <= set(found)


@pytest.mark.parametrize("name", _with_examples())
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
