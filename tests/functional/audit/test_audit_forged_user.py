"""A form field named AUTHENTICATED_USER neither breaks nor names the audit entry
of a denied request (found by the schemathesis run)."""

import pytest
import requests

from mgops.caseflow.testing import PASSWORD


@pytest.mark.parametrize("encoding", ["files", "data"])
def test_a_forged_user_field_is_ignored(
    functional_portal, committed_file, audit_log, encoding
):
    committed_file(1)
    url = f"{functional_portal.absolute_url()}/akta/ar-4010-1-2026/@destroy"
    fields = {"AUTHENTICATED_USER": "head"}
    response = requests.post(
        url,
        auth=("fa2", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
        **(
            {"files": {"AUTHENTICATED_USER": (None, "head")}}
            if encoding == "files"
            else {"data": fields}
        ),
    )
    assert response.status_code in (401, 403), response.text
    (entry,) = audit_log(outcome="denied")
    assert entry["user"] == "fa2"
