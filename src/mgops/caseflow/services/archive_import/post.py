"""``POST <registry>/@archive-import``: an archival package back into the site (Manager).

The zip comes as the raw body (``Content-Type: application/zip``) or as the
field ``file`` of a multipart form. It is verified as a whole (manifest,
checksums, schemas) before anything is created; a refused package, or one
whose files are here already, changes nothing (``archive.importer``).
With ``?dry_run=1`` it only checks, and answers 200 with what the import would
create (the import page shows the same check before the head confirms).
"""

from plone.restapi.services import Service

from mgops.caseflow.archive.importer import import_upload
from mgops.caseflow.services.csrf import refuse_cross_site


class ArchiveImportPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        upload = self.request.form.get("file")
        stream = upload if hasattr(upload, "read") else self.request.get("BODYFILE")
        dry_run = self.request.form.get("dry_run") in ("1", "true")
        summary = import_upload(stream, self.context, dry_run=dry_run)
        self.request.response.setStatus(200 if dry_run else 201)
        return {
            "dry_run": dry_run,
            "family_files": summary.family_files,
            "documents": summary.documents,
            "case_references": list(summary.case_references),
            "files": [
                {
                    "case_reference": file.case_reference,
                    "family_name": file.family_name,
                    "review_state": file.state,
                    "ended": file.ended.isoformat() if file.ended else None,
                    "documents": file.documents,
                    "signed_decisions": file.signed_decisions,
                }
                for file in summary.files
            ],
        }
