"""A document may correct only a final (or signed) document of its own file."""

import pytest
from plone import api
from zope.schema.interfaces import ConstraintNotSatisfied

from mgops.caseflow.content.correctable import correctable_documents
from mgops.caseflow.content.document import IFamilyDocument


def note(make_document, family_file, title, state="final"):
    return make_document(
        family_file,
        "Note",
        state=state,
        title=title,
        kind="control_visit",
        content="Wizyta kontrolna.",
    )


@pytest.fixture
def documents(make_family_file, make_document):
    own = make_family_file(1)
    other = make_family_file(2)
    return {
        "first": note(make_document, own, "Pierwsza"),
        "second": note(make_document, own, "Druga"),
        "draft": note(make_document, own, "Szkic", state=None),
        "foreign": note(make_document, other, "Cudza"),
        "new": note(make_document, own, "Korekta", state=None),
    }


def uid(obj):
    return api.content.get_uuid(obj)


@pytest.fixture(autouse=True)
def as_social_worker(documents):
    """The file's social worker edits its documents."""
    with api.env.adopt_user(username="sw1"):
        yield


def test_lists_the_final_documents_of_the_same_file(documents):
    vocabulary = correctable_documents(documents["new"])
    assert [term.title for term in vocabulary] == ["Pierwsza", "Druga"]
    assert len(vocabulary) == 2
    assert [term.token for term in vocabulary] == [
        uid(documents["first"]),
        uid(documents["second"]),
    ]


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("first", True), ("draft", False), ("foreign", False), ("new", False)],
)
def test_membership_without_listing(documents, name, allowed):
    vocabulary = correctable_documents(documents["new"])
    assert (uid(documents[name]) in vocabulary) is allowed


@pytest.mark.parametrize("value", [None, "", "no-such-uid", 42])
def test_nonsense_is_not_a_member(documents, value):
    vocabulary = correctable_documents(documents["new"])
    assert value not in vocabulary
    with pytest.raises(LookupError):
        vocabulary.getTerm(value)


def test_term_of_a_final_document_has_its_title(documents):
    vocabulary = correctable_documents(documents["new"])
    term = vocabulary.getTermByToken(uid(documents["second"]))
    assert (term.value, term.title) == (uid(documents["second"]), "Druga")


def test_the_field_refuses_a_document_of_another_file(documents):
    field = IFamilyDocument["corrects"].bind(documents["new"])
    field.validate(uid(documents["first"]))
    with pytest.raises(ConstraintNotSatisfied):
        field.validate(uid(documents["foreign"]))
    with pytest.raises(ConstraintNotSatisfied):
        field.validate(uid(documents["draft"]))
