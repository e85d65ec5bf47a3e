"""Inflating one zip member from the central directory's offsets, trusting none of its sizes.

Output is counted as it comes: a member that inflates past its declared size is refused
("understated-size": the only reason to lie about it is a bomb), and size and CRC are checked at
the end. Large members can be inflated a chunk ahead on a helper thread (zlib releases the GIL).
"""

from __future__ import annotations

import queue
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator

from data_sources.readers.base import damaged, hostile, megabytes

_LOCAL_HEADER = b"PK\x03\x04"
_INPUT_SLICE = 512 * 1024
_OUTPUT_CHUNK = 4 * 1024 * 1024
LARGE_PART = 2 * _OUTPUT_CHUNK  # parts this large are inflated on a helper thread


def inflate(content: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes, inflated from its compressed size; refuses output past the declared size."""
    start = data_offset(content, info)
    raw = memoryview(content)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        pieces: Iterator[bytes] = (bytes(raw[i : i + _OUTPUT_CHUNK]) for i in range(0, len(raw), _OUTPUT_CHUNK))
    else:
        pieces = _inflate_raw(raw, info.filename)
    produced = 0
    checksum = 0
    for piece in pieces:
        produced += len(piece)
        if produced > info.file_size:
            # The header understates the part; the only reason to lie about it is a bomb.
            raise hostile("understated-size", part=info.filename, declared=megabytes(info.file_size))
        checksum = zlib.crc32(piece, checksum)
        yield piece
    if produced != info.file_size or checksum != info.CRC:
        raise damaged("damaged-zip", detail=f"{info.filename}: size or checksum mismatch")


def inflate_ahead(content: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """`inflate` on a helper thread, a chunk or two ahead of the scan.

    zlib and crc32 release the GIL, so inflating the next chunk overlaps scanning this one.
    """
    ahead = _Ahead(inflate(content, info))
    try:
        yield from ahead
    finally:
        ahead.close()  # the scan may stop early (limits reached): let the helper end


class _Ahead:
    """Items of an iterator produced on a daemon thread into a small queue."""

    def __init__(self, items: Iterator[bytes]) -> None:
        self._items = items
        self._queue: queue.Queue[tuple[bytes | None, BaseException | None]] = queue.Queue(maxsize=2)
        self._stop = threading.Event()
        self._worker = threading.Thread(target=self._produce, name="inflate-ahead", daemon=True)
        self._worker.start()

    def __iter__(self) -> Iterator[bytes]:
        while True:
            item, error = self._queue.get()
            if error is not None:
                raise error
            if item is None:
                return
            yield item

    def close(self) -> None:
        self._stop.set()
        self._worker.join()

    def _produce(self) -> None:
        try:
            for item in self._items:
                if not self._offer((item, None)):
                    return
            self._offer((None, None))
        except BaseException as error:  # noqa: BLE001 - handed to the consuming thread, raised there
            self._offer((None, error))

    def _offer(self, entry: tuple[bytes | None, BaseException | None]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False


def _inflate_raw(raw: memoryview, part: str) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for offset in range(0, len(raw), _INPUT_SLICE):
            piece = inflater.decompress(raw[offset : offset + _INPUT_SLICE], _OUTPUT_CHUNK)
            while True:
                yield piece
                if not inflater.unconsumed_tail:
                    break
                piece = inflater.decompress(inflater.unconsumed_tail, _OUTPUT_CHUNK)
    except zlib.error as error:
        raise damaged("damaged-zip", detail=f"{part}: {error}") from None
    if not inflater.eof:
        raise damaged("damaged-zip", detail=f"{part}: truncated")


def data_offset(content: bytes, info: zipfile.ZipInfo) -> int:
    header = info.header_offset
    if content[header : header + 4] != _LOCAL_HEADER:
        raise damaged("damaged-zip", detail=f"{info.filename}: bad local header")
    name_length, extra_length = struct.unpack_from("<HH", content, header + 26)
    return header + 30 + name_length + extra_length
