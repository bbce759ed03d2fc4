"""An assessment becomes final only complete: every goal of its plan assessed.

A draft may be saved with some goals still missing (its invariant refuses only
goals the plan lacks); ``finalize`` is where a final document is fixed for good,
on every route (``@workflow``, the UI's button, ``content_status_modify``), so
the check is a before-transition subscriber, refusing as ``RuleBlocked``.
"""

from mgops.caseflow.content.assessment import check_complete
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.workflow.guards import RuleBlocked


def before_assessment_transition(assessment, event):
    if event.transition is None or event.transition.id != states.FINALIZE:
        return
    try:
        check_complete(assessment)
    except RuleViolation as violation:
        raise RuleBlocked(violation) from violation
