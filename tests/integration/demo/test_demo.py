"""The demo loader: staff in their groups, families in every state, deny by default."""

from datetime import date

import pytest
from plone import api

from mgops.caseflow.core.rules.case_reference import looks_like_case_reference
from mgops.caseflow.core.rules.pesel import check_pesel
from mgops.caseflow.core.rules.visits import check_visit_time
from mgops.caseflow.demo.data import FAMILIES
from mgops.caseflow.demo.data import HEAD
from mgops.caseflow.demo.data import USERS
from mgops.caseflow.demo.loader import demo_families
from mgops.caseflow.demo.loader import is_demo_loaded
from mgops.caseflow.demo.loader import load_demo
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.signing.register import entries
from mgops.caseflow.workflow.guards import check_request_assistant


#: states in which an assistant named on a file may see it
ASSISTANT_VISIBLE = {"active", "monitoring", "social_work", "closed"}


@pytest.fixture
def demo(portal):
    """The demo loaded into the integration site (rolled back after each test)."""
    families = load_demo(portal)
    return {family.family_name: family for family in families}


def _counts(portal):
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        return {
            "users": len(api.user.get_users()),
            "objects": len(catalog.unrestrictedSearchResults()),
            "files": len(catalog.unrestrictedSearchResults(portal_type="FamilyFile")),
        }


def test_demo_users_are_in_their_groups(demo):
    for user in USERS:
        member = api.user.get(userid=user.user_id)
        assert member is not None, user.user_id
        assert member.getProperty("fullname") == user.fullname
        groups = {group.getId() for group in api.group.get_groups(user=member)}
        assert user.group in groups, user.user_id


def test_demo_has_each_role():
    groups = [user.group for user in USERS]
    assert groups.count(ASSISTANTS_GROUP) >= 2
    assert len(set(groups)) == 4


def test_demo_families_are_in_their_states(portal, demo):
    expected = {family.family_name: family.state for family in FAMILIES}
    assert {name: family.state for name, family in demo.items()} == expected
    with api.env.adopt_roles(["Manager"]):
        for name, family in demo.items():
            family_file = api.content.get(path=family.path)
            assert api.content.get_state(obj=family_file) == expected[name]
    states = set(expected.values())
    assert states >= {
        "intake",
        "awaiting_decision",
        "active",
        "monitoring",
        "social_work",
        "closed",
        "archived",
    }


def test_za_zyciem_family_in_intake_on_its_application_without_interview(demo):
    """DESIGN, Process 11: the file opens on the final application with its
    certificate's scan (a PDF), so the social worker may ask for an assistant."""
    (za_zyciem,) = [f for f in demo.values() if f.support_path == "za_zyciem"]
    assert za_zyciem.state == "intake"
    with api.env.adopt_roles(["Manager"]):
        family_file = api.content.get(path=za_zyciem.path)
        (application,) = family_file.objectValues()
        assert application.kind == "za_zyciem_application"
        assert api.content.get_state(obj=application) == "final"
        assert application.Creator() == family_file.social_worker
        assert application.certificate_kind == "pregnancy_document"
        assert application.received_on == family_file.learned_on
        assert application.attachment.data.startswith(b"%PDF-")
        assert family_file.medical_certificate is None
        check_request_assistant(family_file)  # the request would pass
        assert family_file.obligations == ()  # no interview on this path


def test_case_references_and_pesels_are_valid(demo):
    year = date.today().year
    with api.env.adopt_roles(["Manager"]):
        for family in demo.values():
            prefix, number, file_year = family.case_reference.rsplit(".", 2)
            assert prefix == "AR.4010"
            assert int(number) >= 1
            assert int(file_year) <= year
            family_file = api.content.get(path=family.path)
            assert family_file.members
            for member in family_file.members:
                check_pesel(member["pesel"], member["birth_date"])


def test_register_numbers_are_never_case_references(demo):
    """``decyzja nr 1/2025``, not ``AR.4010.1.2025``: the register's own shape."""
    references = {family.case_reference for family in demo.values()}
    with api.env.adopt_user(username=HEAD.user_id):
        rows = entries()
    assert rows
    for row in rows:
        assert row["register_number"] == f"{row['n']}/{row['year']}"
        assert not looks_like_case_reference(row["register_number"])
        assert row["register_number"] not in references
        assert row["case_reference"] in references
        assert row["signed_number"] is None


