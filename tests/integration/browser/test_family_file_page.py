"""The family file page with a file of any length: documents grouped by type and
notes by month, latest first, the rest paged, from the catalog's brains."""

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from plone import api
from zope.interface import alsoProvides

from mgops.caseflow.interfaces import IMgopsCaseflowLayer


@pytest.fixture
def long_file(make_family_file, make_document):
    family_file = make_family_file(state="active")
    first = datetime(2026, 1, 5, 10, 0)
    for n in range(25):  # a visit every other day: January and February
        make_document(
            family_file,
            "Note",
            owner="fa1",
            state="final",
            title=f"Wizyta {n}",
            kind="visit",
            content="Rozmowa.",
            visit_start=first + timedelta(days=2 * n),
            visit_end=first + timedelta(days=2 * n, hours=1),
        )
    make_document(
        family_file,
        "Contract",
        owner="sw1",
        title="Kontrakt",
        parties="Rodzina",
        goals="Praca",
        family_obligations="Spotkania",
        centre_obligations="Wsparcie",
        valid_from=date(2026, 3, 1),
        valid_to=date(2026, 8, 31),
    )
    return family_file


def groups_of(family_file, http_request, **form):
    """The page's groups as the head sees them."""
    alsoProvides(http_request, IMgopsCaseflowLayer)
    http_request.form.update(form)
    with api.env.adopt_user(username="head"):
        page = api.content.get_view("view", family_file, http_request)
        return page.document_groups()


def test_documents_come_in_groups_latest_first_the_rest_paged(long_file, http_request):
    groups = groups_of(long_file, http_request)
    keys = [group["key"] for group in groups]
    assert keys[0] == "Contract"  # the types first, then the notes by month
    notes = [group for group in groups if group["key"].startswith("Note-")]
    assert sum(group["total"] for group in notes) == 25
    assert [g["key"] for g in notes] == sorted((g["key"] for g in notes), reverse=True)
    assert [g["key"] for g in notes] == ["Note-2026-02", "Note-2026-01"]
    assert notes[0]["documents"][0]["title"] == "Wizyta 24"  # the latest
    for group in notes:
        assert group["total"] > 10
        assert len(group["documents"]) == 10
        assert (group["more"] is not None) == (group["total"] > 10)


def test_one_group_is_paged_on_its_own(long_file, http_request):
    first = groups_of(long_file, http_request)
    largest = max(first, key=lambda group: group["total"])
    (only,) = groups_of(long_file, http_request, grupa=largest["key"])
    assert only["key"] == largest["key"]
    assert len(only["documents"]) == min(largest["total"], 50)


def test_final_documents_are_not_woken(long_file, http_request, monkeypatch):
    from mgops.caseflow.browser import family_file as page

    woken = []
    monkeypatch.setattr(
        page, "transitions_for", lambda obj: woken.append(obj.portal_type) or []
    )
    groups_of(long_file, http_request)
    assert woken == ["Contract"]  # the one draft, for its transitions
