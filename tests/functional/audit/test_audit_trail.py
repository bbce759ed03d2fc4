"""The audit trail over real HTTP: reads, refusals, changes on commit, @audit."""

import pytest
import transaction
from plone import api

from mgops.caseflow.audit.anchor import ROOT_KEY
from mgops.caseflow.audit.config import instance_name
from mgops.caseflow.audit.record import log_on_commit
from mgops.caseflow.core.audit.chain import verify


NOTE = {
    "@type": "Note",
    "title": "Rozmowa",
    "kind": "end_request",
    "end_reason": "plan_achieved",
    "plan_outcome": "Cele osiągnięte.",
    "content": "Rozmowa telefoniczna z matką.",
}


def test_a_read_is_recorded_with_who_what_and_where_from(
    session_for, committed_file, audit_log
):
    family_file = committed_file(1)
    response = session_for("head").get("/akta/ar-4010-1-2026")
    assert response.status_code == 200
    (entry,) = audit_log(action="read")
    assert entry["user"] == "head"
    assert entry["outcome"] == "ok"
    assert entry["uid"] == family_file.UID()
    assert entry["path"].endswith("/akta/ar-4010-1-2026")
    assert entry["case_reference"] == "AR.4010.1.2026"
    assert entry["address"] == "127.0.0.1"
    assert entry["time"].endswith("+00:00")


def test_reads_change_nothing_but_the_instance_anchor(
    session_for, committed_file, audit_log
):
    """A read's entries are anchored in a small transaction of their own."""
    family_file = committed_file(2)
    transaction.begin()
    storage = family_file._p_jar.db().storage
    before = storage.lastTransaction()
    for _ in range(3):
        assert session_for("sw1").get("/akta/ar-4010-2-2026").status_code == 200
    transaction.begin()
    new = [txn for txn in storage.iterator(start=before) if txn.tid != before]
    assert len(new) == 3
    assert {txn.description for txn in new} == {b"mgops.caseflow: audit anchor"}
    anchor = family_file._p_jar.root()[ROOT_KEY][instance_name()]
    assert {record.oid for txn in new for record in txn} == {anchor._p_oid}
    assert anchor.state["seq"] == len(audit_log())
    assert len(audit_log(action="read", user="sw1")) == 3


@pytest.mark.parametrize("user_id", [None, "fa2", "sw2", "member", "archivist"])
def test_a_refused_read_is_recorded_as_denied(
    session_for, committed_file, audit_log, user_id
):
    committed_file(3)
    response = session_for(user_id).get("/akta/ar-4010-3-2026")
    assert response.status_code in (401, 403)
    (entry,) = audit_log(outcome="denied")
    assert entry["user"] == user_id
    assert entry["case_reference"] == "AR.4010.3.2026"
    assert audit_log(outcome="ok", action="read") == []


def test_a_document_read_and_creation_are_recorded(
    session_for, committed_file, audit_log
):
    committed_file(4)
    response = session_for("sw1").post("/akta/ar-4010-4-2026", json=NOTE)
    assert response.status_code == 201, response.text
    (created,) = audit_log(action="create", portal_type="Note")
    assert created["user"] == "sw1"
    assert created["portal_type"] == "Note"
    assert created["case_reference"] == "AR.4010.4.2026"
    assert created["address"] == "127.0.0.1"
    note_url = response.json()["@id"]
    assert session_for("head").get(note_url).status_code == 200
    (read,) = audit_log(action="read", user="head")
    assert read["uid"] == created["uid"]


def test_a_refused_change_leaves_no_change_entry(
    session_for, committed_file, audit_log
):
    committed_file(5)
    bad = dict(NOTE, kind="visit")  # a visit without its times is refused
    response = session_for("sw1").post("/akta/ar-4010-5-2026", json=bad)
    assert response.status_code == 400
    assert audit_log(action="create", portal_type="Note") == []
    (entry,) = audit_log(action="write")
    assert entry["outcome"] == "refused"


def test_an_aborted_transaction_leaves_no_change_entry(
    functional_portal, committed_file, audit_log
):
    family_file = committed_file(6)
    log_on_commit("edit", family_file)
    transaction.abort()
    assert audit_log(action="edit") == []
    log_on_commit("edit", family_file)
    transaction.commit()
    assert len(audit_log(action="edit")) == 1


