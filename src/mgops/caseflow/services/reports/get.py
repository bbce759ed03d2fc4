"""``GET @reports`` (the list) and ``@reports/<id>?from=YYYY-MM-DD&to=YYYY-MM-DD``
(the figures; ``format=xlsx|csv|pdf`` for the file), for the head only.

``row=<code>`` (and ``column=<n>`` for a report over years) lists the family
files behind one figure.
"""

from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.reports.exports import FORMATS
from mgops.caseflow.reports.exports import send_file
from mgops.caseflow.reports.reports import column_index
from mgops.caseflow.reports.reports import files_behind
from mgops.caseflow.reports.reports import report_data
from mgops.caseflow.reports.reports import report_list


@implementer(IPublishTraverse)
class ReportsGet(Service):
    report_id = None

    def publishTraverse(self, request, name):
        if self.report_id is None:
            self.report_id = name
            return self
        return super().publishTraverse(request, name)

    def _t(self, message):
        return translate(message, context=self.request)

    def render(self):
        kind = self.request.form.get("format") or "json"
        if self.report_id is None or kind == "json":
            return super().render()
        self.check_permission()
        if kind not in FORMATS:
            raise RuleViolation(
                "error_report_format",
                "Reports are given as json, xlsx, csv or pdf, not ${format}.",
                format=kind,
            )
        form = self.request.form
        data = report_data(self.report_id, form.get("from"), form.get("to"))
        return send_file(data, kind, self._t, self.request.response)

    def reply(self):
        base = f"{self.context.absolute_url()}/@reports"
        if self.report_id is None:
            items = report_list()
            for item in items:
                item["@id"] = f"{base}/{item['id']}"
            return {"@id": base, "items": items, "items_total": len(items)}
        form = self.request.form
        if form.get("row"):
            brains = files_behind(
                self.report_id,
                form.get("from"),
                form.get("to"),
                form["row"],
                column_index(form.get("column")),
            )
            return {
                "@id": f"{base}/{self.report_id}",
                "row": form["row"],
                "items": [
                    {
                        "@id": brain.getURL(),
                        "UID": brain.UID,
                        "case_reference": brain.case_reference,
                        "family_name": brain.family_name,
                        "review_state": brain.review_state,
                    }
                    for brain in brains
                ],
                "items_total": len(brains),
            }
        data = report_data(self.report_id, form.get("from"), form.get("to"))
        return {"@id": f"{base}/{self.report_id}", **data}
