"""Uploaded bytes to raw sheets, safely.

    check_upload(content, file_name, limits)      refuse hostile, oversized or unsupported files
    read_sheets(content, file_name, limits)       guard, then every sheet's raw cells
    run_isolated(function, *args, limits=...)     run a top-level function in a capped child process
    fork_children_directly()                      a one-shot command forks its own children

Errors are `UnreadableFile` / `UploadTooLarge` (data_sources.errors) with `.code` and `.issue`.
"""

from __future__ import annotations

from data_sources.readers.base import Limits, Sheet
from data_sources.readers.isolation import fork_children_directly, run_isolated, warm_up
from data_sources.readers.upload import check_upload, read_sheets

__all__ = ["Limits", "Sheet", "check_upload", "fork_children_directly", "read_sheets", "run_isolated", "warm_up"]
