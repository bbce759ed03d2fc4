"""Catalog indexers: list files and documents without waking objects up."""

from Acquisition import aq_parent
from plone.indexer import indexer

from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.employment import IEmployment
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.file_readers import file_readers as readers_of
from mgops.caseflow.content.monthly_hours import IMonthlyHours
from mgops.caseflow.content.note import INote


@indexer(IFamilyFile)
def file_case_reference(obj):
    return obj.case_reference


@indexer(IFamilyDocument)
def document_case_reference(obj):
    """A document is found by the case reference of its file."""
    return getattr(aq_parent(obj), "case_reference", None)


@indexer(IFamilyFile)
def social_worker(obj):
    return obj.social_worker


@indexer(IFamilyFile)
def assistant(obj):
    return obj.assistant


@indexer(IFamilyFile)
def family_name(obj):
    return obj.family_name


@indexer(IFamilyFile)
def support_path(obj):
    return obj.support_path


def kind_of(obj):
    """The kind of a note or decision (visit, assign_assistant, …)."""
    return getattr(obj, "kind", None)


@indexer(IFamilyDocument)
def document_kind(obj):
    return kind_of(obj)


#: the field that dates each kind of document for the deadline rules
_DATE_FIELDS = {
    "Interview": "interview_date",
    "Contract": "valid_from",
    "Plan": "agreed_on",
    "Assessment": "period_to",
    "Note": "visit_start",
    "Decision": "register_date",
}


def date_of(obj):
    """The day the document speaks of (the visit, the interview, the assessment;
    for a "Za życiem" application, the day the centre received it)."""
    value = getattr(obj, _DATE_FIELDS.get(obj.portal_type, ""), None)
    if getattr(obj, "kind", None) == "za_zyciem_application":
        value = getattr(obj, "received_on", None) or value
    if value is None:
        return obj.created().asdatetime().date()
    return value.date() if hasattr(value, "date") else value


@indexer(IFamilyDocument)
def document_date(obj):
    return date_of(obj)


@indexer(IFamilyFile)
def next_due(obj):
    """The nearest due date of the file's open obligations, or None."""
    obligations = getattr(obj, "obligations", ())
    return min((item["due"] for item in obligations), default=None)


@indexer(IFamilyFile)
def obligations(obj):
    return getattr(obj, "obligations", ())


@indexer(IFamilyFile)
def obligation_count(obj):
    """How many obligations are open: @deadlines counts them from the index."""
    return len(getattr(obj, "obligations", None) or ())


#: between a user id and a count or a date in the indexes of users' obligations
COUNT_SEPARATOR = "\t"


def _by_responsible(obj):
    """Each responsible user's open obligations in the file, by user id."""
    owned = {}
    for obligation in getattr(obj, "obligations", None) or ():
        responsible = obligation.get("responsible")
        if responsible:
            owned.setdefault(responsible, []).append(obligation)
    return sorted(owned.items())


@indexer(IFamilyFile)
def obligations_by_responsible(obj):
    """``user id<TAB>count`` for each user who answers for open obligations of
    the file: an assistant's or a social worker's @deadlines counts its own
    obligations from the index (``workflow/due_order.py``)."""
    return [
        f"{user}{COUNT_SEPARATOR}{len(owned)}" for user, owned in _by_responsible(obj)
    ]


@indexer(IFamilyFile)
def next_due_by_responsible(obj):
    """``user id<TAB>YYYY-MM-DD``, each responsible user's nearest due date in
    the file: a user's keys sort by that date, so an assistant's @deadlines
    walks only her own files, in the order of her own obligations."""
    return [
        f"{user}{COUNT_SEPARATOR}{min(o['due'] for o in owned).isoformat()}"
        for user, owned in _by_responsible(obj)
    ]


# -- the facts the reports read from the catalog (core/reports) -------------


@indexer(IFamilyFile)
def children_count(obj):
    """The children among the family's members."""
    return sum(1 for member in obj.members or () if member.get("role") == "child")


@indexer(IFamilyFile)
def court_obliged_on(obj):
    """The day of the court's decision obliging the family to work with an
    assistant (Family and Guardianship Code, art. 109 § 2 pkt 1), or None."""
    return obj.court_decision_date if obj.court_obliged else None


@indexer(IFamilyFile)
def court_opinions(obj):
    """``(requested_on, sent_on)`` of each court's request for an opinion."""
    return tuple(
        (row.get("requested_on"), row.get("sent_on"))
        for row in obj.court_opinions or ()
    )


@indexer(INote)
def visit_minutes(obj):
    """How long the visit the note records lasted, in minutes (None without times)."""
    if not (obj.visit_start and obj.visit_end) or obj.visit_end < obj.visit_start:
        return None
    return int((obj.visit_end - obj.visit_start).total_seconds() // 60)


@indexer(IEmployment)
def employment_record(obj):
    return {
        "assistant": obj.assistant,
        "form": obj.employment_form,
        "fte": obj.fte,
        "start": obj.start,
        "end": obj.end,
    }


@indexer(IMonthlyHours)
def hours_record(obj):
    return {
        "assistant": obj.assistant,
        "year": obj.year,
        "month": obj.month,
        "hours": obj.hours,
        "sick_days": obj.sick_leave_days or 0,
    }


@indexer(IFamilyFile)
def file_readers(obj):
    """Plone's permission filter for family files alone (``file_readers.py``)."""
    return readers_of(obj)
