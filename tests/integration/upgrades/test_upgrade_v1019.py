"""1018 → 1019: the decision workflow's state "imported" and the permission to
import cases, for the head, the Manager and the site administrator."""

from plone import api


PROFILE = "mgops.caseflow:default"
PERMISSION = "mgops.caseflow: Import cases"


def test_a_site_at_1012_gets_the_imported_state_and_the_permission(portal, setup_tool):
    workflow = api.portal.get_tool("portal_workflow")["mgops_decision_workflow"]
    workflow.states.deleteStates(["imported"])
    portal.manage_permission(PERMISSION, roles=[], acquire=True)
    setup_tool.setLastVersionForProfile(PROFILE, "1012")

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert "imported" in workflow.states
    roles = {r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]}
    assert roles == {"Head", "Manager", "Site Administrator"}
