"""The "Za życiem" application: dated, with its kind and a real scan attached.

Act of 4 November 2016 on supporting pregnant women and families "Za życiem",
art. 4 ust. 3 and art. 8 ust. 1; DESIGN, "Process" 11.
"""

from datetime import date

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.za_zyciem import CERTIFICATE_KINDS
from mgops.caseflow.core.rules.za_zyciem import check_application
from mgops.caseflow.core.rules.za_zyciem import check_application_document
from mgops.caseflow.core.rules.za_zyciem import document_format


TODAY = date(2026, 12, 1)


def refused(check, *args):
    with pytest.raises(RuleViolation) as caught:
        check(*args)
    return caught.value


@pytest.mark.parametrize("kind", CERTIFICATE_KINDS)
def test_an_application_received_today_or_before_with_its_kind_passes(kind):
    check_application(TODAY, kind, TODAY)
    check_application(date(2026, 11, 2), kind, TODAY)


def test_the_two_kinds_of_the_act():
    assert CERTIFICATE_KINDS == ("pregnancy_document", "disability_certificate")


@pytest.mark.parametrize(
    ("received_on", "kind", "rule"),
    [
        (None, "pregnancy_document", "rule_application_received_on_required"),
        (
            date(2026, 12, 2),
            "pregnancy_document",
            "rule_application_received_in_future",
        ),
        (TODAY, None, "rule_application_certificate_kind"),
        (TODAY, "birth_certificate", "rule_application_certificate_kind"),
    ],
)
def test_an_application_without_date_kind_or_received_tomorrow_is_refused(
    received_on, kind, rule
):
    assert refused(check_application, received_on, kind, TODAY).rule == rule


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"%PDF-1.7\n%", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    ],
)
def test_a_scan_is_told_by_its_first_bytes(head, name):
    assert document_format(head) == name
    check_application_document(head, "skan")


@pytest.mark.parametrize(
    "head",
    [
        b"ZASWIADCZENIE LEKARSKIE",  # a text file named .pdf
        b"PK\x03\x04",  # a .docx
        b"GIF89a",
        b"%PD",  # cut short
        b"",
    ],
)
def test_anything_else_is_refused_whatever_its_name(head):
    violation = refused(check_application_document, head, "zaswiadczenie.pdf")
    assert violation.rule == "rule_application_document_format"
    assert "zaswiadczenie.pdf" in violation.text


def test_no_document_is_refused():
    violation = refused(check_application_document, None, None)
    assert violation.rule == "rule_application_document_required"
