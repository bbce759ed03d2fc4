"""``GET @person-report?pesel=…`` (or ``?name=Jan Kowalski``): GDPR art. 15.

JSON by default; ``format=csv`` gives a download (UTF-8 with BOM for
spreadsheets; cells that a spreadsheet would run as a formula are quoted with
an apostrophe). For the head (``mgops.caseflow: View audit log``). Each file the
report shows is recorded in the audit trail (``person_report``); the PESEL in the
trail is masked, so the trail does not become a second register of people.
"""

import csv
import io
import json

from plone import api
from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.audit.record import log_now
from mgops.caseflow.core.rules.errors import RuleViolation
from mgops.caseflow.core.rules.pesel import check_pesel
from mgops.caseflow.gdpr.person import CSV_COLUMNS
from mgops.caseflow.gdpr.person import csv_rows
from mgops.caseflow.gdpr.person import find_person
from mgops.caseflow.services.errors import error


def _safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class PersonReportGet(Service):
    def render(self):
        self.check_permission()
        form = self.request.form
        pesel = (form.get("pesel") or "").strip() or None
        name = (form.get("name") or "").strip() or None
        response = self.request.response
        problem = None
        if not pesel and not name:
            problem = _(
                "error_person_report_query",
                default="Give the person's PESEL (pesel=…) or first and last name "
                "(name=…).",
            )
        elif pesel:
            try:
                check_pesel(pesel)
            except RuleViolation as violation:
                problem = _(
                    violation.rule, default=violation.default, mapping=violation.mapping
                )
        if name and len(name) > 300:
            problem = _(
                "error_person_report_query",
                default="Give the person's PESEL (pesel=…) or first and last name "
                "(name=…).",
            )
        if problem is not None:
            body = error(
                self.request,
                400,
                "BadRequest",
                translate(problem, context=self.request),
            )
            response.setHeader("Content-Type", "application/json")
            return json.dumps(body)
        records = find_person(pesel=pesel, name=name)
        masked = f"{pesel[:6]}*****" if pesel else None
        for record in records:
            family_file = api.content.get(UID=record["family_file"]["uid"])
            log_now(
                "person_report",
                obj=family_file,
                request=self.request,
                detail={"pesel": masked, "name": name},
            )
        if form.get("format") == "csv":
            stream = io.StringIO()
            writer = csv.writer(stream, delimiter=";")
            writer.writerow(CSV_COLUMNS)
            for row in csv_rows(records):
                writer.writerow([_safe_cell(cell) for cell in row])
            response.setHeader("Content-Type", "text/csv; charset=utf-8")
            response.setHeader(
                "Content-Disposition", 'attachment; filename="dane-osoby.csv"'
            )
            return ("\ufeff" + stream.getvalue()).encode("utf-8")
        response.setHeader("Content-Type", "application/json")
        return json.dumps(
            {
                "@id": f"{self.context.absolute_url()}/@person-report",
                "legal_basis": translate(
                    _(
                        "person_report_basis",
                        default="Regulation (EU) 2016/679 (GDPR), art. 15: right of "
                        "access by the data subject.",
                    ),
                    context=self.request,
                ),
                "items_total": len(records),
                "items": records,
            },
            ensure_ascii=False,
        )
