"""A zip file written strictly front to back, in memory that does not grow.

``zipfile.ZipFile`` can write to a stream that cannot seek, but it keeps a
``ZipInfo`` for every entry until it closes (about 440 bytes each, measured),
so a package of 10,000 family files would hold tens of megabytes just for its
central directory. This writer spools the central directory to a temporary
file instead and copies it out at the end. Entries are deflated and followed
by a data descriptor, as ``zipfile`` does on unseekable streams; ZIP64 records
are written where sizes, offsets or the number of entries need them.
Timestamps are fixed so that the same entries give the same bytes.
"""

import struct
import tempfile
import zlib
from contextlib import contextmanager
from typing import BinaryIO


LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
END_RECORD = struct.Struct("<4s4H2LH")
END_RECORD_64 = struct.Struct("<4sQ2H2L4Q")
END_LOCATOR_64 = struct.Struct("<4sLQL")

#: Above these, ZIP64 fields are used (the same limits as ``zipfile``).
ZIP64_LIMIT = (1 << 31) - 1
ZIP_FILECOUNT_LIMIT = (1 << 16) - 1

DEFLATED = 8
DEFLATE_VERSION = 20
ZIP64_VERSION = 45
UNIX = 3
FLAG_DATA_DESCRIPTOR = 0x08
FLAG_UTF8 = 0x800
DESCRIPTOR_SIGNATURE = 0x08074B50
# 1980-01-01 00:00:00, the earliest DOS time: entries carry no export time.
DOS_DATE = (0 << 9) | (1 << 5) | 1
DOS_TIME = 0
FILE_ATTRIBUTES = (0o100644 & 0xFFFF) << 16
COPY_CHUNK = 64 * 1024


class StreamingZipWriter:
    """Write entries one after another to ``stream``, which only needs ``write``."""

    def __init__(self, stream: BinaryIO, *, compresslevel: int = 6):
        self._stream = stream
        self._level = compresslevel
        self._offset = 0
        self._entries = 0
        self._central = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._central_size = 0
        self._writing = False
        self._closed = False

    def _emit(self, data: bytes) -> None:
        self._stream.write(data)
        self._offset += len(data)

    @contextmanager
    def open(self, name: str, size_hint: int | None = None):
        """An entry to write to; ``size_hint`` (bytes) decides whether it needs ZIP64."""
        if self._writing or self._closed:
            raise RuntimeError("one entry at a time, before close()")
        self._writing = True
        try:
            entry = _Entry(self, name, size_hint)
            yield entry
            entry.finish()
        finally:
            self._writing = False

    def _record(self, entry: "_Entry") -> None:
        extra = []
        sizes = (entry.size, entry.compressed_size)
        if max(sizes) > ZIP64_LIMIT:
            extra.extend(sizes)
            sizes = (0xFFFFFFFF, 0xFFFFFFFF)
        offset = entry.offset
        if offset > ZIP64_LIMIT:
            extra.append(offset)
            offset = 0xFFFFFFFF
        extra_data = (
            struct.pack(f"<HH{len(extra)}Q", 1, 8 * len(extra), *extra)
            if extra
            else b""
        )
        version = ZIP64_VERSION if extra or entry.zip64 else DEFLATE_VERSION
        record = CENTRAL_HEADER.pack(
            b"PK\x01\x02",
            version,
            UNIX,
            version,
            0,
            entry.flags,
            DEFLATED,
            DOS_TIME,
            DOS_DATE,
            entry.crc,
            sizes[1],
            sizes[0],
            len(entry.encoded_name),
            len(extra_data),
            0,
            0,
            0,
            FILE_ATTRIBUTES,
            offset,
        )
        data = record + entry.encoded_name + extra_data
        self._central.write(data)
        self._central_size += len(data)
        self._entries += 1

    def close(self) -> None:
        """Write the central directory and the end records; the stream stays open."""
        if self._closed:
            return
        self._closed = True
        directory_offset = self._offset
        self._central.seek(0)
        while chunk := self._central.read(COPY_CHUNK):
            self._emit(chunk)
        self._central.close()
        count, size, offset = self._entries, self._central_size, directory_offset
        if count > ZIP_FILECOUNT_LIMIT or size > ZIP64_LIMIT or offset > ZIP64_LIMIT:
            end_64 = self._offset
            self._emit(
                END_RECORD_64.pack(
                    b"PK\x06\x06",
                    44,
                    ZIP64_VERSION,
                    ZIP64_VERSION,
                    0,
                    0,
                    count,
                    count,
                    size,
                    offset,
                )  # fmt: skip
            )
            self._emit(END_LOCATOR_64.pack(b"PK\x06\x07", 0, end_64, 1))
            count = min(count, 0xFFFF)
            size = min(size, 0xFFFFFFFF)
            offset = min(offset, 0xFFFFFFFF)
        self._emit(END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0))

    def abort(self) -> None:
        """Stop without a central directory: what was written is no readable zip."""
        self._closed = True
        self._central.close()


class _Entry:
    """One entry being written: deflates, counts and checksums what it is given."""

    def __init__(self, writer: StreamingZipWriter, name: str, size_hint: int | None):
        self._writer = writer
        self.offset = writer._offset
        try:
            self.encoded_name = name.encode("ascii")
            self.flags = FLAG_DATA_DESCRIPTOR
        except UnicodeEncodeError:
            self.encoded_name = name.encode("utf-8")
            self.flags = FLAG_DATA_DESCRIPTOR | FLAG_UTF8
        self.zip64 = size_hint is None or size_hint * 1.05 > ZIP64_LIMIT
        self.crc = 0
        self.size = 0
        self.compressed_size = 0
        self._compressor = zlib.compressobj(writer._level, zlib.DEFLATED, -15)
        if self.zip64:
            extra = struct.pack("<HHQQ", 1, 16, 0, 0)
            version, unknown = ZIP64_VERSION, 0xFFFFFFFF
        else:
            extra, version, unknown = b"", DEFLATE_VERSION, 0
        writer._emit(
            LOCAL_HEADER.pack(
                b"PK\x03\x04",
                version,
                0,
                self.flags,
                DEFLATED,
                DOS_TIME,
                DOS_DATE,
                0,
                unknown,
                unknown,
                len(self.encoded_name),
                len(extra),
            )
            + self.encoded_name
            + extra
        )

    def write(self, data: bytes) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._emit_compressed(self._compressor.compress(data))
        return len(data)

    def _emit_compressed(self, data: bytes) -> None:
        if data:
            self.compressed_size += len(data)
            self._writer._emit(data)

    def finish(self) -> None:
        self._emit_compressed(self._compressor.flush())
        if not self.zip64 and max(self.size, self.compressed_size) > ZIP64_LIMIT:
            raise RuntimeError("entry larger than its size hint allowed")
        if self.zip64:
            descriptor = struct.pack(
                "<LLQQ", DESCRIPTOR_SIGNATURE, self.crc, self.compressed_size, self.size
            )
        else:
            descriptor = struct.pack(
                "<LLLL", DESCRIPTOR_SIGNATURE, self.crc, self.compressed_size, self.size
            )
        self._writer._emit(descriptor)
        self._writer._record(self)
