"""Every listing that shows family files records a read of each file it shows.

Issue 14: the Classic UI's lists (the registry's page, Moje sprawy, Terminy, Do
podpisu, the register of decisions) and the REST ``@deadlines`` and
``@register`` serve family names and case references; each file shown leaves
an audit entry of action ``list``, and a file not shown (another assistant's)
leaves none.
"""

import pytest
import transaction

from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.builders import record_decision


@pytest.fixture
def files(committed_file, functional_portal):
    mine = committed_file(1, state="active", assistant="fa1")
    other = committed_file(2, state="active", assistant="fa2")
    transaction.begin()
    record_decision(functional_portal["akta"]["ar-4010-1-2026"], "other")
    transaction.commit()
    return mine.UID(), other.UID()


def _listed(audit_log, user_id):
    return {
        entry.get("file_uid")
        for entry in audit_log(user=user_id)
        if entry["action"] == "list"
    }


@pytest.mark.parametrize(
    ("path", "api"),
    [
        ("/akta", False),
        ("/@@moje-sprawy", False),
        ("/@@terminy", False),
        ("/@deadlines", True),
        ("/rejestr-decyzji", False),
        ("/@register", True),
    ],
)
def test_the_head_s_listings_record_each_file_shown(
    request_factory, files, audit_log, path, api
):
    session = request_factory(basic_auth=("head", PASSWORD), api=api)
    if not api:
        session.headers["Accept"] = "text/html"  # the Classic UI page
    response = session.get(path)
    assert response.status_code == 200, response.text[:300]
    assert ("<html" in response.text) is not api
    mine, other = files
    listed = _listed(audit_log, "head")
    assert mine in listed
    if path not in ("/rejestr-decyzji", "/@register"):  # both files have decisions
        assert other in listed


def test_an_assistant_s_list_records_only_their_own_families(
    request_factory, files, audit_log
):
    session = request_factory(basic_auth=("fa1", PASSWORD), api=False)
    session.headers["Accept"] = "text/html"
    page = session.get("/@@moje-sprawy")
    assert page.status_code == 200
    assert "<html" in page.text
    mine, other = files
    assert _listed(audit_log, "fa1") == {mine}
