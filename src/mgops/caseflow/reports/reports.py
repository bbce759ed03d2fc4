"""The reports as plain functions that ``@reports`` and Sprawozdania both call.

The definitions ship in ``definitions/`` (one YAML file per edition of a form);
the figures come from ``core.reports`` over the catalog's records
(``records.read_records``); only the head (``mgops.caseflow: View reports``)
gets any.
"""

from functools import cache
from pathlib import Path

from plone import api

from mgops.caseflow.audit.record import note_listed
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.reports.definitions import SETTLEMENT
from mgops.caseflow.core.reports.definitions import Definition
from mgops.caseflow.core.reports.definitions import build_report
from mgops.caseflow.core.reports.definitions import check_period
from mgops.caseflow.core.reports.definitions import load_definition
from mgops.caseflow.core.reports.queries import FAMILIES
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.settlement import Edition
from mgops.caseflow.core.reports.settlement import parse_edition
from mgops.caseflow.core.reports.settlement import settle
from mgops.caseflow.reports.records import read_records
from mgops.caseflow.settings import setting


DEFINITIONS = Path(__file__).parent / "definitions"
VIEW_REPORTS = "mgops.caseflow: View reports"


class UnknownReport(CaseflowError):
    status = 404


@cache
def definitions() -> dict[str, Definition]:
    """The shipped definitions by id, in the order of their files."""
    loaded = (
        load_definition(path.read_text("utf-8"))
        for path in sorted(DEFINITIONS.glob("*.yaml"))
    )
    return {definition.id: definition for definition in loaded}


def check_may_see_reports() -> None:
    if not api.user.has_permission(VIEW_REPORTS, obj=api.portal.get()):
        raise NotAllowed(
            "error_reports_head_only", "Only the head of the centre sees the reports."
        )


def definition_of(report_id: str) -> Definition:
    check_may_see_reports()
    found = definitions().get(report_id)
    if found is None:
        raise UnknownReport(
            "error_report_unknown",
            "There is no report ${report}; the reports are: ${known}.",
            report=report_id,
            known=", ".join(definitions()),
        )
    return found


def report_list() -> list[dict]:
    check_may_see_reports()
    return [
        {
            "id": d.id,
            "title": d.title,
            "obligation": d.obligation,
            "legal_basis": d.legal_basis,
            "periods": list(d.periods),
        }
        for d in definitions().values()
    ]


def editions() -> list[Edition]:
    """The programme's parameters per edition year, from the settings."""
    return [parse_edition(line) for line in setting("programme_editions") or ()]


def _column(period: Period) -> dict:
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "label": period.label(),
    }


def report_data(report_id: str, start, end, records=None) -> dict:
    """The report's figures as JSON-ready data; ``records`` read once if given."""
    definition = definition_of(report_id)
    period = Period.parse(start, end)
    records = records or read_records()
    data = {
        "id": definition.id,
        "title": definition.title,
        "legal_basis": definition.legal_basis,
        "obligation": definition.obligation,
        "notes": definition.notes,
        "kind": definition.kind,
        "period": _column(period),
    }
    if definition.kind == SETTLEMENT:
        check_period(definition, period)
        lines = settle(records, period, editions())
        data["lines"] = [
            {**line.__dict__, "name": records.name(line.assistant)} for line in lines
        ]
        data["totals"] = {
            name: round(sum(getattr(line, name) for line in lines), 2)
            for name in ("grant", "own_share", "total_cost")
        }
        data["qualifying_months"] = sum(line.qualifies for line in lines)
        return data
    report = build_report(definition, records, period)
    data["columns"] = [_column(column) for column in report.columns]
    data["rows"] = [
        {
            "code": row.code,
            "label": row.label,
            "values": [
                {
                    "value": figure.value,
                    "unit": figure.unit,
                    "files": len(figure.keys) if figure.unit == FAMILIES else None,
                }
                for figure in row.figures
            ],
        }
        for row in report.rows
    ]
    return data


def column_index(value) -> int:
    """A figure's column as asked (``column=``): 0 unless given; -1 if not a number."""
    text = str(value or "0")
    return int(text) if text.isdigit() else -1


def files_behind(report_id: str, start, end, code: str, column: int = 0) -> list:
    """The catalog brains of the family files one figure counted (only those
    the user may see; each listed one recorded in the audit trail)."""
    definition = definition_of(report_id)
    period = Period.parse(start, end)
    report = build_report(definition, read_records(), period)
    for row in report.rows:
        if row.code == code and 0 <= column < len(row.figures):
            figure = row.figures[column]
            break
    else:
        raise UnknownReport(
            "error_report_row_unknown",
            "The report ${report} has no row ${code}.",
            report=definition.id,
            code=code,
        )
    if figure.unit != FAMILIES or not figure.keys:
        return []
    brains = api.content.find(UID=sorted(figure.keys), sort_on="sortable_title")
    for brain in brains:
        note_listed(brain)
    return list(brains)
