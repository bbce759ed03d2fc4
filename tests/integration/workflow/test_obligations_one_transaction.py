"""Obligations follow documents created and finalized in one transaction.

The rules read the file's documents from the catalog without processing the
indexing queue when only the document in transition is queued; these cases make
sure nothing queued is ever missed.
"""

from datetime import date

from plone import api

from mgops.caseflow.workflow.facts import final_documents


def create(family_file, portal_type, **fields):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=family_file, type=portal_type, **fields)


def finalize(document):
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").doActionFor(document, "finalize")


def interview(family_file, title="Wywiad"):
    return create(
        family_file,
        "Interview",
        title=title,
        interview_date=date(2026, 1, 6),
        conducted_by="Anna Socjalna",
        findings="Ustalenia",
        assistant_needed=True,
    )


def kinds(family_file):
    return [obligation["kind"] for obligation in family_file.obligations]


def test_a_document_created_and_finalized_at_once_counts(make_family_file):
    family_file = make_family_file(learned_on=date(2026, 1, 2))
    assert kinds(family_file) == ["interview"]
    document = interview(family_file)
    finalize(document)  # not yet in the catalog: read from the object
    assert kinds(family_file) == []


def test_an_earlier_transition_in_the_same_transaction_counts(make_family_file):
    family_file = make_family_file(learned_on=date(2026, 1, 2))
    first, second = interview(family_file, "Pierwszy"), interview(family_file, "Drugi")
    finalize(first)
    # ``first`` waits in the queue with its new state; it must not be read stale
    finalize(second)
    assert len(final_documents(family_file)) == 2
    assert kinds(family_file) == []


def test_the_document_in_transition_is_read_from_the_object(make_family_file):
    family_file = make_family_file(learned_on=date(2026, 1, 2))
    document = interview(family_file)
    path = "/".join(document.getPhysicalPath())
    assert final_documents(family_file, {path: ("final", document)}) == (
        ("Interview", None, date(2026, 1, 6), document.Creator()),
    )
    assert final_documents(family_file, {path: ("draft", document)}) == ()
