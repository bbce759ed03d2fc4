"""What a signed decision does to its family file, and the only door to it.

The transitions that a signature causes — the decision's ``sign``, and the
file's ``assign_assistant``, ``end_work``, ``end_work_to_social_work``,
``end_and_close`` and, before the minimum period has run, ``close`` (which
decision fires which: ``core/rules/ending.py``) — carry the guard expression

    python:modules['mgops.caseflow.signing.effects'].applying_signed_decision()

which is true only inside ``signed_decision_effects()``: a context variable that
Python code sets, not anything in the request a client could send. So nobody, the
Manager included, can fire them by hand (through ``@workflow`` or the UI); they
happen exactly when a verified signature is stored, in the same transaction.
"""

import datetime

from Acquisition import aq_parent
from plone import api

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.ending import CHANGE_ASSISTANT
from mgops.caseflow.core.rules.ending import END_WORK
from mgops.caseflow.core.rules.ending import NAMING_ASSISTANT
from mgops.caseflow.core.rules.ending import check_decision_complete
from mgops.caseflow.core.rules.ending import check_end_request_ready
from mgops.caseflow.core.rules.ending import effect_of
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.workflow.facts import documents_of
from mgops.caseflow.workflow.guards import RuleBlocked

# named by the guard expressions of the workflows (see above)
from mgops.caseflow.workflow.guards import applying_signed_decision  # noqa: F401
from mgops.caseflow.workflow.guards import check_assistant_caseload
from mgops.caseflow.workflow.guards import signed_decision_effects
from mgops.caseflow.workflow.local_roles import sync_local_roles
from mgops.caseflow.workflow.obligations import update_obligations


def check_end_request(decision, family_file) -> None:
    """DESIGN, "Process" 7: the request is final and its author (creator, as the
    note rules and the archive read it) the file's assistant, and the file's
    social worker has recorded the joint position on it."""
    requests = (
        documents_of(
            family_file,
            UID=decision.end_request,
            portal_type="Note",
            document_kind="end_request",
            review_state=states.FINAL,
        )
        if decision.end_request
        else []
    )
    positions = documents_of(
        family_file,
        portal_type="Note",
        document_kind="end_request_position",
        review_state=states.FINAL,
    )
    check_end_request_ready(
        request_final=bool(requests),
        request_by_assistant=any(
            request.Creator() == family_file.assistant for request in requests
        ),
        position_recorded=any(
            position.end_request == decision.end_request
            and position.Creator() == family_file.social_worker
            for position in positions
        ),
    )


def check_effect_possible(decision) -> None:
    """Refuse to sign (or submit) a decision whose effect on its file cannot
    happen now, or that lacks what its kind needs."""
    family_file = aq_parent(decision)
    try:
        check_decision_complete(
            decision.kind,
            assistant=decision.assistant,
            current_assistant=family_file.assistant,
            end_reason=decision.end_reason,
            close_reason=decision.close_reason,
            end_request=decision.end_request,
        )
        if decision.kind == END_WORK:
            check_end_request(decision, family_file)
        if decision.kind == CHANGE_ASSISTANT:
            check_assistant_caseload(family_file, decision.assistant)
    except RuleViolation as violation:
        raise SignatureError(
            violation.msgid, violation.default, **violation.mapping
        ) from None
    effect = effect_of(decision.kind, decision.end_reason)
    if effect is None:
        return
    state = api.content.get_state(obj=family_file)
    if state not in effect.required_states:
        raise SignatureError(
            "decision_file_state_wrong",
            "This decision can be signed only while its family file is in the "
            "state ${required}; the file is now in ${state}.",
            required=" / ".join(effect.required_states),
            state=state,
        )


def apply_effects(decision, day: datetime.date) -> None:
    """Move the file as the signed decision says; raise ``SignatureError`` if not."""
    effect = effect_of(decision.kind, decision.end_reason)
    if effect is None:
        return
    family_file = aq_parent(decision)
    if decision.kind in NAMING_ASSISTANT:
        family_file.assistant = decision.assistant
        sync_local_roles(family_file)
    elif decision.kind == END_WORK:
        family_file.ended = day
    if effect.transition is not None:
        workflow_tool = api.portal.get_tool("portal_workflow")
        with signed_decision_effects(), api.env.adopt_roles(["Manager"]):
            try:
                workflow_tool.doActionFor(family_file, effect.transition)
            except RuleBlocked as blocked:
                # The rule's own message (e.g. the caseload limit) tells the head why.
                raise SignatureError(
                    "decision_effect_refused",
                    "The family file cannot move on as this decision says: ${reason} "
                    "Nothing was signed.",
                    reason=str(blocked),
                ) from None
    else:
        update_obligations(family_file)
    family_file.reindexObject()


def transition_decision(decision) -> None:
    """Fire the decision's own ``sign`` transition (only from signing code)."""
    with signed_decision_effects():
        api.content.transition(obj=decision, transition=states.SIGN)
