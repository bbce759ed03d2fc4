"""Each family file keeps its open obligations current, so "what is overdue
today" is one catalog query on ``next_due``: no nightly job, no object walk."""

from Acquisition import aq_parent

from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.indexers import kind_of
from mgops.caseflow.core.rules.deadlines import affects_obligations
from mgops.caseflow.core.rules.deadlines import open_obligations
from mgops.caseflow.workflow.facts import COUNTED_STATES
from mgops.caseflow.workflow.facts import file_facts


def _as_record(obligation):
    return {
        "kind": obligation.kind,
        "due": obligation.due,
        "rule": obligation.rule,
        "responsible": obligation.responsible,
        "responsible_role": obligation.responsible_role,
    }


#: what is read from a file's obligations: the indexes @deadlines walks and
#: counts by, and the metadata column it reads them from
OBLIGATION_INDEXES = [
    "next_due",
    "obligation_count",
    "obligations_by_responsible",
    "next_due_by_responsible",
    "obligations",
]


def update_obligations(family_file, pending=None):
    """Recompute the file's obligations; write (and reindex) only on a change."""
    facts = file_facts(family_file, pending=pending)
    records = tuple(_as_record(o) for o in open_obligations(facts))
    if getattr(family_file, "obligations", None) != records:
        family_file.obligations = records
        family_file.reindexObject(idxs=OBLIGATION_INDEXES)


def file_changed(family_file, event):
    update_obligations(family_file)


def _state_id(state):
    return getattr(state, "id", None)


def document_changed(document, event):
    states = {_state_id(event.old_state), _state_id(event.new_state)}
    # A transition that neither enters nor leaves a counted state (a new
    # draft, ``submit``) changes nothing: no needless query and reindex.
    if not states & COUNTED_STATES:
        return
    if not affects_obligations(document.portal_type, kind_of(document)):
        return  # e.g. a control visit: no rule reads it
    family_file = aq_parent(document)
    if IFamilyFile.providedBy(family_file):
        # The workflow reindexes the new state only after this event: tell the
        # rules instead of reindexing the document (and its metadata) twice.
        path = "/".join(document.getPhysicalPath())
        pending = {path: (_state_id(event.new_state), document)}
        update_obligations(family_file, pending=pending)
