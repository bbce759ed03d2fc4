"""A family file is removed only by the destruction protocol: a Manager's DELETE too
is refused, and the file stays."""

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD


@pytest.mark.parametrize("state", ["intake", "active"])
def test_managers_delete_of_a_family_file_is_refused(
    functional_portal, committed_file, request_factory, state
):
    committed_file(1, state=state)
    manager = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    response = manager.delete("/akta/ar-4010-1-2026")
    assert response.status_code in (401, 403), response.text
    assert "archiwista" in response.text  # the Polish reason
    transaction.begin()
    assert "ar-4010-1-2026" in functional_portal["akta"].objectIds()


def test_a_managers_delete_in_python_is_refused_too(functional_portal, committed_file):
    committed_file(2)
    transaction.begin()
    with (
        api.env.adopt_roles(["Manager"]),
        pytest.raises(Exception, match="archiwista"),
    ):
        api.content.delete(obj=functional_portal["akta"]["ar-4010-2-2026"])
    transaction.abort()
    assert "ar-4010-2-2026" in functional_portal["akta"].objectIds()
