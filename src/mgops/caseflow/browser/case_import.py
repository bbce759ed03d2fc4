"""Import spraw: the head or the administrator brings in families already
served from a sheet — upload, the dry run's report by row and column, confirm.

The page calls the same operations as ``@import-cases`` (``case_import.importer``):
the check runs again on confirm, whatever the page sent, and writes nothing if
the sheet has any problem. The sheet travels to the confirm form inside it
(base64), so nothing is kept in the server between the two steps.
"""

import base64
import binascii

import transaction
from plone.protect import CheckAuthenticator
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.archive.exports import registry_of
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.case_import.importer import ImportHasProblems
from mgops.caseflow.case_import.importer import dry_run
from mgops.caseflow.case_import.importer import import_cases
from mgops.caseflow.case_import.importer import problem_rows
from mgops.caseflow.case_import.importer import template
from mgops.caseflow.case_import.importer import upload_bytes
from mgops.caseflow.core.errors import CaseflowError


class ImportCasesView(CaseflowView):
    """@@import-spraw on the site."""

    def __call__(self):
        self.problems = None
        self.families = None
        self.payload = None
        self.filename = ""
        self.created = None
        form = self.request.form
        if form.get("template"):
            return self._template(form["template"])
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self._act(form.get("action"))
        return self.index()

    def _template(self, file_format):
        data, content_type, name = template(file_format)
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        return data

    def _sheet(self, action):
        if action == "import":
            try:
                data = base64.b64decode(
                    self.request.form.get("sheet", ""), validate=True
                )
            except (binascii.Error, ValueError):
                data = b""
            return data, self.request.form.get("filename", "")
        return upload_bytes(self.request.form.get("file"))

    def _act(self, action):
        data, self.filename = self._sheet(action)
        try:
            if action == "import":
                self.created = import_cases(
                    data, self.filename, registry_of(self.context)
                )
                self.status(
                    translate(
                        _(
                            "ui_import_done",
                            default="${count} family files were imported.",
                            mapping={"count": len(self.created)},
                        ),
                        context=self.request,
                    )
                )
                return
            report = dry_run(data, self.filename)
        except ImportHasProblems as refused:
            transaction.doom()  # nothing was written; nothing may be
            self.problems = problem_rows(refused.problems, self.request)
            return
        except CaseflowError as error:
            self.show_refusal(error)
            return
        self.problems = problem_rows(report.problems, self.request)
        if not report.problems:
            self.families = [
                {
                    "case_reference": family.case_reference,
                    "family_name": family.family_name,
                    "state": self.state_title(family.state),
                    "members": len(family.members),
                    "assistant": self.fullname(family.assistant)
                    if family.assistant
                    else "—",
                }
                for family in report.families
            ]
            self.payload = base64.b64encode(data).decode("ascii")

    def template_url(self, file_format):
        return f"{self.context.absolute_url()}/@@import-spraw?template={file_format}"

    def created_rows(self):
        return [
            {
                "url": f.absolute_url(),
                "case_reference": f.case_reference,
                "title": f.Title(),
            }
            for f in self.created or ()
        ]
