"""The audit store: append-only JSON-lines files whose entries form a hash chain.

Pure Python, no Plone: plain dicts in, plain dicts out.

Why files and not the ZODB
--------------------------
Every read of a family file is recorded. Writing that into the ZODB would turn
each GET into a write transaction: database growth on reads, and every reader of
a file conflicting with every other reader. So the trail lives beside the
database, in an append-only store:

* one file per Zope instance (``audit-<instance>.jsonl``), so instances on one
  RelStorage database never write into each other's file — no coordination is
  needed between machines, and the head's view merges the files by time;
* each entry is one line written with a single ``write`` on a file opened with
  ``O_APPEND`` under an exclusive ``flock``: threads of one instance and two
  processes that were given the same name by mistake still keep one unbroken
  chain;
* each entry carries ``prev`` (the hash of the entry before it in the same file)
  and ``hash`` (SHA-256 of ``prev`` and the entry's canonical JSON). Changing,
  removing or inserting a line breaks the chain from that line on, and
  ``verify`` (the ``caseflow-audit verify`` command) names the first broken one.

The application never edits or deletes a line: there is no code path for it.
Protect the directory at the operating-system level too (owned by the Zope
user, shipped to write-once storage or a log host by the centre's backups).
"""

import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


GENESIS = "0" * 64
SUFFIX = ".jsonl"
_TAIL_CHUNK = 8192


def _dumps(value: dict) -> bytes:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def canonical(entry: dict) -> bytes:
    """The bytes an entry's hash is computed over (its ``hash`` key left out)."""
    return _dumps({key: value for key, value in entry.items() if key != "hash"})


def entry_hash(entry: dict) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def _last_hash(fd: int) -> str:
    """The hash of the last complete line of the open file, or GENESIS."""
    size = os.fstat(fd).st_size
    if size == 0:
        return GENESIS
    position, tail = size, b""
    while position > 0:
        step = min(_TAIL_CHUNK, position)
        position -= step
        tail = os.pread(fd, step, position) + tail
        lines = tail.rstrip(b"\n").split(b"\n")
        if len(lines) > 1 or position == 0:
            try:
                return json.loads(lines[-1])["hash"]
            except (ValueError, KeyError, TypeError):
                # A torn or damaged last line: chain on from it anyway; ``verify``
                # will report it as the first broken entry.
                return hashlib.sha256(lines[-1]).hexdigest()
    return GENESIS


class AuditLog:
    """One instance's append-only, hash-chained log file."""

    def __init__(self, path: Path, fsync: bool = False):
        self.path = Path(path)
        self.fsync = fsync
        self._lock = threading.Lock()

    def append(self, entry: dict, fsync: bool | None = None) -> dict:
        """Chain ``entry`` to the last one and append it; return it as written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                # Under the lock, read the tail again: another process may append.
                read_fd = os.open(self.path, os.O_RDONLY)
                try:
                    prev = _last_hash(read_fd)
                    size = os.fstat(read_fd).st_size
                    needs_newline = size and os.pread(read_fd, 1, size - 1) != b"\n"
                finally:
                    os.close(read_fd)
                written = {k: v for k, v in entry.items() if k not in ("prev", "hash")}
                written["prev"] = prev
                written["hash"] = entry_hash(written)
                line = _dumps(written) + b"\n"
                if needs_newline:
                    line = b"\n" + line
                os.write(fd, line)
                if self.fsync if fsync is None else fsync:
                    os.fsync(fd)
            finally:
                os.close(fd)  # closing releases the flock
        return written


def log_files(directory: Path) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"*{SUFFIX}"))


def read_entries(directory: Path) -> Iterator[dict]:
    """Every readable entry of every file in ``directory`` (file by file)."""
    for path in log_files(directory):
        with path.open("rb") as stream:
            for raw in stream:
                try:
                    entry = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(entry, dict):
                    yield entry


@dataclass(frozen=True)
class Break:
    """The first entry of a file whose chain does not hold."""

    path: Path
    line: int
    reason: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class FileReport:
    path: Path
    entries: int
    broken: Break | None


def verify_file(path: Path) -> FileReport:
    prev, count = GENESIS, 0
    with Path(path).open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.endswith(b"\n"):
                return FileReport(path, count, Break(path, number, "niepełny wiersz"))
            try:
                entry = json.loads(raw)
            except ValueError:
                return FileReport(path, count, Break(path, number, "to nie jest JSON"))
            if not isinstance(entry, dict) or "hash" not in entry:
                return FileReport(path, count, Break(path, number, "brak skrótu"))
            if entry.get("prev") != prev:
                return FileReport(
                    path,
                    count,
                    Break(
                        path,
                        number,
                        "skrót poprzedniego wpisu się nie zgadza "
                        "(wpis usunięty, wstawiony lub przestawiony)",
                    ),
                )
            if entry_hash(entry) != entry["hash"]:
                return FileReport(
                    path, count, Break(path, number, "treść wpisu została zmieniona")
                )
            prev, count = entry["hash"], count + 1
    return FileReport(path, count, None)


def verify(directory: Path) -> list[FileReport]:
    """Check every chain in ``directory``; a report per file."""
    return [verify_file(path) for path in log_files(directory)]
