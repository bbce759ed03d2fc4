"""``GET <registry or family file>/@archive-export``: an archival package as a zip.

On the registry, ``closed_from`` / ``closed_to`` (YYYY-MM-DD) select the files
closed in that period (by their end date) and ``case`` (repeatable) names
files by case reference; on a family file, that file. Only ``closed`` and
``archived`` files with an end date go out; the others are listed as skipped.

``dry_run=1`` writes the whole package to nowhere (every XML validated) and
answers with the counts as JSON: what an export would take, before a long one.

Otherwise the package is written to a temporary file first and only then
sent, as a file stream the WSGI server reads in 64 KiB chunks:

* a package that fails (an invalid XML, a file without an end date, a
  missing schema) is answered by a clean JSON error with a Polish message,
  never by half a zip;
* memory stays flat: records come one family file at a time, the zip is
  written front to back to disk, and the response body is the file itself.
  (Zope's WSGI ``response.write`` would collect everything in memory, and an
  iterator that still read the ZODB after the publisher closed the
  connection would not be safe.)

The response carries the counts in ``X-Archive-Family-Files``,
``X-Archive-Documents`` and ``X-Archive-Files``, and ``X-Archive-Export-Id``,
which ``@archive-mark`` accepts to move the exported closed files to
``archived``.
"""

import os
import tempfile
from datetime import date

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides
from ZPublisher.Iterators import filestream_iterator

from mgops.caseflow import _
from mgops.caseflow.archive import exports
from mgops.caseflow.archive.rest import json_reply
from mgops.caseflow.archive.rest import refusal
from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import DiscardTarget
from mgops.caseflow.core.archive import ZipTarget


TRUE = ("1", "true", "yes", "on")


class BadParameter(ValueError):
    pass


def _date(request, name) -> date | None:
    value = request.form.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadParameter(name) from None


def _package_name(context, selection) -> str:
    if len(selection.exported) == 1:
        stem = selection.exported[0].case_reference.replace("/", "_")
    else:
        stem = f"{len(selection.exported)}-akt"
    return f"paczka-archiwalna-{stem}.zip"


class ArchiveExportGet(Service):
    def render(self):
        self.check_permission()
        request = self.request
        try:
            closed_from = _date(request, "closed_from")
            closed_to = _date(request, "closed_to")
        except BadParameter as bad:
            return refusal(
                request,
                _(
                    "archive_export_bad_date",
                    default="${name} must be a date written as YYYY-MM-DD.",
                    mapping={"name": str(bad)},
                ),
                reason="archive_export_bad_date",
            )
        cases = request.form.get("case") or ()
        cases = (cases,) if isinstance(cases, str) else tuple(cases)
        selection = exports.select(self.context, closed_from, closed_to, cases)
        skipped = selection.skipped
        if (
            not selection.exported
            and len(skipped) == 1
            and skipped[0]["reason"] == "ended"
        ):
            return refusal(
                request,
                ArchiveError(
                    "archive_file_not_ended", reference=skipped[0]["case_reference"]
                ),
            )
        if str(request.form.get("dry_run", "")).lower() in TRUE:
            return self._dry_run(selection)
        return self._export(selection)

    def _dry_run(self, selection):
        target = DiscardTarget()
        try:
            summary = exports.write(selection, target)
        except ArchiveError as error:
            return refusal(self.request, error)
        return json_reply(
            self.request,
            {
                "family_files": summary.family_files,
                "documents": summary.documents,
                "files": summary.files,
                "bytes": summary.bytes,
                "case_references": [f.case_reference for f in selection.exported],
                "skipped": selection.skipped,
            },
        )

    def _export(self, selection):
        handle, path = tempfile.mkstemp(prefix="mgops-archive-", suffix=".zip")
        try:
            with os.fdopen(handle, "wb") as spool:
                summary = exports.write(selection, ZipTarget(spool))
            body = filestream_iterator(path, "rb")
        except ArchiveError as error:
            return refusal(self.request, error)
        finally:
            # The open iterator keeps the data; the name goes at once (POSIX).
            os.unlink(path)
        alsoProvides(self.request, IDisableCSRFProtection)
        export_id = exports.log_export(
            exports.registry_of(self.context),
            selection.exported,
            api.user.get_current().getId(),
        )
        response = self.request.response
        response.setHeader("Content-Type", "application/zip")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{_package_name(self.context, selection)}"',
        )
        response.setHeader("Content-Length", str(len(body)))
        response.setHeader("X-Archive-Family-Files", str(summary.family_files))
        response.setHeader("X-Archive-Documents", str(summary.documents))
        response.setHeader("X-Archive-Files", str(summary.files))
        response.setHeader("X-Archive-Export-Id", export_id)
        return body
