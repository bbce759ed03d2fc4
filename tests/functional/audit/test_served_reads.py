"""Every route that serves family data records which files it served.

The routes of issue 14 that served data and left no trace: a POST to a file's
view, a listing with ``fullobjects``, ``@search``, ``@querystring-search``,
PROPFIND, and a registry-level ``@archive-export``. Each must leave an entry
per family file served, naming its UID and case reference.
"""

import pytest

from ..archive.conftest import closed_file  # noqa: F401
from ..archive.conftest import ndap_schemas  # noqa: F401


def files_named(entries):
    return {entry.get("case_reference") for entry in entries}


@pytest.fixture
def two_files(committed_file):
    return committed_file(31), committed_file(32)


def test_a_post_to_a_file_view_is_recorded(session_for, two_files, audit_log):
    family_file, _ = two_files
    browser = session_for("sw1")
    browser.headers.pop("Accept")
    response = browser.post("/akta/ar-4010-31-2026/view", data={"x": "1"})
    assert response.status_code == 200
    assert "Rodzina 31" in response.text
    (entry,) = audit_log(user="sw1", method="POST", action="read")
    assert entry["uid"] == family_file.UID()
    assert entry["case_reference"] == "AR.4010.31.2026"


def test_a_listing_with_full_objects_records_each_file(
    session_for, two_files, audit_log
):
    response = session_for("head").get("/akta", params={"fullobjects": "1"})
    assert response.status_code == 200
    assert {"Rodzina 31", "Rodzina 32"} <= {
        item.get("family_name") for item in response.json()["items"]
    }
    read = audit_log(user="head", action="read")
    assert {"AR.4010.31.2026", "AR.4010.32.2026"} <= files_named(read)
    assert {entry["uid"] for entry in read} >= {f.UID() for f in two_files}


def test_a_plain_listing_records_the_files_it_names(session_for, two_files, audit_log):
    response = session_for("head").get("/akta")
    assert response.status_code == 200
    assert {"AR.4010.31.2026", "AR.4010.32.2026"} <= files_named(
        audit_log(user="head", action="list")
    )


def test_search_with_full_objects_records_the_files(
    session_for, two_files, audit_log, functional_portal
):
    path = "/".join(two_files[0].getPhysicalPath())
    response = session_for("head").get(
        "/@search", params={"fullobjects": "1", "path": path}
    )
    assert response.status_code == 200
    assert response.json()["items"]
    served = audit_log(user="head", action="read")
    assert files_named(served) == {"AR.4010.31.2026"}
    assert {entry["route"] for entry in served} == {"/plone/++api++/@search"}


@pytest.mark.parametrize("fullobjects", [False, True])
def test_querystring_search_records_the_files(
    session_for, two_files, audit_log, fullobjects
):
    body = {
        "query": [
            {
                "i": "portal_type",
                "o": "plone.app.querystring.operation.selection.any",
                "v": ["FamilyFile"],
            }
        ],
        "fullobjects": fullobjects,
    }
    response = session_for("head").post("/@querystring-search", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["items_total"] >= 2
    served = audit_log(user="head", action="read" if fullobjects else "list")
    assert {"AR.4010.31.2026", "AR.4010.32.2026"} <= files_named(served)
    assert all(entry["method"] == "POST" for entry in served)


def test_propfind_is_recorded(session_for, two_files, audit_log):
    response = session_for("fa2").request(
        "PROPFIND", "/akta/ar-4010-31-2026", headers={"Depth": "0"}
    )
    (entry,) = audit_log(method="PROPFIND")
    assert entry["user"] == "fa2"
    assert entry["case_reference"] == "AR.4010.31.2026"
    assert entry["status"] == response.status_code


def test_a_registry_archive_export_records_every_file(
    session_for,
    closed_file,  # noqa: F811 - the fixture imported above
    audit_log,
):
    first, second = closed_file(33), closed_file(34)
    response = session_for("archivist").get("/akta/@archive-export")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/zip"
    exported = audit_log(user="archivist", action="export")
    assert files_named(exported) == {"AR.4010.33.2026", "AR.4010.34.2026"}
    assert {entry["uid"] for entry in exported} == {first.UID(), second.UID()}
    assert {entry["route"] for entry in exported} == {
        "/plone/++api++/akta/@archive-export"
    }
