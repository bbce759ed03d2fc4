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
* each entry carries ``seq`` (its position in the file, from 1), ``prev`` (the
  hash of the entry before it in the same file) and ``hash`` (SHA-256 of
  ``prev`` and the entry's canonical JSON). Changing, removing or inserting a
  line breaks the chain from that line on, and ``verify`` (the ``caseflow-audit
  verify`` command) names the first broken one;
* the chain alone cannot show that its last lines were cut off, or that the
  whole file was rewritten with recomputed hashes: whoever can edit the file can
  do that. So each instance's head (``seq``, last ``hash``, the first entry's
  hash) is also kept outside the file — in the database, in the same
  transaction as the entries (``advance`` below says what each write checks,
  the Plone half ``audit.anchor`` where the anchor is kept) — and ``verify``
  checks the file against it.

The application never edits or deletes a committed line: there is no code path
for it (a ``Writer`` takes back only the lines it wrote itself, before they
were anchored, when their transaction fails).
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
from dataclasses import field
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


def _line_hash(raw: bytes) -> str:
    """The hash a line stands for: its ``hash``, or (torn, damaged) its bytes'."""
    try:
        value = json.loads(raw)["hash"]
    except (ValueError, KeyError, TypeError):
        value = None
    # A torn or damaged line: chain on from it anyway; ``verify`` reports it.
    return value if isinstance(value, str) else hashlib.sha256(raw).hexdigest()


def tail_lines(fd: int, count: int, end: int | None = None) -> list[bytes]:
    """The last ``count`` lines of the open file (up to byte ``end``), oldest first."""
    size = os.fstat(fd).st_size if end is None else end
    position, tail = size, b""
    while position > 0:
        step = min(_TAIL_CHUNK, position)
        position -= step
        tail = os.pread(fd, step, position) + tail
        lines = tail.rstrip(b"\n").split(b"\n")
        if len(lines) > count or position == 0:
            return [line for line in lines if line][-count:] if count else []
    return []


def _first_line(fd: int) -> bytes | None:
    head, position = b"", 0
    while b"\n" not in head:
        chunk = os.pread(fd, _TAIL_CHUNK, position)
        if not chunk:
            break
        head, position = head + chunk, position + len(chunk)
    return head.split(b"\n", 1)[0] or None


def _line_count(fd: int) -> int:
    count, position, last = 0, 0, b"\n"
    while chunk := os.pread(fd, 1 << 20, position):
        count, position, last = count + chunk.count(b"\n"), position + len(chunk), chunk
    return count + (last[-1:] != b"\n")


@dataclass(frozen=True)
class Tail:
    """Where a file ends: its entry count, last hash and first entry's hash."""

    seq: int = 0
    head: str = GENESIS
    first: str | None = None


def read_tail(fd: int) -> Tail:
    """The tail of the open file, from its last and first lines."""
    if os.fstat(fd).st_size == 0:
        return Tail()
    (last,) = tail_lines(fd, 1)
    try:
        seq = json.loads(last).get("seq")
    except (ValueError, AttributeError):
        seq = None
    if not isinstance(seq, int):  # a torn line, or entries from before ``seq``
        seq = _line_count(fd)
    return Tail(seq, _line_hash(last), _line_hash(_first_line(fd)))


