"""``GET <registry or family file>/@archive-export``: an archival package as a zip.

On the registry, ``closed_from`` / ``closed_to`` (YYYY-MM-DD) select the files
closed in that period (by their end date) and ``case`` (repeatable) names
files by case reference; on a family file, that file. Only ``closed`` and
``archived`` files with an end date go out; the others are listed as skipped.

``dry_run=1`` writes the whole package to nowhere (every XML validated) and
answers with the counts as JSON: what an export would take, before a long one.

Otherwise the answer is the zip, streamed from a temporary file once it is
complete and valid (``archive.exports.export_zip``); a package that fails is
a JSON refusal, never half a zip. The response carries the counts in
``X-Archive-Family-Files``, ``X-Archive-Documents`` and ``X-Archive-Files``,
and ``X-Archive-Export-Id``, which ``@archive-mark`` accepts to move the
exported closed files to ``archived``.
"""

from datetime import date

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides

from mgops.caseflow.archive import exports
from mgops.caseflow.core.errors import CaseflowError


TRUE = ("1", "true", "yes", "on")


def _date(request, name) -> date | None:
    try:
        return exports.day_of(request.form.get(name))
    except ValueError:
        raise CaseflowError(
            "archive_export_bad_date",
            "${name} must be a date written as YYYY-MM-DD.",
            name=name,
        ) from None


class ArchiveExportGet(Service):
    def render(self):
        if str(self.request.form.get("dry_run", "")).lower() in TRUE:
            return super().render()  # JSON, from reply()
        self.check_permission()
        alsoProvides(self.request, IDisableCSRFProtection)  # a GET that logs the export
        package = exports.export_zip(self.context, self._selection())
        for name, value in package.headers().items():
            self.request.response.setHeader(name, value)
        return package.body

    def reply(self):
        selection = self._selection()
        summary = exports.dry_run(selection)
        return {
            "family_files": summary.family_files,
            "documents": summary.documents,
            "files": summary.files,
            "bytes": summary.bytes,
            "case_references": [f.case_reference for f in selection.exported],
            "skipped": selection.skipped,
        }

    def _selection(self) -> exports.Selection:
        form = self.request.form
        cases = form.get("case") or ()
        return exports.select(
            self.context,
            _date(self.request, "closed_from"),
            _date(self.request, "closed_to"),
            (cases,) if isinstance(cases, str) else tuple(cases),
        )
