"""Remembering which names were used, in memory that does not grow.

The writer must not give two family files the same folder, but keeping every
folder name in a set would make memory grow with the export. A Bloom filter
of fixed size answers "certainly new" for almost every name; only when it
says "maybe seen" is the list of names on disk read to be sure.
"""

import hashlib
import tempfile


class SeenNames:
    """A set of names that only supports adding and uses fixed memory."""

    BITS = 1 << 21  # 256 KiB: a false alarm (one disk scan) per ~10^3 at 10^5 names
    HASHES = 4

    def __init__(self):
        self._filter = bytearray(self.BITS // 8)
        self._names = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())

    def add(self, name: str) -> bool:
        """Remember ``name``; False if it had been added before."""
        encoded = name.encode("utf-8")
        positions = self._positions(encoded)
        maybe_seen = all(self._filter[p >> 3] & (1 << (p & 7)) for p in positions)
        if maybe_seen and self._on_disk(encoded):
            return False
        for position in positions:
            self._filter[position >> 3] |= 1 << (position & 7)
        self._names.write(len(encoded).to_bytes(4, "big") + encoded)
        return True

    def close(self) -> None:
        self._names.close()

    def _positions(self, encoded: bytes) -> list[int]:
        digest = hashlib.blake2b(encoded, digest_size=4 * self.HASHES).digest()
        return [
            int.from_bytes(digest[4 * i : 4 * i + 4], "big") % self.BITS
            for i in range(self.HASHES)
        ]

    def _on_disk(self, encoded: bytes) -> bool:
        end = self._names.tell()
        self._names.seek(0)
        try:
            while self._names.tell() < end:
                length = int.from_bytes(self._names.read(4), "big")
                if self._names.read(length) == encoded:
                    return True
            return False
        finally:
            self._names.seek(end)
