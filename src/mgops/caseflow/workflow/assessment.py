"""An assessment becomes final only complete: every goal of its plan assessed.

A draft may be saved with some goals still missing (its invariant refuses only
goals the plan lacks); ``finalize`` is where a final document is fixed for good,
on every route (``@workflow``, the UI's button, ``content_status_modify``), so
the check is a before-transition subscriber, refusing as ``RuleBlocked``.
"""

from mgops.caseflow.content.assessment import check_complete
from mgops.caseflow.core import states
from mgops.caseflow.workflow.acts import transition_check


before_assessment_transition = transition_check(states.FINALIZE, check_complete)
