"""1019 → 1020: the staff folder, the report facts' index and columns, filled
for the files and decisions already there."""

from datetime import date

from plone import api

from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.builders import record_decision


PROFILE = "mgops.caseflow:default"


def test_a_1012_site_gets_the_staff_folder_and_the_report_facts(
    portal, setup_tool, make_family_file
):
    family_file = make_family_file(
        7,
        state="awaiting_decision",
        members=[
            {
                "first_name": "Ala",
                "last_name": "K",
                "role": "child",
                "birth_date": date(2016, 1, 1),
            }
        ],
    )
    record_decision(family_file, "assign_assistant", date(2026, 1, 5), assistant="fa1")
    record_decision(
        family_file,
        "end_work",
        date(2026, 3, 2),
        end_reason="moved_away",
        end_request=end_request(family_file, reason="moved_away"),
    )
    # the site as 1012 left it: no staff folder, no index, no columns
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["kadry"])
    catalog.delIndex("end_reason")
    for column in ("end_reason", "children_count"):
        catalog.delColumn(column)
    setup_tool.setLastVersionForProfile(PROFILE, "1012")
    with api.env.adopt_roles(["Manager"]):  # the administrator runs upgrades
        setup_tool.upgradeProfile(PROFILE)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert portal["kadry"].portal_type == "StaffRegistry"
    assert (
        "FamilyAssistant" in dict(portal["kadry"].get_local_roles())[ASSISTANTS_GROUP]
    )
    (decision,) = catalog.unrestrictedSearchResults(
        portal_type="Decision", end_reason="moved_away"
    )
    assert decision.end_reason == "moved_away"
    (brain,) = catalog.unrestrictedSearchResults(UID=family_file.UID())
    assert brain.children_count == 1
