"""Which family files an export takes, running it, and the log of what went out.

Only ``closed`` and ``archived`` files leave the centre, and only those with
an end date (``ended``): the archive refuses a file that never ended. A date
range selects by the closing date: the ``ended`` date, or, for a file that
has none, the day it entered ``closed`` (such a file is then reported as
skipped, never exported half-way).

After a successful export the UIDs of its ``closed`` files are logged on the
registry (one small BTree, whatever the size of the export): ``@archive-mark``
moves to ``archived`` only files that this log says were exported.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.archive.config import archive_schemas
from mgops.caseflow.archive.config import archive_settings
from mgops.caseflow.archive.records import MINIMIZE_EVERY
from mgops.caseflow.archive.records import RecordBuilder
from mgops.caseflow.archive.records import entered_closed
from mgops.caseflow.archive.records import family_file_records
from mgops.caseflow.archive.records import sleep
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import write_package
from mgops.caseflow.setuphandlers import REGISTRY_ID


EXPORTABLE_STATES = ("closed", "archived")
LOG_KEY = "mgops.caseflow.archive.exported"


@dataclass
class Selection:
    """The family files an export takes, and those it leaves out (and why)."""

    exported: list = field(default_factory=list)  # objects, in export order
    skipped: list[dict] = field(default_factory=list)


def registry_of(context):
    """The family-file registry (the context, its parent, or the site's)."""
    obj = context
    while obj is not None:
        if getattr(aq_base(obj), "portal_type", None) == "FamilyFileRegistry":
            return obj
        obj = getattr(obj, "aq_parent", None)
    return api.portal.get()[REGISTRY_ID]


def select(
    context,
    closed_from: date | None = None,
    closed_to: date | None = None,
    case_references: tuple[str, ...] = (),
) -> Selection:
    """The exportable family files at ``context`` (a registry or one file)."""
    selection = Selection()
    if IFamilyFile.providedBy(context):
        candidates = [context]
    else:
        catalog = api.portal.get_tool("portal_catalog")
        query = {
            "portal_type": "FamilyFile",
            "review_state": list(EXPORTABLE_STATES),
            "path": "/".join(context.getPhysicalPath()),
            "sort_on": "case_reference",
        }
        if case_references:
            query["case_reference"] = list(case_references)
        candidates = (
            b._unrestrictedGetObject()
            for b in catalog.unrestrictedSearchResults(**query)
        )
    for count, family_file in enumerate(candidates, start=1):
        if count % MINIMIZE_EVERY == 0:
            family_file._p_jar.cacheMinimize()  # only ghosts stay in the list
        state = api.content.get_state(obj=family_file)
        reference = family_file.case_reference
        closed_on = family_file.ended or entered_closed(family_file)
        if closed_from and (closed_on is None or closed_on < closed_from):
            continue
        if closed_to and (closed_on is None or closed_on > closed_to):
            continue
        if state not in EXPORTABLE_STATES:
            selection.skipped.append({"case_reference": reference, "reason": "state"})
        elif family_file.ended is None:
            selection.skipped.append({"case_reference": reference, "reason": "ended"})
        else:
            selection.exported.append(family_file)
        sleep(family_file)
    return selection


def write(selection: Selection, target, progress: Callable | None = None):
    """Write the selected files to ``target``; ``ArchiveError`` if nothing or invalid."""
    if not selection.exported:
        raise ArchiveError("archive_empty")
    return write_package(
        family_file_records(selection.exported, RecordBuilder()),
        target,
        schemas=archive_schemas(),
        settings=archive_settings(),
        progress=progress,
    )


# -- the export log ------------------------------------------------------------


def _log(registry, create=False):
    annotations = IAnnotations(registry)
    log = annotations.get(LOG_KEY)
    if log is None and create:
        log = annotations[LOG_KEY] = OOBTree()
    return log


def log_export(registry, family_files, user_id: str) -> str:
    """Note the closed files of a finished export; return the export's id."""
    export_id = uuid.uuid4().hex
    moment = datetime.now(UTC).replace(microsecond=0).isoformat()
    closed = [f for f in family_files if api.content.get_state(obj=f) == "closed"]
    if closed:
        log = _log(registry, create=True)
        for family_file in closed:
            log[family_file.UID()] = (export_id, moment, user_id)
    return export_id


def exported_in(registry, uid: str) -> tuple | None:
    """(export id, time, user) of the last export of ``uid``, or None."""
    log = _log(registry)
    return None if log is None else log.get(uid)


def uids_of_export(registry, export_id: str) -> list[str]:
    log = _log(registry)
    if log is None:
        return []
    return [uid for uid, entry in log.items() if entry[0] == export_id]
