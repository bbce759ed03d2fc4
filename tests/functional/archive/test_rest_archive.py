"""@archive-export, @archive-mark and @archive-import over real HTTP."""

import io
import zipfile
from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.archive.config import archive_schemas
from mgops.caseflow.core.archive import read_package
from mgops.caseflow.workflow.deletion import destruction


def state_of(portal, path):
    transaction.begin()  # see what the requests committed
    return api.content.get_state(obj=portal.unrestrictedTraverse(path))


@pytest.mark.parametrize("user_id", ["archivist", "head"])
def test_archivist_and_head_export_a_valid_package(
    functional_portal, closed_file, session, user_id
):
    closed_file(1)
    closed_file(2)
    response = session(user_id).get("/akta/@archive-export")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["X-Archive-Family-Files"] == "2"
    assert int(response.headers["Content-Length"]) == len(response.content)
    records = list(
        read_package(io.BytesIO(response.content), schemas=archive_schemas())
    )
    assert [r.case_reference for r in records] == ["AR.4010.1.2026", "AR.4010.2.2026"]


def test_export_of_one_family_file(functional_portal, closed_file, session):
    closed_file(1)
    closed_file(2)
    response = session("archivist").get("/akta/ar-4010-2-2026/@archive-export")
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert "sprawy/AR.4010.2.2026.xml" in package.namelist()
        assert "sprawy/AR.4010.1.2026.xml" not in package.namelist()


@pytest.mark.parametrize("user_id", ["fa1", "sw1", "member", None])
def test_assistants_social_workers_and_others_cannot_export(
    functional_portal, closed_file, session, user_id
):
    closed_file(1)
    for path in ("/akta/@archive-export", "/akta/ar-4010-1-2026/@archive-export"):
        response = session(user_id).get(path)
        assert response.status_code in (401, 403), (path, response.status_code)
        assert response.headers.get("Content-Type") != "application/zip"


