"""An imported decision: counted as the head's decision it was (obligations
from its day), never signed here: no XML, nothing to verify; its page and PDF
say so; the register marks it; the next signed number follows it."""

import subprocess
from datetime import date

import pytest
from plone import api
from zope.interface import alsoProvides

from mgops.caseflow.case_import.importer import import_family
from mgops.caseflow.core.case_import.validation import Family
from mgops.caseflow.core.case_import.validation import ImportedDecision
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.interfaces import IMgopsCaseflowLayer
from mgops.caseflow.signing import signing
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.register import entries
from mgops.caseflow.signing.register import register_xml


@pytest.fixture
def imported(portal, http_request):
    alsoProvides(http_request, IMgopsCaseflowLayer)
    family = Family(
        row=2,
        case_reference="AR.4010.51.2025",
        family_name="Grzęda-Źrebińscy",
        address="ul. Polna 3",
        support_path="standard",
        social_worker="sw1",
        assistant="fa1",
        learned_on=date(2025, 3, 3),
        state="active",
        assignment_date=date(2025, 6, 16),
        assignment_number="12/2025",
        decisions=(
            ImportedDecision(
                "assign_assistant",
                date(2025, 6, 16),
                "12/2025",
                (12, 2025),
                None,
                "fa1",
            ),
        ),
    )
    with api.env.adopt_roles(["Manager"]):
        family_file = import_family(portal["akta"], family)
    (decision,) = [d for d in family_file.objectValues() if d.portal_type == "Decision"]
    return family_file, decision


def test_it_counts_from_its_day(imported):
    family_file, decision = imported
    assert api.content.get_state(decision) == "imported"
    assert [(o["kind"], o["due"]) for o in family_file.obligations] == [
        ("introduction", date(2025, 6, 26)),
        ("assessment", date(2025, 12, 16)),
    ]


def test_it_has_no_xml_and_nothing_to_verify(imported):
    _family_file, decision = imported
    with pytest.raises(SignatureError) as refused:
        signing.unsigned_xml(decision)
    assert refused.value.msgid == "decision_imported_no_xml"
    with pytest.raises(SignatureError) as refused:
        signing.reverify(decision)
    assert refused.value.msgid == "decision_imported_no_xml"


def test_the_register_marks_it_and_the_next_number_follows(imported):
    with api.env.adopt_user(username="head"):
        (entry,) = entries(year=2025)
        xml = register_xml(year=2025)
    assert (entry["register_number"], entry["imported"]) == ("12/2025", True)
    assert b'imported="true"' in xml
    assert decision_numbers().peek(2025) == 13


def test_its_page_and_pdf_say_it_was_imported(imported, http_request, tmp_path):
    _family_file, decision = imported
    with api.env.adopt_roles(["Manager"]):
        page = api.content.get_view("view", decision, http_request)()
        pdf = api.content.get_view("pdf", decision, http_request)()
    assert "przeniesiona z dotychczasowej dokumentacji" in page
    assert "12/2025" in page
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "12/2025" in text
    assert "Grzęda-Źrebińscy" in text
    assert "nie została podpisana w systemie" in " ".join(text.split())
