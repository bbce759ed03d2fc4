"""Read a family file into the plain ``FileFacts`` that ``rules/`` work on."""

from plone import api

from mgops.caseflow.rules.obligations import FileFacts


#: The document states the rules count: final and signed documents.
COUNTED_STATES = frozenset({"final", "signed"})


def _entered(family_file, state):
    """When the file last entered ``state``, from its workflow history.

    Read unrestricted: the rules need the dates whoever triggers them.
    """
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow_id,) = workflow_tool.getChainFor(family_file)
    history = workflow_tool.getHistoryOf(workflow_id, family_file) or ()
    times = [entry["time"] for entry in history if entry.get("review_state") == state]
    return times[-1].asdatetime().date() if times else None


def final_documents(family_file, pending=None):
    """(portal_type, kind, date) of the file's final documents, from the catalog.

    One query on the file's own path (about twenty brains), filtered here by
    their ``review_state`` metadata: intersecting with the ``review_state``
    index would walk every final document of the registry, which grows with
    the registry. ``pending`` maps a document's path to the state it is
    entering now, before the workflow reindexes it.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path={"query": "/".join(family_file.getPhysicalPath()), "depth": 1},
    )
    pending = pending or {}
    return tuple(
        (brain.portal_type, brain.document_kind, brain.document_date)
        for brain in brains
        if pending.get(brain.getPath(), brain.review_state) in COUNTED_STATES
    )


def file_facts(family_file, state=None, pending=None) -> FileFacts:
    """A snapshot of the file; ``state`` overrides the current one (for guards),
    ``pending`` the state of documents in a transition (see ``final_documents``)."""
    # While the file is being added its workflow may not have started: intake.
    state = state or api.content.get_state(family_file, default="intake")
    return FileFacts(
        state=state,
        path=family_file.support_path or "standard",
        learned_on=family_file.learned_on,
        urgent=bool(family_file.urgent),
        assignment_signed=_entered(family_file, "active"),
        work_ended=family_file.ended or _entered(family_file, "monitoring"),
        social_work_started=_entered(family_file, "social_work"),
        documents=final_documents(family_file, pending),
        social_worker=family_file.social_worker,
        assistant=family_file.assistant,
    )