def test_dry_run_reports_counts_without_a_package(
    functional_portal, closed_file, committed_file, session
):
    closed_file(1)
    closed_file(2, ended=date(2026, 3, 1))
    committed_file(3, state="active")
    response = session("archivist").get(
        "/akta/@archive-export", params={"dry_run": "1", "closed_from": "2026-07-01"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["family_files"] == 1
    assert body["documents"] == 3  # the interview, the assignment and the note
    assert body["case_references"] == ["AR.4010.1.2026"]
    assert body["bytes"] > 0


def test_a_file_without_an_end_date_is_refused_with_a_polish_message(
    functional_portal, closed_file, session
):
    closed_file(1, ended=None)
    response = session("archivist").get("/akta/ar-4010-1-2026/@archive-export")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["reason"] == "archive_file_not_ended"
    assert "AR.4010.1.2026" in error["message"]
    assert "has no end date" not in error["message"]  # Polish, not the default


def test_a_bad_date_is_refused(functional_portal, session):
    response = session("archivist").get(
        "/akta/@archive-export", params={"closed_from": "31.12.2026"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["reason"] == "archive_export_bad_date"


def test_archivist_marks_the_exported_closed_files_archived(
    functional_portal, closed_file, session
):
    closed_file(1)
    closed_file(2)
    archivist = session("archivist")
    export = archivist.get("/akta/@archive-export")
    assert export.status_code == 200
    response = archivist.post(
        "/akta/@archive-mark", json={"export_id": export.headers["X-Archive-Export-Id"]}
    )
    assert response.status_code == 200, response.text
    assert sorted(response.json()["archived"]) == ["AR.4010.1.2026", "AR.4010.2.2026"]
    assert state_of(functional_portal, "akta/ar-4010-1-2026") == "archived"
    assert state_of(functional_portal, "akta/ar-4010-2-2026") == "archived"


def test_only_exported_closed_files_can_be_marked_archived(
    functional_portal, closed_file, session
):
    exported = closed_file(1)
    not_exported = closed_file(2)
    archivist = session("archivist")
    assert archivist.get("/akta/ar-4010-1-2026/@archive-export").status_code == 200
    response = archivist.post(
        "/akta/@archive-mark", json={"uids": [exported.UID(), not_exported.UID()]}
    )
    assert response.status_code == 400
    assert response.json()["error"]["reason"] == "archive_mark_not_exported"
    # all or nothing
    assert state_of(functional_portal, "akta/ar-4010-1-2026") == "closed"
    assert state_of(functional_portal, "akta/ar-4010-2-2026") == "closed"


def test_the_head_exports_but_does_not_mark_archived(
    functional_portal, closed_file, session
):
    closed_file(1)
    head = session("head")
    export = head.get("/akta/@archive-export")
    assert export.status_code == 200
    response = head.post(
        "/akta/@archive-mark", json={"export_id": export.headers["X-Archive-Export-Id"]}
    )
    assert response.status_code == 403
    assert state_of(functional_portal, "akta/ar-4010-1-2026") == "closed"


def _delete(portal, *ids):
    transaction.begin()
    registry = portal["akta"]
    # As the destruction protocol does: nothing else removes a family file.
    with api.env.adopt_roles(["Manager"]), destruction():
        for object_id in ids:
            registry._delObject(object_id)
    transaction.commit()


def test_manager_imports_a_package(functional_portal, closed_file, session):
    original = closed_file(1)
    uid = original.UID()
    package = session("archivist").get("/akta/@archive-export").content
    _delete(functional_portal, "ar-4010-1-2026")
    response = session("admin").post(
        "/akta/@archive-import",
        data=package,
        headers={"Content-Type": "application/zip"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["case_references"] == ["AR.4010.1.2026"]
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        imported = api.content.get(UID=uid)
        assert imported is not None
        assert api.content.get_state(obj=imported) == "closed"
    again = session("archivist").get("/akta/@archive-export").content
    with (
        zipfile.ZipFile(io.BytesIO(package)) as a,
        zipfile.ZipFile(io.BytesIO(again)) as b,
    ):
        names = [n for n in a.namelist() if n != "manifest.xml"]
        assert names == [n for n in b.namelist() if n != "manifest.xml"]
        assert all(a.read(n) == b.read(n) for n in names)


def test_manager_imports_a_package_sent_as_a_form_field(
    functional_portal, closed_file, session
):
    closed_file(1)
    package = session("archivist").get("/akta/@archive-export").content
    _delete(functional_portal, "ar-4010-1-2026")
    admin = session("admin")
    response = admin.post(
        "/akta/@archive-import",
        files={"file": ("paczka.zip", package, "application/zip")},
    )
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("user_id", ["archivist", "head", "sw1", None])
def test_only_a_manager_imports(functional_portal, closed_file, session, user_id):
    closed_file(1)
    package = session("archivist").get("/akta/@archive-export").content
    _delete(functional_portal, "ar-4010-1-2026")
    response = session(user_id).post(
        "/akta/@archive-import",
        data=package,
        headers={"Content-Type": "application/zip"},
    )
    assert response.status_code in (401, 403)
    transaction.begin()
    assert "ar-4010-1-2026" not in functional_portal["akta"].objectIds()


def test_a_package_with_a_changed_byte_is_refused_and_nothing_is_written(
    functional_portal, closed_file, session
):
    closed_file(1)
    package = session("archivist").get("/akta/@archive-export").content
    _delete(functional_portal, "ar-4010-1-2026")
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    victim = next(n for n in files if n.startswith("sprawy/"))
    files[victim] = files[victim].replace(b"Rodzina 1", b"Rodzina 7", 1)
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    response = session("admin").post(
        "/akta/@archive-import",
        data=damaged.getvalue(),
        headers={"Content-Type": "application/zip"},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["reason"] == "archive_checksum_mismatch"
    transaction.begin()
    assert "ar-4010-1-2026" not in functional_portal["akta"].objectIds()


def test_a_plain_workflow_transition_does_not_archive_an_unexported_file(
    functional_portal, closed_file, session
):
    closed_file(1)
    response = session("archivist").post(
        "/akta/ar-4010-1-2026/@workflow/archive", json={}
    )
    assert response.status_code == 400, response.text
    assert "najpierw wykonaj eksport" in response.json()["error"]["message"]
    assert state_of(functional_portal, "akta/ar-4010-1-2026") == "closed"
