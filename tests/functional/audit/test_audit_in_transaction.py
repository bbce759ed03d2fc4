"""A change's audit entry is part of its transaction: no entry, no change.

The trail is made unwritable two ways, as root can still be stopped: the file
made immutable (``chattr +i``: opening it for writing fails before the
commit) and the file pointed at ``/dev/full`` (the write itself fails, in the
data manager's vote, after the ZODB has voted). Either way the REST answer is
the Polish error and the database keeps what it had.
"""

import contextlib
import os
import subprocess

import pytest
import transaction

from mgops.caseflow.audit.config import instance_name
from mgops.caseflow.core.audit.chain import verify


NOTE = {
    "@type": "Note",
    "title": "Rozmowa",
    "kind": "end_request",
    "end_reason": "plan_achieved",
    "plan_outcome": "Cele osiągnięte.",
    "content": "Rozmowa telefoniczna z matką.",
}


@contextlib.contextmanager
def immutable(path):
    subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextlib.contextmanager
def full_disk(path):
    kept = path.with_name(path.name + ".kept")
    path.rename(kept)
    path.symlink_to("/dev/full")
    try:
        yield
    finally:
        path.unlink()
        kept.rename(path)


BREAKERS = {"immutable": immutable, "full_disk": full_disk}


@pytest.fixture
def note_of(session_for, committed_file, audit_log):
    def make(number):
        committed_file(number)
        response = session_for("sw1").post(f"/akta/ar-4010-{number}-2026", json=NOTE)
        assert response.status_code == 201, response.text
        return response.json()["@id"]

    return make


def log_path(audit_log):
    return audit_log.directory / f"audit-{instance_name()}.jsonl"


def assert_refused(response):
    assert response.status_code == 500, response.text
    error = response.json()["error"]
    assert error["reason"] == "error_audit_unwritable"
    assert "Nie udało się zapisać dziennika zdarzeń" in error["message"]


@pytest.mark.parametrize("breaker", sorted(BREAKERS))
def test_an_edit_whose_entry_cannot_be_written_is_not_made(
    session_for, note_of, audit_log, functional_portal, breaker
):
    url = note_of(21)
    path = log_path(audit_log)
    before = path.read_bytes()
    with BREAKERS[breaker](path):
        response = session_for("sw1").patch(url, json={"content": "Zmienione."})
    assert_refused(response)
    transaction.begin()
    note = functional_portal["akta"]["ar-4010-21-2026"].objectValues()[0]
    assert note.content == NOTE["content"]
    assert path.read_bytes() == before  # nothing half-written is left
    assert audit_log(action="edit") == []
    # Writable again, the same edit goes through, with its entry.
    response = session_for("sw1").patch(url, json={"content": "Zmienione."})
    assert response.status_code == 204, response.text
    (edit,) = audit_log(action="edit")
    assert edit["user"] == "sw1"
    assert all(report.intact for report in verify(audit_log.directory))


@pytest.mark.parametrize("breaker", sorted(BREAKERS))
def test_a_transition_whose_entry_cannot_be_written_is_not_made(
    session_for, note_of, audit_log, functional_portal, breaker
):
    url = note_of(22)
    path = log_path(audit_log)
    with BREAKERS[breaker](path):
        response = session_for("sw1").post(f"{url}/@workflow/finalize")
    assert_refused(response)
    transaction.begin()
    note = functional_portal["akta"]["ar-4010-22-2026"].objectValues()[0]
    workflow = functional_portal.portal_workflow
    assert workflow.getInfoFor(note, "review_state") == "draft"
    assert audit_log(action="transition") == []
    response = session_for("sw1").post(f"{url}/@workflow/finalize")
    assert response.status_code == 200, response.text
    (entry,) = audit_log(action="transition")
    assert entry["detail"]["to"] == "final"


def test_a_read_that_cannot_be_recorded_is_not_served(
    session_for, committed_file, audit_log
):
    committed_file(23)
    path = log_path(audit_log)
    with full_disk(path):
        response = session_for("head").get("/akta/ar-4010-23-2026")
    assert_refused(response)
    assert "Rodzina 23" not in response.text


def test_a_transaction_that_fails_after_the_vote_takes_its_lines_back(
    functional_portal, committed_file, audit_log
):
    """A resource voting after the trail fails: the lines written go again."""
    from mgops.caseflow.audit.record import log_on_commit

    family_file = committed_file(24)
    path = log_path(audit_log)
    before = path.read_bytes()

    class FailsLast:
        def sortKey(self):
            return "~~ after the audit trail"

        def tpc_vote(self, txn):
            assert path.read_bytes() != before  # the trail has written by now
            raise OSError("the last resource fails")

        def abort(self, txn):
            pass

        tpc_begin = commit = tpc_finish = tpc_abort = abort

    log_on_commit("edit", family_file)
    transaction.get().join(FailsLast())
    with pytest.raises(OSError, match="the last resource fails"):
        transaction.commit()
    transaction.abort()
    assert path.read_bytes() == before
    assert os.path.getsize(path) == len(before)


def test_a_change_made_by_a_later_before_commit_hook_is_recorded(
    functional_portal, committed_file, audit_log
):
    from mgops.caseflow.audit.record import log_on_commit

    family_file = committed_file(25)
    log_on_commit("edit", family_file, detail={"first": True})
    transaction.get().addBeforeCommitHook(
        lambda: log_on_commit("edit", family_file, detail={"late": True})
    )
    transaction.commit()
    edits = audit_log(action="edit")
    assert [entry["detail"] for entry in edits] == [{"first": True}, {"late": True}]
    assert all(report.intact for report in verify(audit_log.directory))
