"""The chain anchored in the database: cut, deleted and rewritten files are seen.

Each tampering is done as the OS user owning the log would do it, with the
server running; then ``verify`` against the database's anchors and the head's
``@audit`` both report it, and the next write records the break in the anchor
for good.
"""

import json

import pytest
import transaction

from mgops.caseflow.audit import anchor
from mgops.caseflow.audit.config import instance_name
from mgops.caseflow.core.audit.chain import entry_hash
from mgops.caseflow.core.audit.chain import verify


def log_path(audit_log):
    return audit_log.directory / f"audit-{instance_name()}.jsonl"


def cut(path, count=2):
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-count]))


def delete(path):
    path.unlink()


def rewrite(path, index=2):
    """Change one entry and recompute every hash from it on."""
    entries = [json.loads(line) for line in path.read_text().splitlines()]
    entries[index]["user"] = "ktoś-inny"
    for position in range(index, len(entries)):
        if position:
            entries[position]["prev"] = entries[position - 1]["hash"]
        entries[position]["hash"] = entry_hash(entries[position])
    path.write_text(
        "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
    )


TAMPERINGS = {"cut": cut, "delete": delete, "rewrite": rewrite}


@pytest.fixture
def busy_file(session_for, committed_file, audit_log):
    family_file = committed_file(41)
    for user in ("sw1", "head", "sw1"):
        assert session_for(user).get("/akta/ar-4010-41-2026").status_code == 200
    return family_file


def anchors_now(portal):
    """This test's anchor (earlier tests of the layer anchored under other names)."""
    transaction.begin()
    states = anchor.states(portal._p_jar)
    return {name: states[name] for name in states if name == instance_name()}


def test_an_untouched_trail_is_intact_everywhere(
    busy_file, audit_log, functional_portal, session_for
):
    (report,) = verify(audit_log.directory, anchors_now(functional_portal))
    assert report.intact
    assert report.anchored
    assert report.entries == len(audit_log())
    body = session_for("head").get("/akta/ar-4010-41-2026/@audit").json()
    assert body["chain_intact"] is True
    assert body["chain_breaks"] == []


@pytest.mark.parametrize("tampering", sorted(TAMPERINGS))
def test_verify_and_audit_report_the_tampering(
    busy_file, audit_log, functional_portal, session_for, tampering
):
    path = log_path(audit_log)
    assert all(report.intact for report in verify(audit_log.directory))
    TAMPERINGS[tampering](path)
    if tampering != "delete":
        # the file's own chain still holds: only the anchor can tell
        assert all(report.intact for report in verify(audit_log.directory))
    anchors = anchors_now(functional_portal)
    reports = verify(audit_log.directory, anchors)
    assert [report for report in reports if not report.intact], reports
    expected = {
        "cut": "obcięty",
        "delete": "usunięty",
        "rewrite": "przepisany",
    }[tampering]
    assert any(expected in report.broken.reason for report in reports if report.broken)
    # @audit says so, and records the break in the anchor for good
    body = session_for("head").get("/akta/ar-4010-41-2026/@audit").json()
    assert body["chain_intact"] is False
    assert any(expected in item["reason"] for item in body["chain_breaks"])
    (state,) = anchors_now(functional_portal).values()
    assert any(expected in item["reason"] for item in state["breaks"])
    # later writes line up with the anchor again, the recorded break stays
    session_for("sw1").get("/akta/ar-4010-41-2026")
    reports = verify(audit_log.directory, anchors_now(functional_portal))
    assert any(report.recorded for report in reports)
    assert not all(report.intact for report in reports)


def test_a_broken_line_is_not_skipped_silently(
    busy_file, audit_log, functional_portal, session_for
):
    path = log_path(audit_log)
    lines = path.read_bytes().splitlines(keepends=True)
    lines.insert(1, b"to nie jest wpis\n")
    path.write_bytes(b"".join(lines))
    body = session_for("head").get("/akta/ar-4010-41-2026/@audit").json()
    assert body["chain_intact"] is False
    (first, *_) = body["chain_breaks"]
    assert first["line"] == 2
    assert "JSON" in first["reason"]
