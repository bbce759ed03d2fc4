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


DEFAULT_LEGAL_BASIS = (
    "art. 11 i art. 15 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny "
    "i systemie pieczy zastępczej"
)


class IDecision(IFamilyDocument):
    """Act of 9 June 2011: the head assigns an assistant and ends the work."""

    kind = schema.Choice(
        title=_("label_decision_kind", default="Kind of decision"),
        vocabulary="mgops.caseflow.DecisionKinds",
    )
    assistant = schema.Choice(
        title=_("label_assistant", default="Family assistant"),
        description=_("help_decision_assistant", default="For an assignment."),
        vocabulary="mgops.caseflow.Assistants",
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
    def assignment_names_assistant(data):
        if data.kind == "assign_assistant" and not data.assistant:
            raise invalid(
                RuleViolation(
                    "rule_assignment_needs_assistant",
                    "A decision assigning an assistant must name the assistant.",
                )
            )


limit_fields(IDecision)


@implementer(IDecision)
class Decision(FamilyDocument):
    """A decision of the head of the centre."""

    register_number = None
    signature_file = None
    signer = None
    signed_at = None
