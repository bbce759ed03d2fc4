"""1023 → 1024: a user's own obligations counted from an index."""

from plone import api
from Products.CMFCore.indexing import processQueue

from mgops.caseflow.upgrades.v1024 import index_own_obligations


PROFILE = "mgops.caseflow:default"


def test_a_site_at_1023_goes_on_through_1024(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1023")
    assert "1024" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def test_the_step_adds_the_index_and_counts_again(setup_tool, make_family_file):
    family_file = make_family_file(state="active")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("obligations_by_responsible")
    processQueue()
    # a count left stale by a transition before 1024
    count_index = catalog._catalog.getIndex("obligation_count")
    rid = catalog._catalog.uids["/".join(family_file.getPhysicalPath())]
    count_index.unindex_object(rid)

    index_own_obligations(setup_tool)

    path = "/".join(family_file.getPhysicalPath())
    responsible = {o["responsible"] for o in family_file.obligations}
    assert responsible
    for user_id in responsible:
        own = sum(1 for o in family_file.obligations if o["responsible"] == user_id)
        (brain,) = catalog.unrestrictedSearchResults(
            path=path,
            portal_type="FamilyFile",
            obligations_by_responsible=f"{user_id}\t{own}",
        )
    (brain,) = catalog.unrestrictedSearchResults(
        path=path,
        portal_type="FamilyFile",
        obligation_count=len(family_file.obligations),
    )
