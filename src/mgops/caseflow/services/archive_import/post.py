"""``POST <registry>/@archive-import``: an archival package back into the site (Manager).

The zip comes as the raw body (``Content-Type: application/zip``) or as the
field ``file`` of a multipart form. It is verified as a whole (manifest,
checksums, schemas) before anything is created; a refused package, or one
whose files are here already, changes nothing (``archive.importer``).
"""

from plone.restapi.services import Service

from mgops.caseflow.archive.importer import import_upload
from mgops.caseflow.services.csrf import refuse_cross_site


class ArchiveImportPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        upload = self.request.form.get("file")
        stream = upload if hasattr(upload, "read") else self.request.get("BODYFILE")
        summary = import_upload(stream, self.context)
        self.request.response.setStatus(201)
        return {
            "family_files": summary.family_files,
            "documents": summary.documents,
            "case_references": list(summary.case_references),
        }
