"""``GET @person-report?pesel=…`` (or ``?name=Jan Kowalski``): GDPR art. 15.

JSON by default; ``format=csv`` gives a download. For the head
(``mgops.caseflow: View audit log``); what the report holds, and what it
records in the audit trail, is ``gdpr.person``'s.
"""

from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow.gdpr.person import LEGAL_BASIS
from mgops.caseflow.gdpr.person import person_report
from mgops.caseflow.gdpr.person import report_csv


class PersonReportGet(Service):
    def render(self):
        if self.request.form.get("format") != "csv":
            return super().render()  # JSON, from reply()
        self.check_permission()
        body = report_csv(self._records())
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", 'attachment; filename="dane-osoby.csv"'
        )
        return body

    def reply(self):
        records = self._records()
        return {
            "@id": f"{self.context.absolute_url()}/@person-report",
            "legal_basis": translate(LEGAL_BASIS, context=self.request),
            "items_total": len(records),
            "items": records,
        }

    def _records(self):
        form = self.request.form
        return person_report(
            pesel=(form.get("pesel") or "").strip() or None,
            name=(form.get("name") or "").strip() or None,
            request=self.request,
        )
