"""``@@import-archiwum``: an archival package back into the site, checked first.

The same ``archive.importer`` as ``POST @archive-import``. Sending the package
only checks it (``check_package``: manifest, checksums, schemas, signatures,
register numbers, states by decisions, nothing here already) and shows what
would be created; a package that passed is kept for an hour
(``archive.pending``) and the import runs only when the administrator confirms,
checking it all again. A refusal is a message on the page; nothing is written.
"""

import shutil
import tempfile

from plone import api
from plone.protect import CheckAuthenticator

from mgops.caseflow import _
from mgops.caseflow.archive import pending
from mgops.caseflow.archive.importer import COPY_CHUNK
from mgops.caseflow.archive.importer import check_package
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.errors import CaseflowError


class ArchiveImportView(CaseflowView):
    def __call__(self):
        self.summary = None
        self.token = None
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                if form.get("action") == "import":
                    return self._import(form.get("token"))
                self._check(form.get("package"))
            except CaseflowError as error:
                self.show_refusal(error)
                return self.request.response.redirect(self.page_url())
        return self.index()

    def page_url(self):
        return f"{self.portal_url()}/@@import-archiwum"

    @property
    def registry(self):
        return api.portal.get()["akta"]

    def _check(self, upload):
        if not hasattr(upload, "read"):
            raise CaseflowError(
                "archive_import_no_package",
                "Send the archival package (a zip) as the request body or as the "
                "form field file.",
            )
        with tempfile.TemporaryFile() as package:
            upload.seek(0)
            shutil.copyfileobj(upload, package, COPY_CHUNK)
            package.seek(0)
            self.summary = check_package(package, self.registry)
            self.token = pending.keep(
                self.registry, package, api.user.get_current().getId()
            )

    def _import(self, token):
        package = pending.take(self.registry, token, api.user.get_current().getId())
        with package:
            summary = import_package(package, self.registry)
        self.status(
            self.t(
                _(
                    "ui_archive_imported",
                    default="Imported ${files} family files with ${documents} "
                    "documents: ${references}.",
                    mapping={
                        "files": summary.family_files,
                        "documents": summary.documents,
                        "references": ", ".join(summary.case_references),
                    },
                )
            )
        )
        return self.request.response.redirect(f"{self.portal_url()}/@@archiwum")

    def files(self):
        return [
            {
                "case_reference": file.case_reference,
                "family_name": file.family_name,
                "state_title": self.state_title(file.state),
                "ended": self.day(file.ended),
                "documents": file.documents,
                "signed_decisions": file.signed_decisions,
            }
            for file in self.summary.files
        ]
