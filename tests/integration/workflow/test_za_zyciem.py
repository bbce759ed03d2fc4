"""The "Za życiem" request rests on the application, a final document with its scan.

DESIGN, "Process" 11; Act of 4 November 2016 on supporting pregnant women and
families "Za życiem", art. 8 ust. 1 (counselling coordinated by an assistant)
and art. 4 ust. 3 (the certificate of the child's disability or illness).
"""

from datetime import date
from datetime import timedelta

import pytest
from plone import api
from plone.namedfile.file import NamedBlobFile

from mgops.caseflow.workflow.guards import RuleBlocked


PDF = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n"
NEEDS_APPLICATION = (
    "Na ścieżce „Za życiem” wniosek o przydzielenie asystenta wymaga "
    "zatwierdzonej adnotacji z wnioskiem „Za życiem” i dołączonym dokumentem"
)


def scan(data=PDF, filename="zaswiadczenie.pdf"):
    return NamedBlobFile(data=data, filename=filename, contentType="application/pdf")


def request_as(user_id, family_file):
    with api.env.adopt_user(username=user_id):
        api.portal.get_tool("portal_workflow").doActionFor(
            family_file, "request_assistant"
        )


@pytest.fixture
def za_zyciem(make_family_file):
    return make_family_file(support_path="za_zyciem")


@pytest.fixture
def application(za_zyciem, make_document):
    """``application(state, attachment)``: the social worker's application note."""

    def make(state="final", attachment=None, **fields):
        fields.setdefault("received_on", date.today() - timedelta(days=2))
        fields.setdefault("certificate_kind", "disability_certificate")
        return make_document(
            za_zyciem,
            "Note",
            owner="sw1",
            state=state,
            kind="za_zyciem_application",
            content="Wniosek o koordynację poradnictwa.",
            attachment=attachment if attachment is not None else scan(),
            **fields,
        )

    return make


def test_without_an_application_the_request_is_refused_in_polish(za_zyciem):
    with pytest.raises(RuleBlocked) as blocked:
        request_as("sw1", za_zyciem)
    assert str(blocked.value).startswith(NEEDS_APPLICATION)
    assert api.content.get_state(za_zyciem) == "intake"


def test_the_old_medical_certificate_field_is_not_enough(za_zyciem):
    za_zyciem.medical_certificate = scan()
    with pytest.raises(RuleBlocked):
        request_as("sw1", za_zyciem)
    assert api.content.get_state(za_zyciem) == "intake"


def test_a_draft_application_is_not_enough(za_zyciem, application):
    application(state=None)
    with pytest.raises(RuleBlocked):
        request_as("sw1", za_zyciem)


def test_a_final_application_whose_file_is_no_scan_is_not_enough(
    za_zyciem, application
):
    """Put final past the finalize guard, as an old or imported file may hold it."""
    application(attachment=scan(b"Zaswiadczenie lekarskie", "zaswiadczenie.pdf"))
    with pytest.raises(RuleBlocked):
        request_as("sw1", za_zyciem)


def test_an_application_note_on_a_standard_file_does_not_replace_the_interview(
    make_family_file, make_document
):
    standard = make_family_file(number=2)
    make_document(
        standard,
        "Note",
        owner="sw1",
        state="final",
        kind="za_zyciem_application",
        content="Wniosek.",
        received_on=date.today(),
        certificate_kind="pregnancy_document",
        attachment=scan(),
    )
    with pytest.raises(RuleBlocked, match="zatwierdzonym rodzinnym wywiadzie"):
        request_as("sw1", standard)


def test_the_final_application_with_its_scan_allows_the_request_without_interview(
    za_zyciem, application
):
    draft = application(state=None)
    with api.env.adopt_user(username="sw1"):
        api.content.transition(obj=draft, transition="finalize")
    request_as("sw1", za_zyciem)
    assert api.content.get_state(za_zyciem) == "awaiting_decision"
    assert not [o for o in za_zyciem.obligations if o["kind"] == "interview"]
