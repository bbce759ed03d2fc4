"""Adnotacja / notatka: a visit note, an intervention, a request to end work, a
"Za życiem" application."""

from datetime import date
from datetime import datetime

from plone import api
from plone.autoform import directives
from plone.namedfile.field import NamedBlobFile
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.interfaces import NOT_CHANGED
from zope import schema
from zope.globalrequest import getRequest
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import family_file_of
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import check_period_order
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.content.validation import not_in_future
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.core.rules.notes import check_introduction_author
from mgops.caseflow.core.rules.visits import check_intervention_services
from mgops.caseflow.core.rules.visits import check_visit_time
from mgops.caseflow.core.rules.visits import visit_times_checked
from mgops.caseflow.core.rules.za_zyciem import SIGNATURE_LENGTH
from mgops.caseflow.core.rules.za_zyciem import check_application
from mgops.caseflow.core.rules.za_zyciem import check_application_document
from mgops.caseflow.settings import visit_window


APPLICATION = "za_zyciem_application"

_VISIT = ("visit_start", "visit_end", "place", "present")
#: the fields of a note beyond its title, kind, content and attachment, by kind:
#: what a form asks for a note of that kind (the other fields stay empty)
KIND_FIELDS = {
    "visit": _VISIT,
    "monitoring_visit": _VISIT,
    "control_visit": _VISIT,
    "introduction": _VISIT,
    "intervention": (*_VISIT, "services_notified"),
    "end_request": ("end_reason", "plan_outcome"),
    "end_request_position": ("end_request", "position"),
    "correction": (
        "corrected_learned_on",
        "corrected_urgent",
        "corrected_support_path",
    ),
    "za_zyciem_application": ("received_on", "certificate_kind"),
}
#: every field one kind or another asks for
KIND_SPECIFIC_FIELDS = frozenset(
    name for names in KIND_FIELDS.values() for name in names
)


