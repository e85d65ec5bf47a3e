"""What a test needs from the machine, and what happens when it is missing."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def running_in_ci() -> bool:
    """True when the environment says this is a CI run (CI=true, as CI services and .ci/run set it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing_requirement(reason: str) -> NoReturn:
    """Skip the test on a laptop; fail it in CI, where .ci/run provides everything.

    A skip in CI would let the PostgreSQL lane or the browser tests go silently untested.
    """
    if running_in_ci():
        pytest.fail(f"{reason} (required when CI=true)", pytrace=False)
    pytest.skip(reason)
