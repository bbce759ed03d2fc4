"""Who may be named on a file: the social workers' and the assistants' groups."""

import pytest
from plone import api
from zope.schema.interfaces import ConstraintNotSatisfied

from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.vocabularies import assistants
from mgops.caseflow.content.vocabularies import social_workers


@pytest.fixture(autouse=True)
def as_head(portal):
    """The staff list the staff (``vocabularies.staff_only``)."""
    with api.env.adopt_user(username="head"):
        yield


def test_lists_the_group_sorted_by_full_name(portal):
    assert [(t.value, t.title) for t in social_workers(portal)] == [
        ("sw1", "Anna Socjalna"),
        ("sw2", "Barbara Socjalna"),
    ]
    assert [t.value for t in assistants(portal)] == ["fa1", "fa2"]
    assert len(assistants(portal)) == 2


@pytest.mark.parametrize(
    ("user_id", "member"),
    [("sw1", True), ("fa1", False), ("head", False), ("nobody", False)],
)
def test_membership_of_one_user(portal, user_id, member):
    assert (user_id in social_workers(portal)) is member


@pytest.mark.parametrize("value", [None, "", 7])
def test_nonsense_is_not_a_member(portal, value):
    assert value not in assistants(portal)


def test_term_carries_the_full_name(portal):
    term = assistants(portal).getTermByToken("fa2")
    assert (term.value, term.token, term.title) == ("fa2", "fa2", "Dorota Asystentka")
    with pytest.raises(LookupError):
        assistants(portal).getTerm("sw1")


def test_a_social_worker_cannot_be_named_the_assistant(portal):
    field = IFamilyFile["assistant"].bind(portal)
    field.validate("fa1")
    with pytest.raises(ConstraintNotSatisfied):
        field.validate("sw1")
