"""Sprawozdania: the head picks a report and its period, reads the table (each
figure linked to the files behind it), downloads it, and sees the charts."""

from datetime import datetime
from urllib.parse import urlencode

from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.core.reports.definitions import default_period
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.reports.charts import charts
from mgops.caseflow.reports.exports import FORMATS
from mgops.caseflow.reports.exports import STATUS_LABELS
from mgops.caseflow.reports.exports import send_file
from mgops.caseflow.reports.records import read_records
from mgops.caseflow.reports.reports import column_index
from mgops.caseflow.reports.reports import definition_of
from mgops.caseflow.reports.reports import definitions
from mgops.caseflow.reports.reports import files_behind
from mgops.caseflow.reports.reports import report_data
from mgops.caseflow.reports.reports import report_list
from mgops.caseflow.setuphandlers import STAFF_ID


class ReportsView(CaseflowView):
    result = None
    files = None
    chart_list = ()
    reports = ()
    report_id = start = end = None

    def __call__(self):
        form = self.request.form
        self.start, self.end = form.get("from", ""), form.get("to", "")
        try:
            self.reports = report_list()
            chosen = form.get("report") or next(iter(definitions()))
            definition = definition_of(chosen)
            default = default_period(definition, datetime.now(OFFICE_ZONE).date())
            self.report_id = definition.id
            self.start = form.get("from") or default.start.isoformat()
            self.end = form.get("to") or default.end.isoformat()
            if not form.get("report"):
                return self.index()
            kind = form.get("format")
            if kind in FORMATS:
                return self.download(kind)
            records = read_records()
            self.result = report_data(self.report_id, self.start, self.end, records)
            if form.get("row"):
                self.files = files_behind(
                    self.report_id,
                    self.start,
                    self.end,
                    form["row"],
                    column_index(form.get("column")),
                )
            if self.result["kind"] != "settlement":
                self.chart_list = charts(
                    records, Period.parse(self.start, self.end), self.t
                )
        except CaseflowError as refusal:
            self.result = self.files = None
            self.show_refusal(refusal)
        return self.index()

    def download(self, kind):
        data = report_data(self.report_id, self.start, self.end)
        return send_file(data, kind, self.t, self.request.response)

    def choices(self):
        return [
            {**item, "selected": item["id"] == self.report_id} for item in self.reports
        ]

    def url(self, **extra):
        query = {"report": self.report_id, "from": self.start, "to": self.end, **extra}
        return f"{self.portal_url()}/@@sprawozdania?{urlencode(query)}"

    def downloads(self):
        return [
            {"url": self.url(format=kind), "label": kind.upper()} for kind in FORMATS
        ]

    def status_label(self, status):
        return self.t(STATUS_LABELS[status])

    def staff_url(self):
        return f"{self.portal_url()}/{STAFF_ID}"
