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


def document_changed(document, event):
    family_file = aq_parent(document)
    if IFamilyFile.providedBy(family_file):
        # DCWorkflow reindexes the new state only after this event: do it now,
        # since the rules read the file's final documents from the catalog.
        document.reindexObject(idxs=["review_state"])
        update_obligations(family_file)
