"""Decyzja kierownika: the head's decision, signed into the register."""

from plone.namedfile.field import NamedBlobFile
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.ending import check_decision_complete


DEFAULT_LEGAL_BASIS = (
    "art. 11 i art. 15 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny "
    "i systemie pieczy zastępczej"
)


class IDecision(IFamilyDocument):
    """Act of 9 June 2011: the head assigns an assistant, changes the assistant,
    ends the work and closes a file early (``core/rules/ending.py``)."""

    kind = schema.Choice(
        title=_("label_decision_kind", default="Kind of decision"),
        vocabulary="mgops.caseflow.DecisionKinds",
    )
    assistant = schema.Choice(
        title=_("label_assistant", default="Family assistant"),
        description=_(
            "help_decision_assistant",
            default="For an assignment or a change of assistant.",
        ),
        vocabulary="mgops.caseflow.Assistants",
        required=False,
    )
    handover_date = schema.Date(
        title=_("label_handover_date", default="Case handed over on"),
        description=_(
            "help_handover_date",
            default="For an assignment or a change: the day the assistant takes "
            "the family over, if not the day of signing.",
        ),
        required=False,
    )
    end_request = schema.Choice(
        title=_("label_end_request", default="The assistant's request"),
        description=_(
            "help_end_request",
            default="Ending the work: the assistant's request this decision answers.",
        ),
        vocabulary="mgops.caseflow.EndRequests",
        required=False,
    )
    end_reason = schema.Choice(
        title=_("label_end_reason", default="Reason for ending the work"),
        vocabulary="mgops.caseflow.EndReasons",
        required=False,
    )
    close_reason = schema.Choice(
        title=_("label_close_reason", default="Reason for closing early"),
        description=_(
            "help_close_reason",
            default="Closing the file before its minimum period has run.",
        ),
        vocabulary="mgops.caseflow.CloseReasons",
        required=False,
    )
    legal_basis = schema.Text(
        title=_("label_legal_basis", default="Legal basis"),
        default=DEFAULT_LEGAL_BASIS,
    )
    content = schema.Text(title=_("label_decision_content", default="Decision"))
    justification = schema.Text(
        title=_("label_justification", default="Justification"),
    )

    # Set by signing only: read-only for forms and for the REST API.
    register_number = schema.TextLine(
        title=_("label_register_number", default="Register number"),
        required=False,
        readonly=True,
    )
    signature_file = NamedBlobFile(
        title=_("label_signature_file", default="Signed XML"),
        required=False,
        readonly=True,
    )
    signer = schema.TextLine(
        title=_("label_signer", default="Signed by"),
        required=False,
        readonly=True,
    )
    signed_at = schema.Datetime(
        title=_("label_signed_at", default="Signed at"),
        required=False,
        readonly=True,
    )

    @invariant
    def says_what_its_kind_needs(data):
        try:
            check_decision_complete(
                data.kind,
                **{
                    name: getattr(data, name, None)
                    for name in (
                        "assistant",
                        "end_reason",
                        "close_reason",
                        "end_request",
                    )
                },
            )
        except RuleViolation as violation:
            raise invalid(violation) from violation


limit_fields(IDecision)


@implementer(IDecision)
class Decision(FamilyDocument):
    """A decision of the head of the centre."""

    register_number = None
    register_date = None
    handover_date = None
    end_request = None
    end_reason = None
    close_reason = None
    signature_file = None
    signer = None
    signed_at = None