def test_transition_and_local_roles_change_are_recorded(
    session_for, committed_file, audit_log
):
    committed_file(7, state="awaiting_decision")
    # the head hands the file to another social worker: the roles move
    response = session_for("head").patch(
        "/akta/ar-4010-7-2026", json={"social_worker": "sw2"}
    )
    assert response.status_code == 204, response.text
    (roles,) = audit_log(action="local_roles", user="head")
    assert roles["user"] == "head"
    assert "sw2" in roles["detail"]["after"]
    assert "sw2" not in roles["detail"]["before"]
    assert "sw1" in roles["detail"]["before"]
    response = session_for("sw2").post(
        "/akta/ar-4010-7-2026/@workflow/withdraw_request"
    )
    transitions = audit_log(action="transition", user="sw2")
    if response.status_code == 200:
        assert transitions[0]["detail"]["to"] == "intake"
    else:
        assert transitions == []


def test_a_failed_login_is_recorded(request_factory, committed_file, audit_log):
    committed_file(8)
    session = request_factory(basic_auth=("sw1", "wrong-password"))
    assert session.get("/akta/ar-4010-8-2026").status_code == 401
    (entry,) = audit_log(action="login_failed")
    assert entry["login"] == "sw1"
    assert entry["user"] is None
    assert entry["address"] == "127.0.0.1"


def test_the_head_reads_the_trail_of_a_file_with_filters(
    session_for, committed_file, audit_log
):
    committed_file(9)
    other = committed_file(10)
    session_for("sw1").get("/akta/ar-4010-9-2026")
    session_for("fa2").get("/akta/ar-4010-9-2026")
    session_for("head").get(other.absolute_url())
    head = session_for("head")
    body = head.get("/akta/ar-4010-9-2026/@audit").json()
    assert {
        (item["user"], item["action"], item["outcome"]) for item in body["items"]
    } >= {
        ("sw1", "read", "ok"),
        ("fa2", "read", "denied"),
    }
    assert all(item["case_reference"] == "AR.4010.9.2026" for item in body["items"])
    only_sw1 = head.get("/akta/ar-4010-9-2026/@audit", params={"person": "sw1"}).json()
    assert {item["user"] for item in only_sw1["items"]} == {"sw1"}
    denied = head.get(
        "/akta/ar-4010-9-2026/@audit", params={"action": "read", "from": "2000-01-01"}
    ).json()
    assert {item["action"] for item in denied["items"]} == {"read"}
    future = head.get("/akta/ar-4010-9-2026/@audit", params={"from": "2999-01-01"})
    assert future.json()["items"] == []
    bad = head.get("/akta/ar-4010-9-2026/@audit", params={"from": "wczoraj"})
    assert bad.status_code == 400
    assert "RRRR-MM-DD" in bad.json()["error"]["message"]
    assert audit_log(action="audit_read", user="head")


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist", "member", None])
def test_only_the_head_reads_the_trail(session_for, committed_file, audit_log, user_id):
    committed_file(11)
    response = session_for(user_id).get("/akta/ar-4010-11-2026/@audit")
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
@pytest.mark.parametrize("user_id", ["head", "sw1"])
def test_nobody_changes_the_trail_through_the_application(
    session_for, committed_file, audit_log, method, user_id, functional_portal
):
    committed_file(12)
    session_for("head").get("/akta/ar-4010-12-2026")
    before = sorted(audit_log.directory.glob("*.jsonl"))[0].read_bytes()
    response = getattr(session_for(user_id), method)(
        "/akta/ar-4010-12-2026/@audit", json={"items": []}
    )
    assert response.status_code in (401, 403, 404, 405)
    after = sorted(audit_log.directory.glob("*.jsonl"))[0].read_bytes()
    assert after.startswith(before)
    assert all(report.broken is None for report in verify(audit_log.directory))
    transaction.begin()
    assert "ar-4010-12-2026" in functional_portal["akta"]
    assert api.content.get_state(functional_portal["akta"]["ar-4010-12-2026"])
