"""1021 → 1022: the global navigation reads the site's top level only."""

import pytest
from plone import api

from mgops.caseflow.upgrades.v1022 import top_level_navigation


PROFILE = "mgops.caseflow:default"
RECORD = "plone.navigation_depth"


def test_a_site_at_1021_goes_on_through_1022(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1021")
    assert "1022" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def test_a_new_site_reads_the_top_level_only(portal):
    assert api.portal.get_registry_record(RECORD) == 1


@pytest.mark.parametrize(("before", "after"), [(3, 1), (2, 2), (1, 1)])
def test_only_plones_default_depth_is_changed(portal, before, after):
    api.portal.set_registry_record(RECORD, before)
    top_level_navigation(None)
    assert api.portal.get_registry_record(RECORD) == after


def test_the_menu_stays_the_same(portal, http_request, make_family_file, make_document):
    """The menu of a centre's site comes from its top level at any depth: no
    family file or document is in it (none of our types is displayed)."""
    from plone.app.layout.viewlets.common import GlobalSectionsViewlet

    family_file = make_family_file(state="active")
    make_document(family_file, "Note", owner="fa1", state="final")

    def menu(depth):
        api.portal.set_registry_record(RECORD, depth)
        viewlet = GlobalSectionsViewlet(portal, http_request, None)
        return {
            path: [entry["id"] for entry in entries]
            for path, entries in viewlet.navtree.items()
        }

    assert menu(1) == menu(3)
    assert family_file.getId() not in str(menu(3))
