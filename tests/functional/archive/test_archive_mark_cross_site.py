"""@archive-mark tells nothing of a file the archivist may not see, and needs the
CSRF token under the session cookie."""

import transaction
from plone import api


def _state(portal, object_id):
    transaction.begin()
    return api.content.get_state(obj=portal["akta"][object_id])


def test_an_active_file_is_unknown_like_a_uid_that_names_nothing(
    functional_portal, committed_file, session
):
    active = committed_file(5, state="active")
    archivist = session("archivist")
    assert archivist.get("/akta/ar-4010-5-2026").status_code in (401, 403, 404)
    refused = archivist.post("/akta/@archive-mark", json={"uids": [active.UID()]})
    unknown = archivist.post("/akta/@archive-mark", json={"uids": ["0" * 32]})
    assert refused.status_code == unknown.status_code == 400, refused.text
    error, nothing = refused.json()["error"], unknown.json()["error"]
    assert error["reason"] == nothing["reason"] == "archive_mark_unknown"
    assert error["message"] == nothing["message"].replace("0" * 32, active.UID())
    assert "AR.4010.5" not in refused.text
    assert "Rodzina" not in refused.text
    assert _state(functional_portal, "ar-4010-5-2026") == "active"


def test_cookie_mark_needs_the_token(
    functional_portal, closed_file, session, browser_login
):
    closed_file(1)
    export = session("archivist").get("/akta/@archive-export")
    body = {"export_id": export.headers["X-Archive-Export-Id"]}
    url = f"{functional_portal.absolute_url()}/akta/@archive-mark"
    archivist = browser_login("archivist")
    refused = archivist.post(url, json=body, timeout=60)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["reason"] == "error_csrf_token"
    assert _state(functional_portal, "ar-4010-1-2026") == "closed"
    marked = archivist.post(
        url, json=body, headers={"X-CSRF-TOKEN": archivist.token()}, timeout=60
    )
    assert marked.status_code == 200, marked.text
    assert _state(functional_portal, "ar-4010-1-2026") == "archived"


def test_uids_that_are_not_a_list_of_texts_are_a_bad_request(
    functional_portal, closed_file, session
):
    closed_file(1)
    for uids in (-3.9e48, "abc", [1, 2], {"a": 1}):
        response = session("archivist").post("/akta/@archive-mark", json={"uids": uids})
        assert response.status_code == 400, (uids, response.text)
        assert response.json()["error"]["reason"] == "archive_mark_bad_uids"
    assert _state(functional_portal, "ar-4010-1-2026") == "closed"
