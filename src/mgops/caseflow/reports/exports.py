"""A report's figures as files: CSV, XLSX (openpyxl) and PDF (``printing``).

All three are made from one table (``table_of``), so they hold the same numbers
the page and ``@reports`` show.
"""

import csv
import io
from html import escape

from openpyxl import Workbook
from openpyxl.styles import Font

from mgops.caseflow import _
from mgops.caseflow.printing import render_pdf
from mgops.caseflow.settings import setting


STATUS_LABELS = {
    "approved": _("hours_status_approved", default="approved"),
    "pending": _("hours_status_pending", default="awaiting approval"),
    "missing": _("hours_status_missing", default="not entered"),
}

SETTLEMENT_HEADER = (
    _("col_assistant", default="Assistant"),
    _("col_month", default="Month"),
    _("col_fte", default="FTE"),
    _("col_sick_days", default="Days of sick leave"),
    _("col_required_hours", default="Hours required"),
    _("col_hours", default="Hours entered"),
    _("col_visit_hours", default="Hours of visit notes"),
    _("col_status", default="Hours"),
    _("col_qualifies", default="Qualifies"),
    _("col_grant", default="Allowance (zł)"),
    _("col_own_share", default="Own share (zł)"),
    _("col_total_cost", default="Cost (zł)"),
)


def table_of(data: dict, t) -> tuple[list, list[list]]:
    """(header, rows) of the report; ``t`` translates a message."""
    if data["kind"] == "settlement":
        rows = [
            [
                line["name"],
                f"{line['month']:02d}.{line['year']}",
                line["fte"],
                line["sick_days"],
                line["required_hours"],
                line["hours"],
                line["visit_hours"],
                t(STATUS_LABELS[line["status"]]),
                t(_("yes", default="yes"))
                if line["qualifies"]
                else t(_("no", default="no")),
                line["grant"],
                line["own_share"],
                line["total_cost"],
            ]
            for line in data["lines"]
        ]
        totals = data["totals"]
        rows.append(
            [t(_("row_total", default="Total"))]
            + [None] * 8
            + [totals["grant"], totals["own_share"], totals["total_cost"]]
        )
        return [t(label) for label in SETTLEMENT_HEADER], rows
    header = [t(_("col_code", default="Code")), t(_("col_row", default="Row"))] + [
        column["label"] for column in data["columns"]
    ]
    rows = [
        [row["code"], row["label"]] + [value["value"] for value in row["values"]]
        for row in data["rows"]
    ]
    return header, rows


def _heading(data: dict, t) -> list[str]:
    return [
        data["title"],
        f"{t(_('label_report_period', default='Period'))}: {data['period']['label']}",
        f"{t(_('label_report_legal_basis', default='Legal basis'))}: {data['legal_basis']}",
    ]


def csv_bytes(data: dict, t) -> bytes:
    """Semicolon-separated, UTF-8 with a BOM: what a Polish spreadsheet opens."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    header, rows = table_of(data, t)
    writer.writerow(header)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(data: dict, t) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = data["id"][:31]
    for line in _heading(data, t):
        sheet.append([line])
    sheet.append([])
    header, rows = table_of(data, t)
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["B"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PDF_CSS = """
h1 { font-size: 13pt; } p { margin: 0 0 4pt; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin-top: 8pt; font-size: 8.5pt; }
th, td { border: 0.5pt solid #444; padding: 2pt 4pt; vertical-align: top; }
td.number { text-align: right; }
"""


def pdf_bytes(data: dict, t) -> bytes:
    centre = setting("centre_name")
    header, rows = table_of(data, t)
    title, *lines = _heading(data, t)

    def cell(value):
        if isinstance(value, int | float):
            return f'<td class="number">{value}</td>'
        return f"<td>{escape('' if value is None else str(value))}</td>"

    html = "".join(
        [
            '<html lang="pl"><body>',
            f"<p>{escape(centre)}</p>" if centre else "",
            f"<h1>{escape(title)}</h1>",
            *(f"<p>{escape(line)}</p>" for line in lines),
            "<table><thead><tr>",
            *(f"<th>{escape(str(label))}</th>" for label in header),
            "</tr></thead><tbody>",
            *("<tr>" + "".join(cell(value) for value in row) + "</tr>" for row in rows),
            "</tbody></table></body></html>",
        ]
    )
    # the settlement's twelve columns need the page's width
    wide = "@page { size: A4 landscape; }" if data["kind"] == "settlement" else ""
    return render_pdf(html, PDF_CSS + wide)


FORMATS = {
    "csv": ("text/csv; charset=utf-8", csv_bytes),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx_bytes,
    ),
    "pdf": ("application/pdf", pdf_bytes),
}


def send_file(data: dict, kind: str, t, response) -> bytes:
    """The report as a ``kind`` file (FORMATS), its headers set on ``response``:
    what ``@reports`` and Sprawozdania both send."""
    content_type, make = FORMATS[kind]
    period = data["period"]
    name = f"{data['id']}-{period['from']}-{period['to']}.{kind}"
    response.setHeader("Content-Type", content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
    return make(data, t)
