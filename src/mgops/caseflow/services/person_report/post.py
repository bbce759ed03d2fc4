"""``POST @person-report`` ``{"pesel": "…"}`` (or ``{"name": "Jan Kowalski"}``): GDPR art. 15.

The PESEL and the name travel in the body, never in the address: addresses go
into the access logs of the server and of every proxy, and the report exists
to protect exactly these data. ``GET @person-report`` is therefore refused with
a Polish message saying to POST.

JSON by default; ``"format": "csv"`` in the body gives a download. For the
head (``mgops.caseflow: View audit log``); what the report holds, and what it
records in the audit trail, is ``gdpr.person``'s.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.gdpr.person import LEGAL_BASIS
from mgops.caseflow.gdpr.person import person_report
from mgops.caseflow.gdpr.person import report_csv
from mgops.caseflow.services.csrf import refuse_cross_site


class PersonReportGet(Service):
    def reply(self):
        raise CaseflowError(
            "error_person_report_use_post",
            "Send the PESEL or the name in the body of a POST to @person-report "
            '({"pesel": "…"} or {"name": "…"}), never in the address: addresses '
            "are written to the servers' access logs.",
        )


class PersonReportPost(Service):
    def render(self):
        self.check_permission()
        refuse_cross_site(self.request)
        body = self._body()
        if body.get("format") != "csv":
            return super().render()  # JSON, from reply()
        data = report_csv(self._records(body))
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", 'attachment; filename="dane-osoby.csv"'
        )
        return data

    def reply(self):
        records = self._records(self._body())
        return {
            "@id": f"{self.context.absolute_url()}/@person-report",
            "legal_basis": translate(LEGAL_BASIS, context=self.request),
            "items_total": len(records),
            "items": records,
        }

    def _body(self) -> dict:
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - an unreadable body names nobody
            body = None
        return body if isinstance(body, dict) else {}

    def _records(self, body):
        def text(name):
            value = body.get(name)
            return value.strip() or None if isinstance(value, str) else None

        return person_report(
            pesel=text("pesel"), name=text("name"), request=self.request
        )
