"""A note is checked again when it is made final: the rules hold on that route too.

A note written past the forms and REST (a script, an old file, a note edited
before a rule existed) meets the same rules when someone makes it final: the
introduction by the file's social worker, the assistant's hours, the "Za
życiem" application's document. A broken rule stops the transition as the
family file's guards do (``RuleBlocked``); nothing changes.
"""

from mgops.caseflow.content.note import check_note
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.workflow.guards import RuleBlocked


def before_note_transition(note, event):
    if event.transition is None or event.transition.id != states.FINALIZE:
        return
    try:
        check_note(note)
    except RuleViolation as violation:
        raise RuleBlocked(violation) from violation