class Writer:
    """The file locked for one writer: chain entries, write them, or take them back.

    Holds the instance's thread lock and an exclusive ``flock`` from creation to
    ``close``, so the tail it read stays the tail: the entries it chains are
    the next ones, and the head it reports can be anchored before anyone else
    writes. ``flush`` writes every chained line with one ``write`` (and
    ``fsync``); a failed write is truncated back, so the file never keeps a
    torn line of its own; ``rollback`` takes back what ``flush`` wrote, for a
    transaction that failed after it.
    """

    def __init__(self, log: "AuditLog"):
        self.log = log
        log._lock.acquire()
        self.fd = None
        try:
            log.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(log.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
            self.start = os.fstat(self.fd).st_size
            self.base = read_tail(self.fd)
            self.needs_newline = bool(self.start) and (
                os.pread(self.fd, 1, self.start - 1) != b"\n"
            )
        except BaseException:
            self.close()
            raise
        self.entries: list[dict] = []
        self.flushed = False

    @property
    def tail(self) -> Tail:
        """The tail once the chained entries are written."""
        if not self.entries:
            return self.base
        first = self.base.first or self.entries[0]["hash"]
        return Tail(self.entries[-1]["seq"], self.entries[-1]["hash"], first)

    def chain(self, entry: dict) -> dict:
        """``entry`` as it will be written, chained after the last one."""
        tail = self.tail
        written = {k: v for k, v in entry.items() if k not in ("seq", "prev", "hash")}
        written["seq"] = tail.seq + 1
        written["prev"] = tail.head
        written["hash"] = entry_hash(written)
        self.entries.append(written)
        return written

    def previous(self, count: int) -> list[bytes]:
        """The file's last ``count`` lines as they were before this writer."""
        return tail_lines(self.fd, count, self.start) if count > 0 else []

    def flush(self, fsync: bool) -> None:
        data = b"".join(_dumps(entry) + b"\n" for entry in self.entries)
        if self.needs_newline:
            data = b"\n" + data
        try:
            written = os.write(self.fd, data)
            if written != len(data):
                raise OSError(f"short write: {written} of {len(data)} bytes")
            if fsync:
                os.fsync(self.fd)
        except OSError:
            self.rollback(force=True)
            raise
        self.flushed = True

    def rollback(self, force: bool = False) -> None:
        if (self.flushed or force) and self.fd is not None:
            try:
                os.ftruncate(self.fd, self.start)
                os.fsync(self.fd)
            except OSError:
                pass  # a device that cannot be truncated took nothing either
        self.flushed = False

    def close(self) -> None:
        try:
            if self.fd is not None:
                os.close(self.fd)  # closing releases the flock
                self.fd = None
        finally:
            self.log._lock.release()


class AuditLog:
    """One instance's append-only, hash-chained log file."""

    def __init__(self, path: Path, fsync: bool = False):
        self.path = Path(path)
        self.fsync = fsync
        self._lock = threading.RLock()

    def writer(self) -> Writer:
        """The file locked for chaining and writing; ``close`` it."""
        return Writer(self)

    def append(self, entry: dict, fsync: bool | None = None) -> dict:
        """Chain ``entry`` to the last one and append it; return it as written."""
        writer = self.writer()
        try:
            written = writer.chain(entry)
            writer.flush(self.fsync if fsync is None else fsync)
        finally:
            writer.close()
        return written


def log_files(directory: Path) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"*{SUFFIX}"))


def instance_of(path: Path) -> str:
    """The instance name of ``audit-<name>.jsonl``."""
    return Path(path).name.removeprefix("audit-").removesuffix(SUFFIX)


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
    #: what the anchor adds: breaks it recorded when they happened, and ranges
    #: of entries whose transaction was never committed (see ``advance``)
    recorded: tuple = ()
    unanchored: tuple = ()
    anchored: bool = False

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.recorded


def _chain_break(number, raw, prev):
    """Why line ``number`` breaks the chain after ``prev``, or None (and the entry)."""
    if not raw.endswith(b"\n"):
        return "niepełny wiersz", None
    try:
        entry = json.loads(raw)
    except ValueError:
        return "to nie jest JSON", None
    if not isinstance(entry, dict) or "hash" not in entry:
        return "brak skrótu", None
    if entry.get("prev") != prev:
        return (
            "skrót poprzedniego wpisu się nie zgadza "
            "(wpis usunięty, wstawiony lub przestawiony)"
        ), None
    if entry.get("seq", number) != number:
        return "numer wpisu się nie zgadza (wpis usunięty lub wstawiony)", None
    if entry_hash(entry) != entry["hash"]:
        return "treść wpisu została zmieniona", None
    return None, entry


