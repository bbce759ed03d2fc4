"""What a signed decision does to its family file, and the only door to it.

The transitions that a signature causes — the decision's ``sign``, the file's
``assign_assistant`` (awaiting_decision → active) and ``end_work`` (active →
monitoring) — carry the guard expression

    python:modules['mgops.caseflow.signing.effects'].applying_signed_decision()

which is true only inside ``signed_decision_effects()``: a context variable that
Python code sets, not anything in the request a client could send. So nobody, the
Manager included, can fire them by hand (through ``@workflow`` or the UI); they
happen exactly when a verified signature is stored, in the same transaction.
"""

import contextvars
import datetime
from contextlib import contextmanager

from Acquisition import aq_parent
from plone import api

from mgops.caseflow.core import states
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.workflow.guards import RuleBlocked
from mgops.caseflow.workflow.local_roles import sync_local_roles


_applying = contextvars.ContextVar("mgops_caseflow_applying_decision", default=False)

#: decision kind → (state the file must be in, the file's transition)
FILE_TRANSITIONS = {
    "assign_assistant": (states.AWAITING_DECISION, states.ASSIGN_ASSISTANT),
    "end_work": (states.ACTIVE, states.END_WORK),
}


def applying_signed_decision() -> bool:
    return _applying.get()


@contextmanager
def signed_decision_effects():
    token = _applying.set(True)
    try:
        yield
    finally:
        _applying.reset(token)


def check_effect_possible(decision) -> None:
    """Refuse to sign a decision whose effect on its file cannot happen now."""
    required = FILE_TRANSITIONS.get(decision.kind)
    if required is None:
        return
    family_file = aq_parent(decision)
    state = api.content.get_state(obj=family_file)
    if state != required[0]:
        raise SignatureError(
            "decision_file_state_wrong",
            "This decision can be signed only while its family file is in the "
            "state ${required}; the file is now in ${state}.",
            required=required[0],
            state=state,
        )


def apply_effects(decision, day: datetime.date) -> None:
    """Move the file as the signed decision says; raise ``SignatureError`` if not."""
    required = FILE_TRANSITIONS.get(decision.kind)
    if required is None:
        return
    family_file = aq_parent(decision)
    if decision.kind == "assign_assistant":
        family_file.assistant = decision.assistant
        sync_local_roles(family_file)
    elif decision.kind == "end_work":
        family_file.ended = day
    workflow_tool = api.portal.get_tool("portal_workflow")
    with signed_decision_effects(), api.env.adopt_roles(["Manager"]):
        try:
            workflow_tool.doActionFor(family_file, required[1])
        except RuleBlocked as blocked:
            # The rule's own message (e.g. the caseload limit) tells the head why.
            raise SignatureError(
                "decision_effect_refused",
                "The family file cannot move on as this decision says: ${reason} "
                "Nothing was signed.",
                reason=str(blocked),
            ) from None
    family_file.reindexObject()


def transition_decision(decision) -> None:
    """Fire the decision's own ``sign`` transition (only from signing code)."""
    with signed_decision_effects():
        api.content.transition(obj=decision, transition=states.SIGN)