def test_documents_fit_the_state(portal, demo):
    def documents(name, portal_type, **query):
        # The head sees every file, so every document in it.
        with api.env.adopt_user(username=HEAD.user_id):
            return api.content.find(
                path=demo[name].path, portal_type=portal_type, **query
            )

    # Signed decisions for files the head has decided on.
    for name in ("Kowalscy", "Szymańscy", "Pawlakowie", "Górscy", "Dąbrowscy"):
        assert documents(name, "Decision", review_state="signed"), name
        assert documents(name, "Interview", review_state="final"), name
        assert documents(name, "Plan", review_state="final"), name
        assert documents(name, "Note", document_kind="introduction"), name
    for name in ("Szymańscy", "Pawlakowie", "Górscy"):
        ends = documents(name, "Decision", document_kind="end_work")
        assert [brain.review_state for brain in ends] == ["signed"], name
        assert documents(name, "Note", document_kind="monitoring_visit"), name
    assert documents("Kowalscy", "Assessment", review_state="final")
    # Every assessment names its file's final plan and assesses each of its goals.
    for name in ("Kowalscy", "Szymańscy", "Pawlakowie", "Górscy", "Dąbrowscy"):
        (plan,) = documents(name, "Plan", review_state="final")
        goals = [row["goal"] for row in plan._unrestrictedGetObject().goals]
        assert len(goals) == 3, name
        for brain in documents(name, "Assessment"):
            assessment = brain._unrestrictedGetObject()
            assert brain.review_state == "final", name
            assert assessment.plan == plan.UID, name
            assert [row["goal"] for row in assessment.goal_progress] == goals, name
    assert documents("Kowalscy", "Contract", review_state="final")
    assert documents("Dąbrowscy", "Note", document_kind="control_visit")
    pending = documents("Wróblewscy", "Decision")
    assert [brain.review_state for brain in pending] == ["pending_signature"]
    drafts = documents("Nowakowie", "Interview")
    assert [brain.review_state for brain in drafts] == ["draft"]


def test_a_child_of_the_dabrowscy_is_in_foster_care(portal, demo):
    """Seed rule 1: a family whose child is already in foster care."""
    from datetime import date

    from mgops.caseflow.content.family_file import in_foster_care

    with api.env.adopt_user(username=HEAD.user_id):
        dabrowscy = api.content.get(path=demo["Dąbrowscy"].path)
        kowalscy = api.content.get(path=demo["Kowalscy"].path)
    assert in_foster_care(dabrowscy, date.today())
    assert not in_foster_care(kowalscy, date.today())


def test_visits_in_working_hours_and_in_the_past(demo):
    from datetime import datetime

    now = datetime.now()
    with api.env.adopt_user(username=HEAD.user_id):
        notes = api.content.find(portal_type="Note")
        assert notes
        for brain in notes:
            note = brain.getObject()
            if note.kind in ("visit", "monitoring_visit"):
                check_visit_time(note.visit_start, note.visit_end, now)


def test_each_assistant_sees_only_their_own_families(demo):
    assistants = [user for user in USERS if user.group == ASSISTANTS_GROUP]
    for assistant in assistants:
        own = {
            family.case_reference
            for family in demo.values()
            if family.assistant == assistant.user_id
            and family.state in ASSISTANT_VISIBLE
        }
        assert own, assistant.user_id
        with api.env.adopt_user(username=assistant.user_id):
            found = {
                brain.case_reference
                for brain in api.content.find(portal_type="FamilyFile")
            }
        assert found == own, assistant.user_id


def test_loading_twice_changes_nothing(portal, demo):
    assert is_demo_loaded(portal)
    before = _counts(portal)
    assert load_demo(portal) == []
    assert _counts(portal) == before
    assert {family.family_name for family in demo_families(portal)} == set(demo)


def test_not_loaded_in_a_fresh_site(portal):
    assert not is_demo_loaded(portal)
    assert demo_families(portal) == []
