"""The audit store without Plone: append, chain, verify."""

import json
import threading

import pytest

from mgops.caseflow.core.audit.chain import GENESIS
from mgops.caseflow.core.audit.chain import AuditLog
from mgops.caseflow.core.audit.chain import read_entries
from mgops.caseflow.core.audit.chain import verify


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "audit-test.jsonl")


def fill(log, count=5):
    for number in range(count):
        log.append({"action": "read", "user": "sw1", "n": number, "note": "żółć"})


def lines(log):
    return log.path.read_text(encoding="utf-8").splitlines()


def test_entries_chain_from_genesis(log):
    fill(log, 3)
    entries = [json.loads(line) for line in lines(log)]
    assert entries[0]["prev"] == GENESIS
    assert entries[1]["prev"] == entries[0]["hash"]
    assert entries[2]["prev"] == entries[1]["hash"]
    (report,) = verify(log.path.parent)
    assert report.entries == 3
    assert report.broken is None


def test_a_new_log_object_continues_the_chain_of_the_file(log):
    fill(log, 2)
    AuditLog(log.path).append({"action": "edit"})
    (report,) = verify(log.path.parent)
    assert report.entries == 3
    assert report.broken is None


def test_concurrent_appends_keep_one_chain(log):
    threads = [threading.Thread(target=fill, args=(log, 50)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (report,) = verify(log.path.parent)
    assert report.entries == 400
    assert report.broken is None


def test_edited_entry_is_reported(log):
    fill(log)
    text = lines(log)
    text[2] = text[2].replace('"user":"sw1"', '"user":"fa2"')
    log.path.write_text("\n".join(text) + "\n", encoding="utf-8")
    (report,) = verify(log.path.parent)
    assert report.broken.line == 3
    assert "zmieniona" in report.broken.reason
    assert report.entries == 2


def test_removed_entry_is_reported(log):
    fill(log)
    text = lines(log)
    del text[1]
    log.path.write_text("\n".join(text) + "\n", encoding="utf-8")
    (report,) = verify(log.path.parent)
    assert report.broken.line == 2
    assert "usunięty" in report.broken.reason


def test_rehashed_forgery_still_breaks_the_next_link(log):
    from mgops.caseflow.core.audit.chain import entry_hash

    fill(log)
    text = lines(log)
    forged = json.loads(text[1])
    forged["user"] = "nobody"
    forged["hash"] = entry_hash(forged)
    text[1] = json.dumps(forged, ensure_ascii=False)
    log.path.write_text("\n".join(text) + "\n", encoding="utf-8")
    (report,) = verify(log.path.parent)
    assert report.broken.line == 3


def test_torn_last_line_is_reported_and_the_log_goes_on(log):
    fill(log, 2)
    with log.path.open("ab") as stream:
        stream.write(b'{"action":"re')  # a crash in the middle of a write
    log.append({"action": "edit"})
    (report,) = verify(log.path.parent)
    assert report.broken.line == 3
    assert len(list(read_entries(log.path.parent))) == 3
