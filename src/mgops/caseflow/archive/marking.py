"""Exported closed family files → ``archived``, all or nothing.

Called by ``@archive-mark`` and by the Archiwum page alike. Every file named
must be ``closed``, must have gone out in an export (the export log says so),
and the user must be allowed the workflow's ``archive`` transition (archivist,
Manager); otherwise nothing moves and the refusal says which file and why.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject

from mgops.caseflow.archive.exports import exported_in
from mgops.caseflow.archive.exports import registry_of
from mgops.caseflow.archive.exports import uids_of_export
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.errors import NotAllowed


def mark_archived(context, export_id: str | None = None, uids=None) -> list:
    """Move the files of ``export_id``, or those of ``uids``, to ``archived``.

    On a family file with neither, that file. Returns the files, in order.
    """
    registry = registry_of(context)
    if export_id:
        uids = uids_of_export(registry, str(export_id))
    else:
        uids = [str(uid) for uid in uids or ()]
        if not uids and IFamilyFile.providedBy(context):
            uids = [context.UID()]
    if not uids:
        raise CaseflowError(
            "archive_mark_nothing",
            "Name the exported family files to mark as archived.",
        )
    files = [_markable(registry, uid) for uid in uids]
    for family_file in files:
        api.content.transition(obj=family_file, transition=states.ARCHIVE)
        family_file.reindexObject()
    return files


def _markable(registry, uid: str):
    """The family file of ``uid``, refused unless it may be marked archived.

    A file the user may not see is unknown, in the very words of a UID that
    names nothing: the refusal tells nothing of it, not even its case reference.
    """
    family_file = uuidToObject(uid, unrestricted=True)
    if (
        family_file is None
        or not IFamilyFile.providedBy(family_file)
        or not api.user.has_permission("View", obj=family_file)
    ):
        raise CaseflowError(
            "archive_mark_unknown",
            "${uid} is not a family file of this registry.",
            uid=uid,
        )
    reference = family_file.case_reference
    if api.content.get_state(obj=family_file) != states.CLOSED:
        raise CaseflowError(
            "archive_mark_not_closed",
            "The family file ${reference} is not closed; only closed files can be "
            "marked as archived. Nothing was changed.",
            reference=reference,
        )
    if exported_in(registry, uid) is None:
        raise CaseflowError(
            "archive_mark_not_exported",
            "The family file ${reference} has not been exported as an archival "
            "package yet. Nothing was changed.",
            reference=reference,
        )
    workflow_tool = api.portal.get_tool("portal_workflow")
    if states.ARCHIVE not in {
        t["id"] for t in workflow_tool.getTransitionsFor(family_file)
    }:
        raise NotAllowed(
            "archive_mark_forbidden",
            "Only an archivist may mark the family file ${reference} as archived. "
            "Nothing was changed.",
            reference=reference,
        )
    return family_file
