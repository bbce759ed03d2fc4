"""The information of GDPR art. 15(1) (a)–(h) for one family file.

Regulation (EU) 2016/679, art. 15(1): besides a copy of the data, the data
subject is told (a) the purposes, (b) the categories of data, (c) the
recipients, (d) the retention period, (e) the right to rectification,
erasure, restriction and objection, (f) the right to complain to the
supervisory authority, (g) where the data did not come from the person, their
source, and (h) whether decisions are automated. What depends on the file —
its path, archival category, closing, its staff, the documents the data came
from — is read from the file; the rest is the centre's fixed answer.
"""

from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.core.rules.retention import retention_ends
from mgops.caseflow.core.rules.retention import retention_years
from mgops.caseflow.workflow.facts import documents_of


PURPOSE = _(
    "gdpr_purpose",
    default="Work with a family having difficulties in its care and upbringing "
    "functions, by a family assistant (Act of 9 June 2011 on family support and "
    "the foster care system, art. 8–17), after the assessment of the family's "
    "situation in an environmental interview (Act of 12 March 2004 on social "
    "assistance, art. 107). Legal basis: GDPR art. 6(1)(c) and (e), art. 9(2)(g).",
)
PURPOSE_ZA_ZYCIEM = _(
    "gdpr_purpose_za_zyciem",
    default='Coordination of counselling for the family under the "Za życiem" '
    "act (Act of 4 November 2016 on support for pregnant women and families "
    '"Za życiem", art. 8 ust. 1).',
)
CATEGORIES = _(
    "gdpr_categories",
    default="Identification data (first and last name, PESEL, date of birth), "
    "address, the family's composition and each person's role in it, and what "
    "the documents of the file record about the family's situation, including "
    "health and foster care.",
)
RECIPIENTS = _(
    "gdpr_recipients",
    default="The centre's staff working on the case (the social worker "
    "${social_worker}, the family assistant ${assistant}, the head); the family "
    "court, at its request (Act of 9 June 2011, art. 15 ust. 1); after the "
    "retention period, for category A files, the competent state archive.",
)
RETENTION_PERMANENT = _(
    "gdpr_retention_permanent",
    default="Category A: kept permanently and handed over to the state archive.",
)
RETENTION_YEARS = _(
    "gdpr_retention_years",
    default="Category ${category}: kept ${years} years counted from 1 January of "
    "the year after the case is closed (JRWA, Regulation of the Prime Minister of "
    "18 January 2011, annex 6), then destroyed only with the state archive "
    "director's consent.",
)
RETENTION_UNTIL = _(
    "gdpr_retention_until",
    default="The file was closed: kept until ${until}.",
)
RIGHTS = _(
    "gdpr_rights",
    default="You may ask for your data to be rectified (art. 16) and for their "
    "processing to be restricted (art. 18), and object to it (art. 21); erasure "
    "(art. 17) does not apply while the data are needed for the centre's legal "
    "obligation or public task (art. 17(3)(b)).",
)
COMPLAINT = _(
    "gdpr_complaint",
    default="You may lodge a complaint with the President of the Personal Data "
    "Protection Office (Prezes Urzędu Ochrony Danych Osobowych), ul. Stawki 2, "
    "00-193 Warszawa (art. 77).",
)
AUTOMATED = _(
    "gdpr_automated",
    default="No decision about you is made by automated means and you are not "
    "profiled (art. 22): the system counts deadlines, people decide.",
)
SOURCE_LEARNED = _(
    "gdpr_source_learned",
    default="The information through which the centre learned of the family "
    "(on ${day}).",
)
SOURCE_INTERVIEW = _(
    "gdpr_source_interview",
    default="The environmental interview with the family (${count}).",
)
SOURCE_APPLICATION = _(
    "gdpr_source_application",
    default='The application for "Za życiem" coordination (${count}).',
)
SOURCE_STAFF = _(
    "gdpr_source_staff",
    default="The notes, plans and assessments of the centre's staff (${count}).",
)


def _t(message, request, **mapping):
    if mapping:
        message = _(message, mapping=mapping)
    return translate(message, context=request)


def _name(user_id):
    if not user_id:
        return "—"
    user = api.user.get(userid=user_id)
    return (user.getProperty("fullname") if user is not None else None) or user_id


def information(family_file, request=None) -> dict:
    """Art. 15(1) (a)–(h) for ``family_file``, in the request's language."""
    request = request or getRequest()
    purposes = [_t(PURPOSE, request)]
    if family_file.support_path == "za_zyciem":
        purposes.append(_t(PURPOSE_ZA_ZYCIEM, request))
    return {
        "purposes": purposes,
        "categories": _t(CATEGORIES, request),
        "recipients": _t(
            RECIPIENTS,
            request,
            social_worker=_name(family_file.social_worker),
            assistant=_name(family_file.assistant),
        ),
        "retention": _retention(family_file, request),
        "rights": _t(RIGHTS, request),
        "complaint": _t(COMPLAINT, request),
        "sources": _sources(family_file, request),
        "automated_decisions": _t(AUTOMATED, request),
    }


def _retention(family_file, request):
    category = family_file.archival_category
    years = retention_years(category)
    if years is None:
        return [_t(RETENTION_PERMANENT, request)]
    texts = [_t(RETENTION_YEARS, request, category=category, years=years)]
    until = retention_ends(category, family_file.ended) if family_file.ended else None
    if until is not None:
        texts.append(_t(RETENTION_UNTIL, request, until=until.strftime("%d.%m.%Y")))
    return texts


def _sources(family_file, request):
    """Where the data came from: the documents of the file that brought them."""
    sources = []
    if family_file.learned_on:
        sources.append(
            _t(SOURCE_LEARNED, request, day=family_file.learned_on.strftime("%d.%m.%Y"))
        )
    interviews = documents_of(family_file, portal_type="Interview")
    if interviews:
        sources.append(_t(SOURCE_INTERVIEW, request, count=len(interviews)))
    applications = documents_of(
        family_file, portal_type="Note", document_kind="za_zyciem_application"
    )
    if applications:
        sources.append(_t(SOURCE_APPLICATION, request, count=len(applications)))
    staff = documents_of(family_file, portal_type=["Note", "Plan", "Assessment"])
    if staff:
        sources.append(_t(SOURCE_STAFF, request, count=len(staff)))
    return sources