@dataclass
class Scan:
    """One pass over a file: its entries, and where its chain broke."""

    path: Path
    entries: list = field(default_factory=list)
    broken: Break | None = None
    hashes: dict = field(default_factory=dict)  # seq → hash, of the whole chain


def scan_file(path: Path, keep: bool = False) -> Scan:
    """Check the chain of ``path``; with ``keep``, collect the readable entries.

    Every line that parses is kept (after a break too: the trail shows them,
    flagged by the break); the chain is checked up to the first break.
    """
    scan, prev = Scan(Path(path)), GENESIS
    with Path(path).open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if scan.broken is None:
                reason, entry = _chain_break(number, raw, prev)
                if reason is not None:
                    scan.broken = Break(scan.path, number, reason)
                else:
                    prev = scan.hashes[number] = entry["hash"]
            else:
                entry = None
            if keep:
                if entry is None:
                    try:
                        entry = json.loads(raw)
                    except ValueError:
                        continue
                if isinstance(entry, dict):
                    scan.entries.append(entry)
    return scan


def read_entries(directory: Path) -> Iterator[dict]:
    """Every readable entry of every file in ``directory`` (file by file)."""
    for path in log_files(directory):
        yield from scan_file(path, keep=True).entries


#: the anchor of an instance that has written nothing yet
EMPTY_ANCHOR = {
    "seq": 0,
    "head": GENESIS,
    "first": None,
    "breaks": (),
    "unanchored": (),
    "step_of": None,
}


def _break_record(when, reason, seq) -> dict:
    return {"time": when, "reason": reason, "seq": seq}


def _unanchored(lines: list[bytes], anchor: dict, base: Tail, when) -> dict | None:
    """The range of entries written after ``anchor`` but never anchored, or None.

    ``lines`` are the file's last lines from the anchored entry on. They are
    the lines of a transaction that voted and then never committed (the
    process died between writing them and the database's commit), or reads
    whose anchoring failed; they must continue the anchored chain, else the
    file was rewritten.
    """
    if len(lines) != base.seq - anchor["seq"] + 1:
        return None
    prev, txns = anchor["head"], set()
    for offset, raw in enumerate(lines):
        if offset == 0:
            if _line_hash(raw) != prev:
                return None
            continue
        reason, entry = _chain_break(anchor["seq"] + offset, raw + b"\n", prev)
        if reason is not None:
            return None
        prev = entry["hash"]
        if entry.get("txn"):
            txns.add(entry["txn"])
    return {
        "time": when,
        "from": anchor["seq"] + 1,
        "to": base.seq,
        "txns": tuple(sorted(txns)),
    }


def advance(anchor: dict | None, base: Tail, previous, tail: Tail, when) -> dict:
    """The anchor after a writer that found ``base`` and left ``tail``.

    Each write is anchored before the next one starts (the writer holds the
    file lock until its anchor is committed), so the file a writer finds must
    end exactly where the anchor says. Otherwise it records, for good:
    a *break* — the file was cut (fewer entries than anchored), replaced
    (another first entry: deleted and begun anew) or rewritten (another hash
    at the anchored position); or an *unanchored* range — entries that
    continue the anchored chain but whose transaction never committed (a
    crash between the write and the database's commit): recognisable by the
    ``txn`` ids the range names. ``previous(n)`` gives the file's last ``n``
    lines before the writer.
    """
    before = dict(anchor or EMPTY_ANCHOR)
    breaks, unanchored = list(before["breaks"]), list(before["unanchored"])
    if before["seq"] == 0:
        if base.seq:  # entries from before the anchor existed
            unanchored.append(
                {"time": when, "from": 1, "to": base.seq, "txns": (), "before": True}
            )
    elif before["first"] and base.first != before["first"]:
        breaks.append(
            _break_record(
                when,
                "plik dziennika usunięty lub zastąpiony (pierwszy wpis inny niż "
                f"zakotwiczony; zakotwiczono {before['seq']} wpisów)",
                base.seq,
            )
        )
    elif base.seq < before["seq"]:
        breaks.append(
            _break_record(
                when,
                f"plik obcięty: zakotwiczono {before['seq']} wpisów, "
                f"w pliku było {base.seq}",
                base.seq,
            )
        )
    elif base.seq == before["seq"]:
        if base.head != before["head"]:
            breaks.append(
                _break_record(
                    when,
                    f"wpis {base.seq} różni się od zakotwiczonego "
                    "(plik przepisany z przeliczonymi skrótami)",
                    base.seq,
                )
            )
    else:
        lines = previous(base.seq - before["seq"] + 1)
        found = _unanchored(lines, before, base, when)
        if found is None:
            breaks.append(
                _break_record(
                    when,
                    f"wpisy od {before['seq']} nie kontynuują zakotwiczonego "
                    "łańcucha (plik przepisany)",
                    before["seq"],
                )
            )
        else:
            unanchored.append(found)
    return {
        "seq": tail.seq,
        "head": tail.head,
        "first": tail.first,
        "breaks": tuple(breaks),
        "unanchored": tuple(unanchored),
        "step_of": (before["seq"], before["head"]),
    }


