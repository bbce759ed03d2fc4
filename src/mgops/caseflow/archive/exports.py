"""Which family files an export takes, running it, and the log of what went out.

Only ``closed`` and ``archived`` files leave the centre, and only those with
an end date (``ended``): the archive refuses a file that never ended. A date
range selects by the closing date: the ``ended`` date, or, for a file that
has none, the day it entered ``closed`` (such a file is then reported as
skipped, never exported half-way).

A zip for the web (``export_zip``) is written to a temporary file first and
only then offered, as a file stream the WSGI server reads in chunks: a
package that fails is refused before any byte goes out, never sent half-way,
and memory stays flat (records come one family file at a time, the zip is
written front to back to disk, the response body is the file itself).

After a successful export the UIDs of its ``closed`` files are logged on the
registry (one small BTree, whatever the size of the export): ``@archive-mark``
moves to ``archived`` only files that this log says were exported.
"""

import os
import tempfile
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
from ZPublisher.Iterators import filestream_iterator

from mgops.caseflow.archive.config import archive_schemas
from mgops.caseflow.archive.config import archive_settings
from mgops.caseflow.archive.records import MINIMIZE_EVERY
from mgops.caseflow.archive.records import RecordBuilder
from mgops.caseflow.archive.records import entered_closed
from mgops.caseflow.archive.records import family_file_records
from mgops.caseflow.archive.records import release
from mgops.caseflow.archive.records import sleep
from mgops.caseflow.audit.record import note_served
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.core import states
from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import DiscardTarget
from mgops.caseflow.core.archive import ExportSummary
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.archive import write_package
from mgops.caseflow.setuphandlers import REGISTRY_ID


EXPORTABLE_STATES = states.ENDED_STATES
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


def day_of(value) -> date | None:
    """A day of the period as a request gives it, ``YYYY-MM-DD``; ``ValueError``
    for anything else (each route words the refusal for its reader)."""
    return date.fromisoformat(str(value)) if value else None


#: brains a selection holds at a time while it walks the catalog's answer
BRAINS_AT_A_TIME = 500


def _found(query: dict):
    """The objects an unrestricted catalog ``query`` finds, one at a time.

    Neither sorted by the catalog nor kept as brains, because both grow with
    the caseload (issue 19: an export's peak memory at 20,000 files). A
    catalog's answer (ZTUtils' ``LazyMap``) keeps every brain it has made,
    with its metadata, for as long as it lives; asked a batch at a time
    (``b_start``, ``b_size``), the catalog gives a short answer per batch,
    dropped when the next is asked. And ``sort_on="case_reference"`` looks
    each file up in that index, which holds every document too: at 2,000
    files the sort alone read 1,528 of its buckets into memory.
    """
    catalog = api.portal.get_tool("portal_catalog")
    start = 0
    while True:
        batch = catalog.unrestrictedSearchResults(
            b_start=start, b_size=BRAINS_AT_A_TIME, **query
        )
        for brain in batch:
            yield brain._unrestrictedGetObject()
        if len(batch) < BRAINS_AT_A_TIME:
            return
        start += BRAINS_AT_A_TIME


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
        query = {
            "portal_type": "FamilyFile",
            "review_state": list(EXPORTABLE_STATES),
            "path": "/".join(context.getPhysicalPath()),
        }
        if case_references:
            query["case_reference"] = list(case_references)
        candidates = _found(query)
    exported = []
    for count, family_file in enumerate(candidates, start=1):
        if count % MINIMIZE_EVERY == 0:
            release(family_file)  # only ghosts stay in the list
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
            exported.append((reference or "", count, family_file))
        sleep(family_file)
    # in the order of their case references, sorted here rather than by the
    # catalog (see ``_found``)
    exported.sort(key=lambda found: found[:2])
    selection.exported = [family_file for _, _, family_file in exported]
    selection.skipped.sort(key=lambda skipped: skipped["case_reference"] or "")
    return selection


def write(selection: Selection, target, progress: Callable | None = None):
    """Write the selected files to ``target``; ``ArchiveError`` if nothing or invalid.

    When the one file asked for was left out for having no end date, the
    refusal says so rather than "nothing to export".
    """
    if not selection.exported:
        skipped = selection.skipped
        if len(skipped) == 1 and skipped[0]["reason"] == "ended":
            raise ArchiveError(
                "archive_file_not_ended", reference=skipped[0]["case_reference"]
            )
        raise ArchiveError("archive_empty")
    return write_package(
        family_file_records(selection.exported, RecordBuilder()),
        target,
        schemas=archive_schemas(),
        settings=archive_settings(),
        progress=progress,
    )


def dry_run(selection: Selection) -> ExportSummary:
    """The whole package written to nowhere, every XML validated: what it would take."""
    return write(selection, DiscardTarget())


def package_name(selection: Selection) -> str:
    """The zip's file name: the case reference of a single file, else the count."""
    if len(selection.exported) == 1:
        stem = selection.exported[0].case_reference.replace("/", "_")
    else:
        stem = f"{len(selection.exported)}-akt"
    return f"paczka-archiwalna-{stem}.zip"


@dataclass(frozen=True)
class ZipPackage:
    """A finished, valid zip package ready to send, and the export it was logged as."""

    body: filestream_iterator
    filename: str
    summary: ExportSummary
    export_id: str

    def headers(self) -> dict[str, str]:
        """The response headers of the download (``@archive-mark`` takes the id)."""
        return {
            "Content-Type": "application/zip",
            "Content-Disposition": f'attachment; filename="{self.filename}"',
            "Content-Length": str(len(self.body)),
            "X-Archive-Family-Files": str(self.summary.family_files),
            "X-Archive-Documents": str(self.summary.documents),
            "X-Archive-Files": str(self.summary.files),
            "X-Archive-Export-Id": self.export_id,
        }


def export_zip(context, selection: Selection) -> ZipPackage:
    """Spool the package to a temporary file, then log it as the current user's export.

    ``ArchiveError`` before anything is logged or offered.
    """
    handle, path = tempfile.mkstemp(prefix="mgops-archive-", suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as spool:
            summary = write(selection, ZipTarget(spool))
        body = filestream_iterator(path, "rb")
    finally:
        # The open iterator keeps the data; the name goes at once (POSIX).
        os.unlink(path)
    export_id = log_export(
        registry_of(context), selection.exported, api.user.get_current().getId()
    )
    return ZipPackage(body, package_name(selection), summary, export_id)


# -- the export log ------------------------------------------------------------


def _log(registry, create=False):
    annotations = IAnnotations(registry)
    log = annotations.get(LOG_KEY)
    if log is None and create:
        log = annotations[LOG_KEY] = OOBTree()
    return log


def log_export(registry, family_files, user_id: str) -> str:
    """Note the closed files of a finished export; return the export's id.

    Every exported file is also recorded in the audit trail as served
    (``export``): a package holds the family's names and PESELs.
    """
    export_id = uuid.uuid4().hex
    for family_file in family_files:
        note_served(family_file, "export")
    moment = datetime.now(UTC).replace(microsecond=0).isoformat()
    closed = [f for f in family_files if api.content.get_state(obj=f) == states.CLOSED]
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
