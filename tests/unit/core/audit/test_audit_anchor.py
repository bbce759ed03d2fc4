"""What a write checks against the anchor (``advance``), and ``verify`` with it."""

import json

import pytest

from mgops.caseflow.core.audit.chain import AuditLog
from mgops.caseflow.core.audit.chain import advance
from mgops.caseflow.core.audit.chain import entry_hash
from mgops.caseflow.core.audit.chain import verify


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "audit-i1.jsonl")


def anchored_write(log, state, count=1, **extra):
    """Write ``count`` entries and return the anchor after them."""
    writer = log.writer()
    try:
        for number in range(count):
            writer.chain({"action": "read", "n": number, **extra})
        writer.flush(fsync=False)
        return advance(state, writer.base, writer.previous, writer.tail, "t")
    finally:
        writer.close()


def test_writes_in_line_with_the_anchor_record_nothing(log):
    state = anchored_write(log, None, 3)
    state = anchored_write(log, state, 2)
    assert (state["seq"], state["breaks"], state["unanchored"]) == (5, (), ())
    (report,) = verify(log.path.parent, {"i1": state})
    assert report.intact
    assert report.entries == 5


def test_entries_written_but_never_anchored_are_named_by_transaction(log):
    state = anchored_write(log, None, 2)
    log.append({"action": "edit", "txn": "abc"})  # its commit never happened
    state = anchored_write(log, state)
    (found,) = state["unanchored"]
    assert (found["from"], found["to"], found["txns"]) == (3, 3, ("abc",))
    assert state["breaks"] == ()


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("cut", "obcięty"),
        ("delete", "usunięty"),
        ("rewrite", "przepisany"),
    ],
)
def test_a_write_after_tampering_records_the_break(log, tamper, reason):
    state = anchored_write(log, None, 4)
    lines = log.path.read_bytes().splitlines(keepends=True)
    if tamper == "cut":
        log.path.write_bytes(b"".join(lines[:-1]))
    elif tamper == "delete":
        log.path.unlink()
    else:
        last = json.loads(lines[-1])
        last["n"] = 99
        last["hash"] = entry_hash(last)  # recomputed, as a forger would
        lines[-1] = json.dumps(last).encode() + b"\n"
        log.path.write_bytes(b"".join(lines))
    (report,) = verify(log.path.parent, {"i1": state})
    assert not report.intact
    state = anchored_write(log, state)
    (recorded,) = state["breaks"]
    assert reason in recorded["reason"]
    (report,) = verify(log.path.parent, {"i1": state})
    assert report.recorded
    assert not report.intact


def test_a_file_without_its_anchor_is_reported(log):
    anchored_write(log, None, 2)
    (report,) = verify(log.path.parent, {})
    assert "bez kotwicy" in report.broken.reason
