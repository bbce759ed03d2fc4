"""GDPR art. 15 report for the head; retention list and destruction protocol."""

import csv
import io
from datetime import date

import pytest
import transaction
from plone import api


PESEL = "44051401359"
MEMBER = {
    "first_name": "Maria",
    "last_name": "Wiśniewska",
    "role": "mother",
    "birth_date": date(1944, 5, 14),
    "pesel": PESEL,
}


@pytest.fixture
def two_files_with_maria(committed_file, functional_portal):
    files = [committed_file(1), committed_file(2), committed_file(3)]
    for family_file in files[:2]:
        family_file.members = [dict(MEMBER)]
    files[2].members = [dict(MEMBER, first_name="=HYPERLINK(1)", pesel=None)]
    transaction.commit()
    return files


def test_the_head_gets_every_file_holding_the_person(
    session_for, two_files_with_maria, audit_log
):
    response = session_for("head").post("/@person-report", json={"pesel": PESEL})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["items_total"] == 2
    assert "art. 15" in body["legal_basis"]
    references = sorted(item["family_file"]["case_reference"] for item in body["items"])
    assert references == ["AR.4010.1.2026", "AR.4010.2.2026"]
    assert body["items"][0]["person"]["last_name"] == "Wiśniewska"
    entries = audit_log(action="person_report", user="head")
    assert len(entries) == 2
    assert all(entry["detail"]["pesel"] == "440514*****" for entry in entries)


def test_the_report_as_csv_download(session_for, two_files_with_maria):
    response = session_for("head").post(
        "/@person-report", json={"name": "maria  WIŚNIEWSKA", "format": "csv"}
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][0] == "case_reference"
    assert {row[0] for row in rows[1:]} == {"AR.4010.1.2026", "AR.4010.2.2026"}
    formula = session_for("head").post(
        "/@person-report", json={"name": "=HYPERLINK(1) Wiśniewska", "format": "csv"}
    )
    assert "'=HYPERLINK(1)" in formula.content.decode("utf-8-sig")


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist", "member", None])
def test_only_the_head_gets_the_report(session_for, two_files_with_maria, user_id):
    response = session_for(user_id).post("/@person-report", json={"pesel": PESEL})
    assert response.status_code in (401, 403)
    assert "Wiśniewska" not in response.text


def test_a_bad_pesel_is_refused_in_polish(session_for, two_files_with_maria):
    response = session_for("head").post("/@person-report", json={"pesel": "123"})
    assert response.status_code == 400
    assert session_for("head").post("/@person-report", json={}).status_code == 400


def close(family_file, category, closed_on):
    family_file.archival_category = category
    family_file.ended = closed_on
    wf = api.portal.get_tool("portal_workflow")
    (workflow,) = wf.getWorkflowsFor(family_file)
    wf.setStatusOf(
        workflow.id,
        family_file,
        {
            "review_state": "closed",
            "action": "close",
            "actor": "sw1",
            "comments": "",
            "time": None,
        },
    )
    workflow.updateRoleMappingsFor(family_file)
    family_file.reindexObject()
    family_file.reindexObjectSecurity()


@pytest.fixture
def closed_files(committed_file, functional_portal):
    old_b10 = committed_file(1)
    new_b10 = committed_file(2)
    old_a = committed_file(3)
    old_be = committed_file(4)
    with api.env.adopt_roles(["Manager"]):
        close(old_b10, "B10", date(2012, 3, 1))
        close(new_b10, "B10", date(2025, 3, 1))
        close(old_a, "A", date(2000, 3, 1))
        close(old_be, "BE10", date(2012, 3, 1))
    transaction.commit()


def test_the_archivist_sees_files_past_retention(session_for, closed_files):
    response = session_for("archivist").get("/akta/@retention")
    assert response.status_code == 200, response.text
    found = {item["case_reference"]: item for item in response.json()["items"]}
    assert sorted(found) == ["AR.4010.1.2026", "AR.4010.4.2026"]
    assert found["AR.4010.1.2026"]["retention_ends"] == "2023-01-01"
    assert found["AR.4010.4.2026"]["needs_expert_assessment"] is True


def test_destruction_leaves_a_protocol_and_an_audit_entry(
    session_for, closed_files, functional_portal, audit_log
):
    archivist = session_for("archivist")
    assert archivist.post("/akta/ar-4010-1-2026/@destroy", json={}).status_code == 400
    response = archivist.post(
        "/akta/ar-4010-1-2026/@destroy", json={"reason": "Upływ okresu przechowywania"}
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    assert "ar-4010-1-2026" not in functional_portal["akta"]
    (protocol,) = archivist.get("/akta/@retention").json()["protocols"]
    assert protocol["case_reference"] == "AR.4010.1.2026"
    assert protocol["destroyed_by"] == "archivist"
    assert protocol["reason"] == "Upływ okresu przechowywania"
    (entry,) = audit_log(action="destroy")
    assert entry["user"] == "archivist"
    assert entry["detail"]["protocol"] == protocol["number"]


@pytest.mark.parametrize(
    ("user_id", "path", "body", "status"),
    [
        (
            "archivist",
            "/akta/ar-4010-2-2026/@destroy",
            {"reason": "x"},
            400,
        ),  # too early
        (
            "archivist",
            "/akta/ar-4010-3-2026/@destroy",
            {"reason": "x"},
            400,
        ),  # category A
        (
            "archivist",
            "/akta/ar-4010-4-2026/@destroy",
            {"reason": "x"},
            400,
        ),  # BE, no consent
        ("head", "/akta/ar-4010-1-2026/@destroy", {"reason": "x"}, 403),
        ("sw1", "/akta/ar-4010-1-2026/@destroy", {"reason": "x"}, 401),
    ],
)
def test_destruction_is_refused_otherwise(
    session_for, closed_files, functional_portal, user_id, path, body, status
):
    response = session_for(user_id).post(path, json=body)
    assert response.status_code in (status, 401, 403), response.text
    transaction.begin()
    assert path.split("/")[2] in functional_portal["akta"]