def check_scan(scan: Scan, anchor: dict | None) -> FileReport:
    """A file's report: its own chain, and with ``anchor`` the anchor's checks."""
    count = len(scan.hashes)
    if anchor is None:
        return FileReport(scan.path, count, scan.broken)
    broken = scan.broken
    seq = anchor.get("seq") or 0
    if broken is None and count < seq:
        broken = Break(
            scan.path,
            count + 1,
            f"plik obcięty: brak wpisów od {count + 1} do {seq} "
            "zakotwiczonych w bazie danych",
        )
    elif broken is None and seq and scan.hashes.get(seq) != anchor.get("head"):
        broken = Break(
            scan.path,
            seq,
            "wpis różni się od zakotwiczonego w bazie danych "
            "(plik przepisany z przeliczonymi skrótami)",
        )
    elif (
        broken is None
        and seq
        and anchor.get("first")
        and scan.hashes.get(1) != anchor["first"]
    ):
        broken = Break(
            scan.path, 1, "pierwszy wpis inny niż zakotwiczony (plik zastąpiony)"
        )
    return FileReport(
        scan.path,
        count,
        broken,
        recorded=tuple(anchor.get("breaks") or ()),
        unanchored=tuple(anchor.get("unanchored") or ()),
        anchored=True,
    )


def check_missing(path: Path, anchor: dict) -> FileReport:
    """The report of an anchored instance whose file is not there."""
    seq = anchor.get("seq") or 0
    broken = (
        Break(
            Path(path),
            0,
            f"plik dziennika usunięty: w bazie danych zakotwiczono {seq} wpisów",
        )
        if seq
        else None
    )
    return FileReport(
        Path(path),
        0,
        broken,
        recorded=tuple(anchor.get("breaks") or ()),
        unanchored=tuple(anchor.get("unanchored") or ()),
        anchored=True,
    )


def verify_file(path: Path, anchor: dict | None = None) -> FileReport:
    """The chain of ``path``; checked against ``anchor`` too when one is given."""
    return check_scan(scan_file(path), anchor)


def verify(directory: Path, anchors: dict | None = None) -> list[FileReport]:
    """Check every chain in ``directory``; a report per file.

    With ``anchors`` (instance name → anchor state, from the database), each
    file is checked against its anchor, a file without one is reported, and so
    is an anchored instance whose file is gone.
    """
    reports = []
    for path in log_files(directory):
        anchor = None if anchors is None else anchors.get(instance_of(path))
        report = verify_file(path, anchor)
        if anchors is not None and anchor is None and report.broken is None:
            report = FileReport(
                path,
                report.entries,
                Break(path, 1, "plik bez kotwicy w bazie danych (podrzucony?)"),
            )
        reports.append(report)
    if anchors is not None:
        present = {instance_of(report.path) for report in reports}
        reports.extend(
            check_missing(Path(directory) / f"audit-{name}{SUFFIX}", anchor)
            for name, anchor in sorted(anchors.items())
            if name not in present
        )
    return reports
