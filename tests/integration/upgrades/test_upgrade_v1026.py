"""1025 → 1026: a user's own files in the order of their own obligations."""

from plone import api
from Products.CMFCore.indexing import processQueue

from mgops.caseflow.upgrades.v1026 import index_own_due_dates


PROFILE = "mgops.caseflow:default"


def test_a_site_at_1025_goes_on_through_1026(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1025")
    assert "1026" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def test_the_step_adds_and_fills_the_index(setup_tool, make_family_file):
    family_file = make_family_file(state="active")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("next_due_by_responsible")
    processQueue()

    index_own_due_dates(setup_tool)

    path = "/".join(family_file.getPhysicalPath())
    responsible = {o["responsible"] for o in family_file.obligations}
    assert responsible
    for user_id in responsible:
        nearest = min(
            o["due"] for o in family_file.obligations if o["responsible"] == user_id
        )
        (brain,) = catalog.unrestrictedSearchResults(
            path=path,
            portal_type="FamilyFile",
            next_due_by_responsible=f"{user_id}\t{nearest.isoformat()}",
        )
