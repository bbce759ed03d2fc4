"""Two shapes every process rule here takes: a flag that only Python code raises
for the span of one act, and a before-transition check.

A ``ProcessFlag`` is a context variable: nothing a client sends can set it, so a
guard that asks it (a signed decision being stored, a correction being applied,
the destruction protocol running) is open exactly while that code runs.
``transition_check`` makes a before-transition subscriber of a rule: a broken
rule stops the transition as ``RuleBlocked``, and nothing changes.
"""

import contextvars
from contextlib import contextmanager

from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.messages import message_for


class RuleBlocked(WorkflowException):
    """A transition refused by a rule: the refusal family's ``RuleViolation``
    (``refusal``) dressed as DCWorkflow's exception.

    Raised inside ``doActionFor``, only a ``WorkflowException`` reaches the
    caller as a refused transition: plone.restapi's ``@workflow`` renders its
    text (already translated here) with 400, not through the REST error view of
    ``CaseflowError``. The UI shows ``refusal`` as any other refusal.
    """

    def __init__(self, refusal: RuleViolation):
        # CMF's workflow tool raises the exception again as ``RuleBlocked(it)``.
        self.refusal = getattr(refusal, "refusal", refusal)
        super().__init__(translate(message_for(self.refusal), context=getRequest()))


class ProcessFlag:
    """True only inside ``with flag.raised():``."""

    def __init__(self, name: str):
        self._var = contextvars.ContextVar(f"mgops_caseflow_{name}", default=False)

    def __bool__(self) -> bool:
        return self._var.get()

    @contextmanager
    def raised(self):
        token = self._var.set(True)
        try:
            yield
        finally:
            self._var.reset(token)


def transition_check(transition_id: str, check):
    """A subscriber of ``IBeforeTransitionEvent`` running ``check(obj)`` before
    ``transition_id``; its ``RuleViolation`` refuses the transition."""

    def before_transition(obj, event):
        if event.transition is None or event.transition.id != transition_id:
            return
        try:
            check(obj)
        except RuleViolation as violation:
            raise RuleBlocked(violation) from violation

    return before_transition
