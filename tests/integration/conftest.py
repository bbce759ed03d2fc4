"""Fixtures that build family files and put them into any workflow state."""

from datetime import date

import pytest
from plone import api


def force_state(obj, state):
    """Put ``obj`` into ``state`` as its workflow would, without the guards."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    status = workflow_tool.getStatusOf(workflow.id, obj)
    status = dict(status, review_state=state)
    workflow_tool.setStatusOf(workflow.id, obj, status)
    workflow.updateRoleMappingsFor(obj)
    obj.reindexObject()
    obj.reindexObjectSecurity()


@pytest.fixture
def registry(portal):
    return portal["akta"]


@pytest.fixture
def make_family_file(portal, registry):
    """Create a family file as Manager, with sw1 and fa1 named on it."""

    def make(number=1, social_worker="sw1", assistant="fa1", state=None, **fields):
        family_name = fields.pop("family_name", f"Kowalscy {number}")
        with api.env.adopt_roles(["Manager"]):
            family_file = api.content.create(
                container=registry,
                type="FamilyFile",
                title=family_name,  # plone.api wants one; the file names itself
                case_reference=f"AR.4010.{number}.2026",
                family_name=family_name,
                address="ul. Długa 1, 00-001 Warszawa",
                social_worker=social_worker,
                assistant=assistant,
                opened=date(2026, 1, 5),
                **fields,
            )
            if state:
                force_state(family_file, state)
        return family_file

    return make


@pytest.fixture
def make_document(portal):
    """Create a document of ``portal_type`` in a file as Manager, owned by ``owner``."""

    def make(family_file, portal_type, owner="sw1", state=None, **fields):
        with api.env.adopt_roles(["Manager"]):
            document = api.content.create(
                container=family_file,
                type=portal_type,
                title=fields.pop("title", f"{portal_type} test"),
                **fields,
            )
            document.changeOwnership(api.user.get(userid=owner).getUser())
            document.manage_setLocalRoles(owner, ["Owner"])
            document.reindexObjectSecurity()
            if state:
                force_state(document, state)
        return document

    return make


@pytest.fixture
def set_state():
    """``set_state(obj, state)``: move an object to a state, guards aside."""
    return force_state
