"""The "Za życiem" application: a dated document with its certificate attached.

Act of 4 November 2016 on supporting pregnant women and families "Za życiem",
art. 8 ust. 1: a pregnant woman or a family of a child with a certificate of
severe and irreversible disability or an incurable illness threatening life,
arisen in the prenatal period or during birth (art. 4 ust. 3), has the right to
counselling coordinated by a family assistant; the centre opens the file on the
application and the document, without an environmental interview (DESIGN,
"Process" 11).
"""

from datetime import date

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.input_limits import ATTACHMENT_TYPES


#: What the application is supported by (art. 4 ust. 3 and art. 8 ust. 1).
CERTIFICATE_KINDS = ("pregnancy_document", "disability_certificate")

#: The scans the application's document may be, by the bytes every such file
#: starts with (the attachments' own table): a file's name and declared type
#: are the sender's word, its first bytes are not. Every attachment already
#: passes ``input_limits.check_attachment``; the certificate must be a scan.
DOCUMENT_SIGNATURES = tuple(
    (name, ATTACHMENT_TYPES[extension][1])
    for name, extension in (("PDF", ".pdf"), ("JPEG", ".jpg"), ("PNG", ".png"))
)

#: How many leading bytes ``document_format`` needs.
SIGNATURE_LENGTH = max(
    len(magic) for _name, prefixes in DOCUMENT_SIGNATURES for magic in prefixes
)


def document_format(head: bytes) -> str | None:
    """The scan's format by its first bytes: PDF, JPEG or PNG; else None."""
    for name, prefixes in DOCUMENT_SIGNATURES:
        if head.startswith(prefixes):
            return name
    return None


def check_application(
    received_on: date | None, certificate_kind: str | None, today: date
) -> None:
    """The application says when the centre received it (not later than today)
    and which document supports it."""
    if received_on is None:
        raise RuleViolation(
            "rule_application_received_on_required",
            'A "Za życiem" application must give the date the centre received it.',
        )
    if received_on > today:
        raise RuleViolation(
            "rule_application_received_in_future",
            "The application cannot have been received on ${date}, a day in the "
            "future.",
            date=received_on.isoformat(),
        )
    if certificate_kind not in CERTIFICATE_KINDS:
        raise RuleViolation(
            "rule_application_certificate_kind",
            'A "Za życiem" application must say which document supports it: the '
            "medical certificate of pregnancy, or the certificate of the child's "
            "severe and irreversible disability or incurable illness.",
        )


def check_application_document(head: bytes | None, filename: str | None) -> None:
    """The document attached to the application is a PDF, JPEG or PNG scan."""
    if head is None:
        raise RuleViolation(
            "rule_application_document_required",
            'A "Za życiem" application must have its document attached: the '
            "medical certificate of pregnancy or the certificate of the child's "
            "disability or illness.",
        )
    if document_format(head) is None:
        raise RuleViolation(
            "rule_application_document_format",
            "The attached file ${filename} is not a PDF, JPEG or PNG document; "
            "attach the scan of the certificate in one of these formats.",
            filename=filename or "-",
        )
