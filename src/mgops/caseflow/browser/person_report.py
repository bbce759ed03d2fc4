"""``@@dane-osoby``: the GDPR art. 15 report for the head, on screen and as CSV.

The same ``gdpr.person.person_report`` as ``POST @person-report``: the PESEL or
the name is sent in a POST form, never in the address (addresses go into
access logs); each file shown is recorded in the audit trail. A refusal (a
wrong PESEL, nothing given) is a message on the page.
"""

from plone.protect import CheckAuthenticator

from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.gdpr.person import LEGAL_BASIS
from mgops.caseflow.gdpr.person import person_report
from mgops.caseflow.gdpr.person import report_csv


class PersonReportView(CaseflowView):
    def __call__(self):
        self.records = None
        form = self.request.form
        self.pesel = (form.get("pesel") or "").strip()
        self.name = (form.get("name") or "").strip()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                self.records = person_report(
                    pesel=self.pesel or None,
                    name=None if self.pesel else self.name or None,
                    request=self.request,
                )
            except CaseflowError as error:
                self.show_refusal(error)
                return self.request.response.redirect(self.page_url())
            if form.get("format") == "csv":
                response = self.request.response
                response.setHeader("Content-Type", "text/csv; charset=utf-8")
                response.setHeader(
                    "Content-Disposition", 'attachment; filename="dane-osoby.csv"'
                )
                return report_csv(self.records)
        return self.index()

    def page_url(self):
        return f"{self.portal_url()}/@@dane-osoby"

    def legal_basis(self):
        return self.t(LEGAL_BASIS)

    def results(self):
        return [
            dict(
                record,
                state_title=self.state_title(record["family_file"]["review_state"]),
                documents=[self._document(d) for d in record["documents"]],
                named_in=[self._document(d) for d in record["named_in"]],
            )
            for record in self.records or ()
        ]

    def _document(self, document):
        return dict(
            document,
            type_title=self.type_title(document["type"]),
            day=self.day(document["date"]),
        )
