"""Vocabularies: fixed terms of the process and the people who may be assigned."""

import hashlib
from functools import cached_property

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import IVocabularyTokenized
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from mgops.caseflow import _
from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.reports.records import CIVIL_LAW_CONTRACT
from mgops.caseflow.core.reports.records import EMPLOYMENT_CONTRACT
from mgops.caseflow.core.reports.records import OTHER_FORM
from mgops.caseflow.core.reports.records import TASK_BASED_CONTRACT
from mgops.caseflow.core.rules.plan import ASSISTANT_INSTRUCTION
from mgops.caseflow.core.rules.plan import FAMILY
from mgops.caseflow.core.rules.plan import INSTITUTION
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import GROUPS
from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
from mgops.caseflow.groups import staff_members


#: global roles that may see who works at the centre, beside its staff groups
STAFF_ADMIN_ROLES = ("Manager", "Site Administrator")


def _fixed(*terms):
    """A factory of a vocabulary whose terms never change."""
    vocabulary = SimpleVocabulary(
        [SimpleTerm(value, value, title) for value, title in terms]
    )

    @provider(IVocabularyFactory)
    def factory(context=None):
        return vocabulary

    return factory


URGENCY = _fixed(
    ("urgent", _("urgency_urgent", default="Urgent (interview within 2 working days)")),
    ("not_urgent", _("urgency_not_urgent", default="Not urgent")),
)

SUPPORT_PATHS = _fixed(
    ("standard", _("path_standard", default="Standard (after an interview)")),
    (
        "za_zyciem",
        _("path_za_zyciem", default='"Za życiem" (counselling coordination)'),
    ),
)

MEMBER_ROLES = _fixed(
    ("applicant", _("member_applicant", default="Applicant")),
    ("mother", _("member_mother", default="Mother")),
    ("father", _("member_father", default="Father")),
    ("spouse", _("member_spouse", default="Spouse or partner")),
    ("child", _("member_child", default="Child")),
    ("grandparent", _("member_grandparent", default="Grandparent")),
    ("other", _("member_other", default="Other member of the household")),
)

#: who carries out an action of the work plan (core.rules.plan)
PLAN_PERFORMERS = _fixed(
    (FAMILY, _("performer_family", default="The family")),
    (
        ASSISTANT_INSTRUCTION,
        _(
            "performer_assistant_instruction",
            default="The assistant, as instruction to the family",
        ),
    ),
    (INSTITUTION, _("performer_institution", default="Another institution")),
)

NOTE_KINDS = _fixed(
    ("visit", _("note_visit", default="Visit")),
    ("monitoring_visit", _("note_monitoring_visit", default="Monitoring visit")),
    ("control_visit", _("note_control_visit", default="Control visit")),
    ("introduction", _("note_introduction", default="Introduction of the assistant")),
    ("intervention", _("note_intervention", default="Intervention")),
    ("end_request", _("note_end_request", default="Request to end the work")),
    ("correction", _("note_correction", default="Correction of the file's data")),
    (
        "end_request_position",
        _(
            "note_end_request_position",
            default="Social worker's position on the request to end the work",
        ),
    ),
    (
        "za_zyciem_application",
        _(
            "note_za_zyciem_application",
            default='"Za życiem" application for counselling coordination',
        ),
    ),
)

#: The document a "Za życiem" application rests on (Act of 4 November 2016,
#: art. 4 ust. 3 and art. 8 ust. 1); the values are core.rules.za_zyciem's.
CERTIFICATE_KINDS = _fixed(
    (
        "pregnancy_document",
        _("certificate_pregnancy_document", default="Medical certificate of pregnancy"),
    ),
    (
        "disability_certificate",
        _(
            "certificate_disability_certificate",
            default="Certificate of severe and irreversible disability or incurable "
            "illness threatening life, arisen in the prenatal period of the child's "
            "development or during birth",
        ),
    ),
)

SERVICES_NOTIFIED = _fixed(
    ("police", _("service_police", default="Police")),
    ("ambulance", _("service_ambulance", default="Ambulance")),
    ("prosecutor", _("service_prosecutor", default="Prosecutor")),
    ("court_curators", _("service_court_curators", default="Court curators")),
    ("other", _("service_other", default="Other service")),
)

DECISION_KINDS = _fixed(
    ("assign_assistant", _("decision_assign_assistant", default="Assign an assistant")),
    (
        "change_assistant",
        _("decision_change_assistant", default="Change the family's assistant"),
    ),
    ("end_work", _("decision_end_work", default="End the work with the family")),
    (
        "close_early",
        _(
            "decision_close_early",
            default="Close the file before its minimum period ends",
        ),
    ),
    ("other", _("decision_other", default="Other decision")),
)

END_REASONS = _fixed(
    (
        "plan_achieved",
        _("end_reason_plan_achieved", default="The plan's goals were achieved"),
    ),
    (
        "no_cooperation",
        _(
            "end_reason_no_cooperation",
            default="The family refuses or does not cooperate",
        ),
    ),
    (
        "moved_away",
        _("end_reason_moved_away", default="The family moved to another municipality"),
    ),
    (
        "children_placed",
        _(
            "end_reason_children_placed",
            default="The court placed the children in foster care",
        ),
    ),
)

CLOSE_REASONS = _fixed(
    (
        "moved_away",
        _(
            "close_reason_moved_away",
            default="The family moved to another municipality",
        ),
    ),
    (
        "no_minor_children",
        _(
            "close_reason_no_minor_children",
            default="No minor children remain in the family",
        ),
    ),
    (
        "other_centre",
        _(
            "close_reason_other_centre",
            default="Another centre or institution now supports the family",
        ),
    ),
)

