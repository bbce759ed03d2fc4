"""Each family file keeps its open obligations current, so "what is overdue
today" is one catalog query on ``next_due``: no nightly job, no object walk."""

from Acquisition import aq_parent

from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.rules.deadlines import open_obligations
from mgops.caseflow.workflow.facts import file_facts


def _as_record(obligation):
    return {
        "kind": obligation.kind,
        "due": obligation.due,
        "rule": obligation.rule,
        "responsible": obligation.responsible,
        "responsible_role": obligation.responsible_role,
    }


def update_obligations(family_file):
    """Recompute the file's obligations; write (and reindex) only on a change."""
    records = tuple(_as_record(o) for o in open_obligations(file_facts(family_file)))
    if getattr(family_file, "obligations", None) != records:
        family_file.obligations = records
        family_file.reindexObject(idxs=["next_due", "obligations"])


def file_changed(family_file, event):
    update_obligations(family_file)


#: The document states the rules count (``facts.final_documents``): a transition
#: that neither enters nor leaves one (a new draft, ``submit``) changes nothing.
COUNTED_STATES = frozenset({"final", "signed"})


def _state_id(state):
    return getattr(state, "id", None)


def document_changed(document, event):
    states = {_state_id(event.old_state), _state_id(event.new_state)}
    if not states & COUNTED_STATES:
        return  # no needless catalog query and reindex on every new document
    family_file = aq_parent(document)
    if IFamilyFile.providedBy(family_file):
        # DCWorkflow reindexes the new state only after this event: do it now,
        # since the rules read the file's final documents from the catalog.
        document.reindexObject(idxs=["review_state"])
        update_obligations(family_file)
