"""Adnotacja / notatka: a visit note, an intervention, a request to end work."""

from datetime import datetime

from plone.namedfile.field import NamedBlobFile
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import check_period_order
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.content.validation import not_in_future
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.core.rules.visits import TIMED_NOTE_KINDS
from mgops.caseflow.core.rules.visits import check_intervention_services
from mgops.caseflow.core.rules.visits import check_visit_time
from mgops.caseflow.settings import visit_window


class INote(IFamilyDocument):
    """An official note (adnotacja urzędowa) of something that happened."""

    kind = schema.Choice(
        title=_("label_note_kind", default="Kind of note"),
        vocabulary="mgops.caseflow.NoteKinds",
    )
    visit_start = schema.Datetime(
        title=_("label_visit_start", default="Visit started"),
        constraint=not_in_future,
        required=False,
    )
    visit_end = schema.Datetime(
        title=_("label_visit_end", default="Visit ended"),
        constraint=not_in_future,
        required=False,
    )
    place = schema.TextLine(
        title=_("label_place", default="Place"),
        description=_("help_place", default="The family's home or another place."),
        required=False,
    )
    content = schema.Text(title=_("label_note_content", default="Content"))
    services_notified = schema.List(
        title=_("label_services_notified", default="Services notified"),
        description=_(
            "help_services_notified",
            default="For an intervention: whom you notified.",
        ),
        value_type=schema.Choice(vocabulary="mgops.caseflow.ServicesNotified"),
        required=False,
        default=[],
    )
    attachment = NamedBlobFile(
        title=_("label_attachment", default="Attachment"),
        required=False,
    )
    end_reason = schema.Choice(
        title=_("label_end_reason", default="Reason for ending the work"),
        description=_(
            "help_note_end_reason",
            default="For the assistant's request to end the work.",
        ),
        vocabulary="mgops.caseflow.EndReasons",
        required=False,
    )
    plan_outcome = schema.Text(
        title=_("label_plan_outcome", default="Outcome of the work plan"),
        description=_(
            "help_plan_outcome",
            default="For the request to end the work: what the plan achieved.",
        ),
        required=False,
    )
    end_request = schema.Choice(
        title=_("label_end_request", default="The assistant's request"),
        description=_(
            "help_position_end_request",
            default="For the social worker's position: the request it concerns.",
        ),
        vocabulary="mgops.caseflow.EndRequests",
        required=False,
    )
    position = schema.Choice(
        title=_("label_position", default="Joint position"),
        vocabulary="mgops.caseflow.EndPositions",
        required=False,
    )

    @invariant
    def visit_in_working_hours(data):
        """A visit or monitoring visit: 07:00–21:00, one day, not in the future."""
        if data.kind not in TIMED_NOTE_KINDS:
            check_period_order(data.visit_start, data.visit_end)
            return
        if not data.visit_start or not data.visit_end:
            raise invalid(
                RuleViolation(
                    "rule_visit_times_required",
                    "A visit note must give when the visit started and ended.",
                )
            )
        window_start, window_end = visit_window()
        try:
            check_visit_time(
                data.visit_start,
                data.visit_end,
                now=datetime.now(OFFICE_ZONE),
                window_start=window_start,
                window_end=window_end,
            )
        except RuleViolation as violation:
            raise invalid(violation) from violation

    @invariant
    def intervention_names_services(data):
        """DESIGN, Process 10: an intervention records whom the worker notified."""
        if data.kind != "intervention":
            return
        try:
            check_intervention_services(data.services_notified or ())
        except RuleViolation as violation:
            raise invalid(violation) from violation

    @invariant
    def end_request_complete(data):
        """DESIGN, "Process" 7: the assistant's request gives its reason and the
        plan's outcome; the social worker's position names the request."""
        if data.kind == "end_request" and (
            not data.end_reason or not (data.plan_outcome or "").strip()
        ):
            raise invalid(
                RuleViolation(
                    "rule_end_request_needs_reason",
                    "A request to end the work gives its reason and the outcome "
                    "of the work plan.",
                )
            )
        if data.kind == "end_request_position" and (
            not data.end_request or not data.position
        ):
            raise invalid(
                RuleViolation(
                    "rule_position_needs_request",
                    "The social worker's position names the assistant's request "
                    "and says whether the social worker agrees.",
                )
            )


limit_fields(INote)


@implementer(INote)
class Note(FamilyDocument):
    """A note in the family file."""