END_POSITIONS = _fixed(
    ("agree", _("position_agree", default="The social worker agrees with the request")),
    (
        "disagree",
        _(
            "position_disagree",
            default="The social worker does not agree with the request",
        ),
    ),
)

ASSESSMENT_RECOMMENDATIONS = _fixed(
    ("continue", _("recommend_continue", default="Continue the work")),
    ("end", _("recommend_end", default="End the work")),
)

#: how far the assessment finds a goal of the plan achieved
#: (``core.rules.assessment.ACHIEVED``)
GOAL_ACHIEVEMENT = _fixed(
    ("yes", _("achieved_yes", default="Yes")),
    ("partly", _("achieved_partly", default="Partly")),
    ("no", _("achieved_no", default="No")),
)

ARCHIVAL_CATEGORIES = _fixed(
    ("A", _("category_A", default="A (kept permanently)")),
    ("B10", _("category_B10", default="B10 (kept 10 years)")),
    ("B25", _("category_B25", default="B25 (kept 25 years)")),
    ("B50", _("category_B50", default="B50 (kept 50 years)")),
    ("BE10", _("category_BE10", default="BE10 (assessed after 10 years)")),
)


#: the forms of employment, as the voivode's report counts them
EMPLOYMENT_FORMS = _fixed(
    (
        TASK_BASED_CONTRACT,
        _(
            "employment_task_based_contract",
            default="Employment contract, task-based working time",
        ),
    ),
    (
        EMPLOYMENT_CONTRACT,
        _(
            "employment_employment_contract",
            default="Employment contract, other working time",
        ),
    ),
    (
        CIVIL_LAW_CONTRACT,
        _("employment_civil_law_contract", default="Civil-law contract"),
    ),
    (OTHER_FORM, _("employment_other", default="Other form")),
)


def _group_members(group_id):
    terms = []
    for user in staff_members(group_id):
        user_id = user.getId()
        title = user.getProperty("fullname") or user_id
        terms.append(SimpleTerm(user_id, user_id, title))
    return SimpleVocabulary(sorted(terms, key=lambda term: term.title))


@implementer(IVocabularyTokenized)
class LazyVocabulary:
    """A vocabulary that answers for one value without listing them all.

    Binding a Choice field (every GET serializes every field) builds its
    vocabulary; serializing or validating one value needs only that value's
    term. Subclasses give ``term_for(value)`` (None: not a member) and
    ``all_terms()``, which only the edit form's choices iterate.
    """

    def term_for(self, value):
        raise NotImplementedError

    def all_terms(self):
        raise NotImplementedError

    @cached_property
    def _vocabulary(self):
        return SimpleVocabulary(list(self.all_terms()))

    def __contains__(self, value):
        return self.term_for(value) is not None

    def getTerm(self, value):
        term = self.term_for(value)
        if term is None:
            raise LookupError(value)
        return term

    def getTermByToken(self, token):
        # the tokens are the values themselves (user ids, UIDs)
        return self.getTerm(token)

    def __iter__(self):
        return iter(self._vocabulary)

    def __len__(self):
        return len(self._vocabulary)


class GroupMembers(LazyVocabulary):
    """The members of one group: who may be named on a file."""

    def __init__(self, group_id):
        self.group_id = group_id

    def all_terms(self):
        return _group_members(self.group_id)

    def term_for(self, user_id):
        if not isinstance(user_id, str) or not user_id:
            return None
        user = api.user.get(userid=user_id)
        if user is None or self.group_id not in user.getGroups():
            return None
        return SimpleTerm(user_id, user_id, user.getProperty("fullname") or user_id)


def staff_only():
    """Refuse anyone but the staff: the staff's logins and names are not public.

    Checked in the factories, so ``@vocabularies``, ``@@getVocabulary``, a
    single ``?token=`` lookup and any other caller meet the same refusal.
    """
    user = None if api.user.is_anonymous() else api.user.get_current()
    if user is not None and (
        set(user.getGroups()) & set(GROUPS)
        or set(user.getRoles()) & set(STAFF_ADMIN_ROLES)
    ):
        return
    raise NotAllowed(
        "error_staff_only",
        "Only the centre's staff may see who works at the centre.",
    )


@provider(IVocabularyFactory)
def social_workers(context):
    """Members of the social-workers group: who may be a file's social worker."""
    staff_only()
    return GroupMembers(SOCIAL_WORKERS_GROUP)


@provider(IVocabularyFactory)
def assistants(context):
    """Members of the assistants group: who may be a file's assistant."""
    staff_only()
    return GroupMembers(ASSISTANTS_GROUP)


def _holding_file(context):
    from mgops.caseflow.content.family_file import IFamilyFile

    for item in aq_chain(aq_inner(context)) if context is not None else ():
        if IFamilyFile.providedBy(item):
            return item
    return None


@provider(IVocabularyFactory)
def file_members(context):
    """The members of the family file that holds ``context``, by full name: whom
    a visit note names as present is picked from the file, not typed again. A
    note keeps the names it already holds, should a member leave the list."""
    family_file = _holding_file(context)
    names = [
        " ".join(
            part for part in (member.get("first_name"), member.get("last_name")) if part
        )
        for member in (getattr(family_file, "members", None) or [])
    ]
    names += list(getattr(aq_inner(context), "present", None) or [])
    unique = list(dict.fromkeys(name for name in names if name))
    return SimpleVocabulary(
        [
            SimpleTerm(
                value=name,
                token=hashlib.sha1(name.encode("utf-8")).hexdigest()[:12],
                title=name,
            )
            for name in unique
        ]
    )
