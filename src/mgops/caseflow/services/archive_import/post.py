"""``POST <registry>/@archive-import``: an archival package back into the site (Manager).

The zip comes as the raw body (``Content-Type: application/zip``) or as the
field ``file`` of a multipart form. It is copied to a temporary file in
chunks, then verified as a whole (manifest, checksums, schemas) before
anything is created; a refused package, or one whose files are here already,
is answered with 400 and a Polish message and the transaction is doomed, so
nothing is written.
"""

import shutil
import tempfile

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides

from mgops.caseflow import _
from mgops.caseflow.archive.importer import ImportRefused
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.archive.rest import json_reply
from mgops.caseflow.archive.rest import refusal
from mgops.caseflow.core.archive import ArchiveError


COPY_CHUNK = 64 * 1024


class ArchiveImportPost(Service):
    def render(self):
        self.check_permission()
        alsoProvides(self.request, IDisableCSRFProtection)
        upload = self.request.form.get("file")
        stream = upload if hasattr(upload, "read") else self.request.get("BODYFILE")
        with tempfile.TemporaryFile() as package:
            if stream is not None:
                if hasattr(stream, "seek"):
                    stream.seek(0)
                shutil.copyfileobj(stream, package, COPY_CHUNK)
            if package.tell() == 0:
                return refusal(
                    self.request,
                    _(
                        "archive_import_no_package",
                        default="Send the archival package (a zip) as the request "
                        "body or as the form field file.",
                    ),
                    reason="archive_import_no_package",
                )
            package.seek(0)
            try:
                summary = import_package(package, self.context)
            except ArchiveError as error:
                return refusal(self.request, error)
            except ImportRefused as refused:
                return refusal(self.request, refused.message, status=409)
        self.request.response.setStatus(201)
        return json_reply(
            self.request,
            {
                "family_files": summary.family_files,
                "documents": summary.documents,
                "case_references": list(summary.case_references),
            },
        )
