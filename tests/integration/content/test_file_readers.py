"""``find_family_files`` finds what Plone's own search lets each user see, and
its index follows every route that changes who may see a file."""

import pytest
from plone import api
from Products.CMFCore.indexing import processQueue

from mgops.caseflow.content.file_readers import find_family_files
from mgops.caseflow.testing import STAFF
from mgops.caseflow.upgrades.v1025 import index_file_readers
from mgops.caseflow.workflow.local_roles import sync_local_roles


PROFILE = "mgops.caseflow:default"


@pytest.fixture
def files(make_family_file, set_state):
    made = [
        make_family_file(1, state="active"),
        make_family_file(2, social_worker="sw2", assistant="fa2", state="active"),
        make_family_file(3, state="intake"),
        make_family_file(4, social_worker="sw2", assistant=None, state="intake"),
    ]
    set_state(make_family_file(5, state="active"), "closed")
    processQueue()
    return made


def paths(brains):
    return sorted(brain.getPath() for brain in brains)


def seen_by_plone(user_id):
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_user(username=user_id):
        return paths(catalog(portal_type="FamilyFile", show_inactive=True))


def seen_by_ours(user_id, **query):
    with api.env.adopt_user(username=user_id):
        return paths(find_family_files(**query))


def assert_in_step():
    """Every family file's ``file_readers`` equals its ``allowedRolesAndUsers``,
    and no other object is in the index."""
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")._catalog
    readers = catalog.getIndex("file_readers")
    family_files = set()
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="FamilyFile"
    ):
        family_files.add(brain.getRID())
        data = catalog.getIndexDataForRID(brain.getRID())
        assert sorted(data["file_readers"]) == sorted(data["allowedRolesAndUsers"])
    assert set(readers._unindex.keys()) == family_files


def test_each_user_finds_what_plone_lets_them_see(files):
    users = [*STAFF, "admin"]
    for user_id in users:
        assert seen_by_ours(user_id) == seen_by_plone(user_id), user_id
    assert len(seen_by_ours("head")) == 5
    assert len(seen_by_ours("sw2")) == 2
    assert seen_by_ours("member") == []
    assert_in_step()


def test_an_anonymous_visitor_finds_none(files):
    with api.env.adopt_roles(["Anonymous"]):
        assert paths(find_family_files()) == []


def test_the_query_still_narrows(files):
    assert seen_by_ours("head", review_state="intake") == sorted(
        "/".join(f.getPhysicalPath()) for f in files[2:]
    )


def test_sharing_a_file_reaches_the_index(files):
    family_file = files[0]
    path = "/".join(family_file.getPhysicalPath())
    assert path not in seen_by_ours("sw2")
    family_file.manage_setLocalRoles("sw2", ["SocialWorker"])
    family_file.reindexObjectSecurity()  # what the sharing page does
    assert path in seen_by_ours("sw2")
    assert seen_by_ours("sw2") == seen_by_plone("sw2")
    family_file.manage_delLocalRoles(["sw2"])
    family_file.reindexObjectSecurity()
    assert path not in seen_by_ours("sw2")
    assert_in_step()


def test_a_new_assistant_and_a_state_change_reach_the_index(files, set_state):
    family_file = files[3]
    family_file.assistant = "fa1"
    sync_local_roles(family_file)
    set_state(family_file, "active")
    assert seen_by_ours("fa1") == seen_by_plone("fa1")
    assert "/".join(family_file.getPhysicalPath()) in seen_by_ours("fa1")
    assert_in_step()


def test_remapping_the_workflow_and_an_ancestor_reach_the_index(files, registry):
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(files[0])
    state = workflow.states["active"]
    roles = state.permission_roles["Access contents information"]
    state.setPermission(
        "Access contents information", False, [r for r in roles if r != "Head"]
    )
    try:
        workflow_tool.updateRoleMappings()  # plone.app.workflow's remap route
        assert_in_step()
        assert "/".join(files[0].getPhysicalPath()) not in seen_by_ours("head")
        assert seen_by_ours("head") == seen_by_plone("head")
    finally:
        state.setPermission("Access contents information", False, roles)
        workflow_tool.updateRoleMappings()
    files[1].manage_setLocalRoles("member", ["Head"])
    registry.reindexObjectSecurity()  # security reindexed from an ancestor
    assert "/".join(files[1].getPhysicalPath()) in seen_by_ours("member")
    assert_in_step()


def test_before_the_upgrade_plone_filters(files, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("file_readers")
    assert seen_by_ours("sw2") == seen_by_plone("sw2")
    assert len(seen_by_ours("sw2")) == 2


def test_a_site_at_1024_goes_on_through_1025(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1024")
    assert "1025" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def test_the_upgrade_adds_and_fills_the_index(files, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("file_readers")
    processQueue()
    index_file_readers(setup_tool)
    assert "file_readers" in catalog.indexes()
    assert_in_step()
    for user_id in STAFF:
        assert seen_by_ours(user_id) == seen_by_plone(user_id)
