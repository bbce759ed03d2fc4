"""Catalog: list files and documents by people, state, type and reference from brains."""

import pytest
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


@pytest.fixture
def find():
    """Catalog search without security: these tests are about indexes and metadata."""
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults


def test_files_are_found_by_assistant_social_worker_and_reference(
    make_family_file, find
):
    make_family_file(number=1, social_worker="sw1", assistant="fa1")
    make_family_file(number=2, social_worker="sw2", assistant="fa2", state="active")
    by_assistant = find(portal_type="FamilyFile", assistant="fa2")
    assert [b.case_reference for b in by_assistant] == ["AR.4010.2.2026"]
    by_worker = find(portal_type="FamilyFile", social_worker="sw1")
    assert [b.case_reference for b in by_worker] == ["AR.4010.1.2026"]
    by_reference = find(case_reference="AR.4010.2.2026", portal_type="FamilyFile")
    (brain,) = by_reference
    assert (
        brain.review_state,
        brain.assistant,
        brain.social_worker,
        brain.family_name,
    ) == (
        "active",
        "fa2",
        "sw2",
        "Kowalscy 2",
    )


def test_documents_are_listed_by_type_kind_and_state(
    make_family_file, make_document, find
):
    family_file = make_family_file(state="active")
    make_document(family_file, "Note", owner="fa1", kind="visit", content="x")
    make_document(
        family_file,
        "Note",
        owner="fa1",
        kind="introduction",
        content="y",
        state="final",
    )
    make_document(family_file, "Interview", owner="sw1", state="final")
    path = "/".join(family_file.getPhysicalPath())
    final_notes = find(path=path, portal_type="Note", review_state="final")
    assert [b.document_kind for b in final_notes] == ["introduction"]
    visits = find(path=path, document_kind="visit")
    assert len(visits) == 1
    by_reference = find(case_reference="AR.4010.1.2026", portal_type="Interview")
    assert len(by_reference) == 1


def test_changing_the_assistant_reindexes_who_may_see(make_family_file):
    family_file = make_family_file(state="active", assistant="fa1")
    family_file.assistant = "fa2"
    notify(ObjectModifiedEvent(family_file))
    with api.env.adopt_user(username="fa1"):
        assert list(api.content.find(portal_type="FamilyFile")) == []
    with api.env.adopt_user(username="fa2"):
        assert [b.getObject() for b in api.content.find(portal_type="FamilyFile")] == [
            family_file
        ]
