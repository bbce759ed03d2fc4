"""``POST <registry>/@import-cases``: families already served, from a sheet.

The sheet (XLSX or CSV in UTF-8) comes as the field ``file`` of a multipart
form, or as the raw body (its format is read from its bytes). With
``dry_run=1`` nothing is written: the answer lists every problem by row and
column, in Polish. Without it the sheet is checked the same way and, if it has
any problem, refused (400, the same list, nothing written); else the family
files are created (201). The head and the administrator only (permission
``mgops.caseflow: Import cases``); see ``case_import.importer``.
"""

from plone.restapi.services import Service

from mgops.caseflow.case_import.importer import ImportHasProblems
from mgops.caseflow.case_import.importer import dry_run
from mgops.caseflow.case_import.importer import import_cases
from mgops.caseflow.case_import.importer import problem_rows
from mgops.caseflow.case_import.importer import upload_bytes
from mgops.caseflow.messages import translated
from mgops.caseflow.services.csrf import refuse_cross_site


class ImportCasesPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        data, filename = upload_bytes(self.request.form.get("file"))
        if not data:
            data, filename = upload_bytes(self.request.get("BODYFILE"))
        if self.request.form.get("dry_run") in ("1", "true"):
            report = dry_run(data, filename)
            return {
                "dry_run": True,
                "families": len(report.families),
                "problems": problem_rows(report.problems, self.request),
            }
        try:
            created = import_cases(data, filename, self.context)
        except ImportHasProblems as refused:
            self.request.response.setStatus(400)
            self.request.response.setHeader("X-Caseflow-Nothing-Written", "1")
            return {
                "error": {
                    "type": refused.type,
                    "message": translated(refused, self.request),
                    "reason": refused.msgid,
                },
                "problems": problem_rows(refused.problems, self.request),
            }
        self.request.response.setStatus(201)
        return {
            "family_files": len(created),
            "case_references": [f.case_reference for f in created],
            "items": [f.absolute_url() for f in created],
        }
