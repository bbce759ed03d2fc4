"""Family file: naming, title, and local roles that follow its people fields."""

from plone import api
from zope.container.interfaces import INameChooser
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


def test_file_id_and_title_come_from_case_reference(registry, make_family_file):
    family_file = make_family_file(number=12, family_name="Nowakowie")
    chooser = INameChooser(registry)
    assert chooser.chooseName(None, family_file) == "ar-4010-12-2026"
    assert family_file.Title() == "Nowakowie (AR.4010.12.2026)"


def test_people_fields_grant_local_roles(make_family_file):
    family_file = make_family_file()
    assert "SocialWorker" in family_file.get_local_roles_for_userid("sw1")
    assert "FamilyAssistant" in family_file.get_local_roles_for_userid("fa1")
    assert family_file.get_local_roles_for_userid("fa2") == ()


def test_changing_assistant_moves_the_local_role(make_family_file):
    family_file = make_family_file()
    family_file.assistant = "fa2"
    notify(ObjectModifiedEvent(family_file))
    assert "FamilyAssistant" not in family_file.get_local_roles_for_userid("fa1")
    assert "FamilyAssistant" in family_file.get_local_roles_for_userid("fa2")


def test_registry_roles_do_not_reach_into_files(registry, make_family_file):
    family_file = make_family_file(social_worker="sw1", assistant="fa1")
    with api.env.adopt_user(username="fa2"):
        assert api.user.has_permission("View", obj=registry)
        assert not api.user.has_permission("View", obj=family_file)
    with api.env.adopt_user(username="sw2"):
        assert not api.user.has_permission("View", obj=family_file)
