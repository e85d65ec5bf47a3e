"""Photos citizens send with a complaint and staff attach to a fix: checked, capped, kept internal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from data_sources.tickets.errors import PhotoRefused

MAX_PHOTO_BYTES = 8 * 1024 * 1024  # a phone photo; anything larger is refused, not shrunk
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
    (b"ftypheic", 4, "image/heic"),
    (b"ftypheix", 4, "image/heic"),
    (b"ftypmif1", 4, "image/heic"),
)


@dataclass(frozen=True)
class Photo:
    content: bytes
    mime: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def image_type(content: bytes) -> str | None:
    """The image type the bytes say they are (by their signature, not their name), or None.

    >>> image_type(b"\\xff\\xd8\\xff\\xe0 rest"), image_type(b"%PDF-1.7")
    ('image/jpeg', None)
    """
    for signature, offset, mime in _SIGNATURES:
        if content[offset : offset + len(signature)] == signature:
            return mime
    return None


def checked_photo(content: bytes) -> Photo:
    """`content` as a Photo, or PhotoRefused when it is empty, too large or not an image."""
    if not content:
        raise PhotoRefused("ไฟล์รูปว่างเปล่า", "The photo file is empty.")
    if len(content) > MAX_PHOTO_BYTES:
        megabytes = MAX_PHOTO_BYTES // (1024 * 1024)
        raise PhotoRefused(f"รูปใหญ่เกิน {megabytes} MB", f"The photo is larger than {megabytes} MB.")
    mime = image_type(content)
    if mime is None:
        raise PhotoRefused(
            "ไฟล์นี้ไม่ใช่รูปภาพ (รับ JPEG, PNG, WEBP, HEIC)", "That file is not a photo (JPEG, PNG, WEBP, HEIC)."
        )
    return Photo(content, mime)
