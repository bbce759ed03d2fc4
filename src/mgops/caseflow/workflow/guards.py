"""Rules checked before a family file moves: a broken rule stops the transition.

A subscriber to the before-transition event raises ``RuleBlocked`` (a
``WorkflowException``) with the translated message; DCWorkflow aborts and
plone.restapi's ``@workflow`` answers 400 with that message. Nothing changes.
"""

from datetime import date

from plone import api

from mgops.caseflow.content.note import APPLICATION
from mgops.caseflow.content.note import check_za_zyciem_application
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.caseload import check_caseload
from mgops.caseflow.core.rules.closing import check_close
from mgops.caseflow.settings import setting
from mgops.caseflow.workflow.acts import ProcessFlag
from mgops.caseflow.workflow.acts import RuleBlocked  # noqa: F401 - where callers look
from mgops.caseflow.workflow.facts import documents_of
from mgops.caseflow.workflow.facts import file_facts


#: raised while a verified signed decision is being stored (``signing/effects``)
SIGNED_DECISION = ProcessFlag("applying_decision")


def applying_signed_decision() -> bool:
    """True only while a verified signed decision is being stored: the guard of
    the transitions that only a decision may cause (``signing/effects.py``)."""
    return bool(SIGNED_DECISION)


def signed_decision_effects():
    return SIGNED_DECISION.raised()


def check_za_zyciem_request(family_file):
    """DESIGN, Process 11; Act of 4 November 2016 "Za życiem", art. 8 ust. 1: the
    request rests on a final application with its document attached (checked
    again here: the file's old ``medical_certificate`` field is not enough)."""
    applications = documents_of(
        family_file,
        portal_type="Note",
        document_kind=APPLICATION,
        review_state=states.FINAL,
    )
    for note in applications:
        try:
            check_za_zyciem_application(note, note)
        except RuleViolation:
            continue
        return
    raise RuleViolation(
        "rule_za_zyciem_needs_application",
        'On the "Za życiem" path the request needs the final application note '
        "with its document (the medical certificate of pregnancy or the "
        "certificate of the child's disability or illness) attached.",
    )


def check_request_assistant(family_file):
    """DESIGN, Process 1–2 and 11: a request needs a final interview recommending
    an assistant; on the "Za życiem" path the application instead."""
    if family_file.support_path == "za_zyciem":
        check_za_zyciem_request(family_file)
        return
    interviews = documents_of(
        family_file, portal_type="Interview", review_state=states.FINAL
    )
    if not any(interview.assistant_needed for interview in interviews):
        raise RuleViolation(
            "rule_request_needs_interview",
            "An assistant can be requested only after a final environmental "
            "interview that recommends one.",
        )


def active_families(assistant, excluding=None):
    """How many files the assistant works on now (state ``active``)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="FamilyFile", assistant=assistant, review_state=states.ACTIVE
    )
    return len([b for b in brains if excluding != b.UID])


def check_assistant_caseload(family_file, assistant):
    """Act of 9 June 2011, art. 15 ust. 4: at most 15 families per assistant,
    this file not counted (it may already be the assistant's)."""
    count = active_families(assistant, excluding=api.content.get_uuid(family_file))
    check_caseload(count, setting("caseload_limit"))


def check_assign_assistant(family_file):
    if not family_file.assistant:
        raise RuleViolation(
            "rule_assignment_needs_assistant",
            "A decision assigning an assistant must name the assistant.",
        )
    check_assistant_caseload(family_file, family_file.assistant)


def check_closing(family_file):
    """Monitoring or social work must have run its course (``rules/closing``).

    Closing earlier is the head's signed decision with a reason from a fixed
    list (``close_early``), never a comment typed on the transition.
    """
    if applying_signed_decision():
        return
    check_close(file_facts(family_file), date.today())


def before_family_file_transition(family_file, event):
    if event.transition is None:
        return
    checks = {
        states.REQUEST_ASSISTANT: lambda: check_request_assistant(family_file),
        states.ASSIGN_ASSISTANT: lambda: check_assign_assistant(family_file),
        states.CLOSE: lambda: check_closing(family_file),
    }
    check = checks.get(event.transition.id)
    if check is None:
        return
    try:
        check()
    except RuleViolation as violation:
        raise RuleBlocked(violation) from violation
