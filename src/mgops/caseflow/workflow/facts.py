"""Read a family file into the plain ``FileFacts`` that ``rules/`` work on.

Every date comes from a legal act: the signed decisions (``signed_decisions``)
and the dates written in the final documents; never the workflow history.
"""

from plone import api
from Products.CMFCore.indexing import getQueue
from Products.ZCatalog.ZCatalog import ZCatalog

from mgops.caseflow.content.indexers import date_of
from mgops.caseflow.content.indexers import kind_of
from mgops.caseflow.core import states
from mgops.caseflow.core.rules.ending import NAMING_ASSISTANT
from mgops.caseflow.core.rules.ending import SignedDecision
from mgops.caseflow.core.rules.ending import legal_dates
from mgops.caseflow.core.rules.obligations import FileFacts
from mgops.caseflow.settings import setting


#: The document states the rules count: final and signed documents.
COUNTED_STATES = frozenset({states.FINAL, states.SIGNED})


def documents_of(family_file, **criteria) -> list:
    """The file's own documents the catalog finds for ``criteria``, read
    unrestricted (a rule needs them whoever triggers it): one query on the
    file's path, a couple of dozen brains whatever the size of the registry."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path={"query": "/".join(family_file.getPhysicalPath()), "depth": 1},
        **criteria,
    )
    return [brain._unrestrictedGetObject() for brain in brains]


#: the decisions the rules count: signed here, or made before the centre used
#: the system and brought in by the case import (``case_import.importer``) with
#: their legal day, which the deadlines count from as from a signed one's
DECIDED_STATES = (states.SIGNED, states.IMPORTED)


def signed_decisions(family_file) -> tuple[SignedDecision, ...]:
    """The file's signed (and imported) decisions with their legal days, from
    the objects (a handful, read only when obligations are recomputed, never
    for a listing).
    """
    found = []
    for decision in documents_of(
        family_file, portal_type="Decision", review_state=DECIDED_STATES
    ):
        day = decision.register_date
        if day is None:
            continue
        if decision.kind in NAMING_ASSISTANT and decision.handover_date:
            day = max(day, decision.handover_date)
        found.append(SignedDecision(decision.kind, day, decision.end_reason))
    return tuple(found)


def _queued_documents(family_file, pending) -> bool:
    """Whether the indexing queue holds a child of the file not in ``pending``."""
    file_path = family_file.getPhysicalPath()
    for _operation, obj, _attributes, _metadata in getQueue().getState():
        path = obj.getPhysicalPath()
        if path[:-1] == file_path and "/".join(path) not in pending:
            return True
    return False


def final_documents(family_file, pending=None):
    """(portal_type, kind, date, author) of the file's final documents, from the
    catalog; the author is the document's creator (kept by the archive too).

    One query on the file's own path (about twenty brains), filtered here by
    their ``review_state`` metadata: intersecting with the ``review_state``
    index would walk every final document of the registry, which grows with
    the registry. ``pending`` maps the path of a document in a transition to
    ``(the state it enters, the document)``; it is read from the object, since
    the workflow reindexes it only after the transition.

    The indexing queue is processed first only when it holds another document
    of this file (added, removed or changed in this transaction): processing
    it for the document in transition alone would reindex that document (all
    indexes and metadata) once more than the workflow does at commit anyway.
    """
    catalog = api.portal.get_tool("portal_catalog")
    pending = pending or {}
    query = {"path": {"query": "/".join(family_file.getPhysicalPath()), "depth": 1}}
    if _queued_documents(family_file, pending):
        brains = catalog.unrestrictedSearchResults(**query)
    else:
        brains = ZCatalog.searchResults(catalog, None, **query)
    found = [
        (brain.portal_type, brain.document_kind, brain.document_date, brain.Creator)
        for brain in brains
        if brain.getPath() not in pending and brain.review_state in COUNTED_STATES
    ]
    # read from the object: it may even be too new to be in the catalog
    found.extend(
        (document.portal_type, kind_of(document), date_of(document), document.Creator())
        for state, document in pending.values()
        if state in COUNTED_STATES
    )
    return tuple(found)


def file_facts(family_file, state=None, pending=None) -> FileFacts:
    """A snapshot of the file; ``state`` overrides the current one (for guards),
    ``pending`` the state of documents in a transition (see ``final_documents``)."""
    # While the file is being added its workflow may not have started: intake.
    state = state or api.content.get_state(family_file, default=states.INTAKE)
    dates = legal_dates(signed_decisions(family_file))
    return FileFacts(
        state=state,
        path=family_file.support_path or "standard",
        learned_on=family_file.learned_on,
        urgent=bool(family_file.urgent),
        assignment_signed=dates.assignment_signed,
        handed_over=dates.handed_over,
        work_ended=dates.work_ended,
        social_work_started=dates.social_work_started,
        documents=final_documents(family_file, pending),
        social_worker=family_file.social_worker,
        assistant=family_file.assistant,
        control_visits_per_month=setting("control_visits_per_month"),
    )
