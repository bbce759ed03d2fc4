"""A note is checked again when it is made final: the rules hold on that route too.

A note written past the forms and REST (a script, an old file, a note edited
before a rule existed) meets the same rules when someone makes it final: the
introduction by the file's social worker, the assistant's hours, the "Za
życiem" application's document. A broken rule stops the transition as the
family file's guards do (``RuleBlocked``); nothing changes.
"""

from mgops.caseflow.content.note import check_note
from mgops.caseflow.core import states
from mgops.caseflow.workflow.acts import transition_check


before_note_transition = transition_check(states.FINALIZE, check_note)
