"""Exceptions raised at the data layer's boundary; the CLI and the pages catch them."""

from __future__ import annotations


class DataSourceError(Exception):
    """Base of every error this package raises on purpose.

    `message_th` and `message_en` are shown to staff as they are; `code` never changes.
    """

    code = "data-source-error"

    def __init__(self, message_th: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_th = message_th
        self.message_en = message_en


class UnknownDataset(DataSourceError):
    code = "unknown-dataset"

    def __init__(self, key: str, known: tuple[str, ...]) -> None:
        names = ", ".join(known)
        super().__init__(
            f"ไม่รู้จักชุดข้อมูล '{key}' (ชุดข้อมูลที่มี: {names})",
            f"Unknown dataset '{key}' (known datasets: {names})",
        )
        self.key = key


class UploadTooLarge(DataSourceError):
    code = "upload-too-large"


class UnreadableFile(DataSourceError):
    """The file could not be read as a spreadsheet: wrong type, corrupt, or hostile."""

    code = "unreadable-file"


class VersionNotFound(DataSourceError):
    code = "version-not-found"


class KeyExists(DataSourceError):
    """An entry meant to add a row named a key that is already there."""

    code = "key-exists"