def fields_not_needed(kind) -> frozenset:
    """The kind-specific fields a note of ``kind`` does not ask for (none for a
    note of no kind yet: the form then shows them all)."""
    if kind not in KIND_FIELDS:
        return frozenset()
    return KIND_SPECIFIC_FIELDS - set(KIND_FIELDS[kind])


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
    directives.widget("present", CheckBoxFieldWidget)
    present = schema.List(
        title=_("label_present", default="Family members present"),
        description=_(
            "help_present",
            default="Who of the family took part: the members of the file.",
        ),
        value_type=schema.Choice(vocabulary="mgops.caseflow.FileMembers"),
        required=False,
        default=[],
    )
    content = schema.Text(title=_("label_note_content", default="Content"))
    # check boxes, not Plone's ordered two-list widget: its lists have no
    # accessible name (axe select-name) and the order of services means nothing
    directives.widget("services_notified", CheckBoxFieldWidget)
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
    received_on = schema.Date(
        title=_("label_received_on", default="Application received on"),
        description=_(
            "help_received_on",
            default='For a "Za życiem" application: the day the centre received it.',
        ),
        constraint=not_in_future,
        required=False,
    )
    certificate_kind = schema.Choice(
        title=_("label_certificate_kind", default="Document of the application"),
        description=_(
            "help_certificate_kind",
            default='For a "Za życiem" application: the document attached to it.',
        ),
        vocabulary="mgops.caseflow.CertificateKinds",
        required=False,
    )
    attachment = NamedBlobFile(
        title=_("label_attachment", default="Attachment"),
        description=_(
            "help_note_attachment",
            default='A "Za życiem" application needs its document here, as a PDF, '
            "JPEG or PNG scan.",
        ),
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
    # A correction of the file's first facts, applied when the note is final
    # (workflow/corrections.py); each left empty is not corrected.
    corrected_learned_on = schema.Date(
        title=_("label_corrected_learned_on", default="Correct: centre learned on"),
        description=_(
            "help_corrected",
            default="For a correction of the file's data: the right value; leave "
            "empty what stays as it is.",
        ),
        constraint=not_in_future,
        required=False,
    )
    corrected_urgent = schema.Choice(
        title=_("label_corrected_urgent", default="Correct: urgency"),
        vocabulary="mgops.caseflow.Urgency",
        required=False,
    )
    corrected_support_path = schema.Choice(
        title=_("label_corrected_support_path", default="Correct: path"),
        vocabulary="mgops.caseflow.SupportPaths",
        required=False,
    )

    @invariant
    def visit_in_working_hours(data):
        """A note of an act of the assistant in the family: 07:00–21:00, one day,
        not in the future; any other note: its period in order."""
        if not _checked(check_visit_times, data):
            check_period_order(data.visit_start, data.visit_end)

    @invariant
    def intervention_names_services(data):
        """DESIGN, Process 10: an intervention records whom the worker notified."""
        _checked(check_intervention, data)

    @invariant
    def introduction_by_social_worker(data):
        """DESIGN, Process 3: the file's social worker writes the introduction."""
        _checked(check_introduction, data)

    @invariant
    def application_is_a_document(data):
        """DESIGN, Process 11: the application, dated, with its certificate."""
        _checked(check_za_zyciem_application, data)

    @invariant
    def correction_names_the_original(data):
        """DESIGN, "Process": a correction is a new document naming the original."""
        _checked(check_correction, data)

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


def note_context(data):
    """What a note's input is checked on: the note for REST and the edit form,
    the family file for the add form; None for bare data.

    z3c.form's add form validates without a context (``ignoreContext``): the
    note is then being added to the context of the published add view.
    """
    context = getattr(data, "__context__", None)
    if context is None:
        request = getRequest()
        published = request.get("PUBLISHED") if request is not None else None
        context = getattr(published, "context", None)
    return context


def _checked(check, data):
    """Run a rule on a note's input; a broken rule is the invariant's error."""
    try:
        return check(data, note_context(data))
    except RuleViolation as violation:
        raise invalid(violation) from violation


def _current_user() -> str | None:
    return None if api.user.is_anonymous() else api.user.get_current().getId()


def _author(context) -> str | None:
    """Who wrote the note: its creator, or the current user for a new one."""
    creator = context.Creator() if INote.providedBy(context) else None
    return creator or _current_user()


def check_visit_times(data, context) -> bool:
    """Refuse the times of a note of an act of the assistant in the family
    outside the centre's window (DESIGN, "Process" 5); whether they were checked.

    A visit, monitoring visit or introduction needs its times; a note by the
    file's assistant is checked as soon as it gives one. Control visits and
    interventions by the social worker are not (see ``TIMED_NOTE_KINDS``).
    """
    family_file = family_file_of(context) if context is not None else None
    by_assistant = (
        family_file is not None
        and bool(family_file.assistant)
        and (_author(context) == family_file.assistant)
    )
    gives_times = bool(data.visit_start or data.visit_end)
    if not visit_times_checked(data.kind, by_assistant, gives_times):
        return False
    if not data.visit_start or not data.visit_end:
        raise RuleViolation(
            "rule_visit_times_required",
            "A visit note must give when the visit started and ended.",
        )
    window_start, window_end = visit_window()
    check_visit_time(
        data.visit_start,
        data.visit_end,
        now=datetime.now(OFFICE_ZONE),
        window_start=window_start,
        window_end=window_end,
    )
    return True


def check_intervention(data, context) -> None:
    """DESIGN, Process 10: an intervention names the services notified."""
    if data.kind == "intervention":
        check_intervention_services(data.services_notified or ())


def check_introduction(data, context) -> None:
    """An introduction note is written, changed and finalized by the file's
    social worker only. Bare data without a context (no form, no file) is not
    checked: every route into the site has one."""
    if data.kind != "introduction" or context is None:
        return
    family_file = family_file_of(context)
    if family_file is None:
        return
    check_introduction_author(
        _author(context), _current_user(), family_file.social_worker
    )


def _attachment(data, context):
    value = data.attachment
    if value is NOT_CHANGED:  # the edit form keeps the stored file
        value = getattr(context, "attachment", None)
    return value


def document_head(named_file) -> bytes | None:
    """The first bytes of an attached file (enough to tell its format), or None."""
    if named_file is None or not named_file.getSize():
        return None
    with named_file.open() as stream:
        return stream.read(SIGNATURE_LENGTH)


def check_za_zyciem_application(data, context) -> None:
    """A "Za życiem" application gives the day received, the kind of its document
    and the document itself, a PDF, JPEG or PNG by its first bytes (Act of
    4 November 2016 "Za życiem", art. 4 ust. 3 and art. 8 ust. 1)."""
    if data.kind != APPLICATION:
        return
    check_application(data.received_on, data.certificate_kind, date.today())
    attachment = _attachment(data, context)
    check_application_document(
        document_head(attachment), getattr(attachment, "filename", None)
    )


CORRECTION = "correction"
#: the file's fields a correction may set: the note's field → the file's
CORRECTED_FIELDS = {
    "corrected_learned_on": "learned_on",
    "corrected_urgent": "urgent",
    "corrected_support_path": "support_path",
}


def check_correction(data, context) -> None:
    """A correction of the file's data names the original document it corrects
    and gives at least one right value; the file's social worker or the head
    writes it (they answer for the file's first facts)."""
    if data.kind != CORRECTION:
        return
    if not data.corrects or not any(
        getattr(data, name, None) for name in CORRECTED_FIELDS
    ):
        raise RuleViolation(
            "rule_correction_incomplete",
            "A correction of the file's data names the document it corrects and "
            "gives at least one right value.",
        )
    family_file = family_file_of(context) if context is not None else None
    if family_file is None:
        return
    author = _author(context)
    user = api.user.get(userid=author) if author else None
    head = user is not None and "Head" in api.user.get_roles(user=user)
    if author != family_file.social_worker and not head:
        raise RuleViolation(
            "rule_correction_by_social_worker",
            "Only the file's social worker or the head corrects the file's data.",
        )


#: every rule of a note, each ``check(data, context)``: the invariants' own
NOTE_RULES = (
    check_introduction,
    check_visit_times,
    check_intervention,
    check_za_zyciem_application,
    check_correction,
)


def check_note(note) -> None:
    """Every rule of a note's invariants, on the stored note (the finalize
    transition checks them again: a note may have been written past a form)."""
    for check in NOTE_RULES:
        check(note, note)
