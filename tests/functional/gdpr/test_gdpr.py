"""GDPR art. 15 report for the head; retention list and destruction protocol."""

import csv
import io
from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.testing.builders import closed_long_ago


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
    for family_file in files:
        family_file.reindexObject()  # as the edit form does
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


@pytest.fixture
def closed_files(committed_file, functional_portal):
    old_b10 = committed_file(1)
    new_b10 = committed_file(2)
    old_a = committed_file(3)
    old_be = committed_file(4)
    with api.env.adopt_roles(["Manager"]):
        closed_long_ago(old_b10, "B10", date(2012, 3, 1))
        closed_long_ago(new_b10, "B10", date(2025, 3, 1))
        closed_long_ago(old_a, "A", date(2000, 3, 1))
        closed_long_ago(old_be, "BE10", date(2012, 3, 1))
    transaction.commit()


#: the consent of the director of the state archive (Act of 14 July 1983 on the
#: national archival resource and archives, art. 5): for every category B
CONSENT = {
    "archive": "Archiwum Państwowe w Kaliszu",
    "reference": "ZNA.4231.17.2025",
    "date": "2025-11-20",
}


def test_the_archivist_sees_files_past_retention(session_for, closed_files):
    response = session_for("archivist").get("/akta/@retention")
    assert response.status_code == 200, response.text
    found = {item["case_reference"]: item for item in response.json()["items"]}
    assert sorted(found) == ["AR.4010.1.2026", "AR.4010.4.2026"]
    assert found["AR.4010.1.2026"]["retention_ends"] == "2023-01-01"
    assert found["AR.4010.4.2026"]["needs_expert_assessment"] is True
    assert found["AR.4010.1.2026"]["needs_archive_consent"] is True
    assert found["AR.4010.1.2026"]["needs_expert_assessment"] is False


def test_destruction_leaves_a_protocol_and_an_audit_entry(
    session_for, closed_files, functional_portal, audit_log
):
    archivist = session_for("archivist")
    assert archivist.post("/akta/ar-4010-1-2026/@destroy", json={}).status_code == 400
    response = archivist.post(
        "/akta/ar-4010-1-2026/@destroy",
        json={"reason": "Upływ okresu przechowywania", "archive_consent": CONSENT},
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    assert "ar-4010-1-2026" not in functional_portal["akta"]
    (protocol,) = archivist.get("/akta/@retention").json()["protocols"]
    assert protocol["case_reference"] == "AR.4010.1.2026"
    assert protocol["destroyed_by"] == "archivist"
    assert protocol["reason"] == "Upływ okresu przechowywania"
    assert protocol["archive_consent"] == CONSENT
    assert protocol["expert_consent"] is None
    (entry,) = audit_log(action="destroy")
    assert entry["user"] == "archivist"
    assert entry["detail"]["protocol"] == protocol["number"]
    assert entry["detail"]["archive_consent"] == CONSENT


def test_a_be_file_needs_the_consent_and_the_expert_assessment(
    session_for, closed_files, functional_portal, audit_log
):
    archivist = session_for("archivist")
    url = "/akta/ar-4010-4-2026/@destroy"
    expert_only = archivist.post(
        url, json={"reason": "Upływ okresu", "expert_consent": "ZNA.4232.3.2025"}
    )
    assert expert_only.status_code == 400, expert_only.text
    assert expert_only.json()["error"]["reason"] == "rule_destroy_archive_consent"
    consent_only = archivist.post(
        url, json={"reason": "Upływ okresu", "archive_consent": CONSENT}
    )
    assert consent_only.status_code == 400, consent_only.text
    assert consent_only.json()["error"]["reason"] == "error_destroy_expert_assessment"
    assert "ekspertyz" in consent_only.json()["error"]["message"]
    transaction.begin()
    assert "ar-4010-4-2026" in functional_portal["akta"]
    both = archivist.post(
        url,
        json={
            "reason": "Upływ okresu",
            "archive_consent": CONSENT,
            "expert_consent": "ZNA.4232.3.2025",
        },
    )
    assert both.status_code == 200, both.text
    protocol = both.json()["protocol"]
    assert protocol["archive_consent"] == CONSENT
    assert protocol["expert_consent"] == "ZNA.4232.3.2025"
    (entry,) = audit_log(action="destroy")
    assert entry["detail"]["archive_consent"] == CONSENT
    assert entry["detail"]["expert_consent"] == "ZNA.4232.3.2025"


@pytest.mark.parametrize(
    "consent",
    [
        None,
        "ZNA.4231.17.2025",
        {},
        dict(CONSENT, archive=""),
        dict(CONSENT, reference="   "),
        dict(CONSENT, reference="x" * 201),
        {"archive": CONSENT["archive"], "reference": CONSENT["reference"]},
        dict(CONSENT, date="20.11.2025"),
        dict(CONSENT, date="2099-01-01"),  # in the future
        dict(CONSENT, date="2011-01-01"),  # before the file was closed
    ],
)
def test_a_b10_file_without_the_archives_consent_is_kept(
    session_for, closed_files, functional_portal, audit_log, consent
):
    """Act of 14 July 1983, art. 5: every category B, not only BE, needs the
    state archive director's consent; a missing or broken one changes nothing."""
    body = {"reason": "Upływ okresu przechowywania", "expert_consent": "x"}
    if consent is not None:
        body["archive_consent"] = consent
    response = session_for("archivist").post("/akta/ar-4010-1-2026/@destroy", json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"].startswith("rule_destroy_archive_consent")
    assert "archiwum państwowego" in error["message"]
    transaction.begin()
    assert "ar-4010-1-2026" in functional_portal["akta"]
    assert session_for("archivist").get("/akta/@retention").json()["protocols"] == []
    assert audit_log(action="destroy") == []


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
