"""Printed documents as PDF: the contract, the plan, the assessment, the decision
and the destruction protocol, rendered in the server by WeasyPrint (``printing``).

Each PDF is made from the same macros as the document's print view
(``templates/printed.pt``: the letterhead, the fields, the signature places, the
decision and its signature), laid out by the same print stylesheet
(``static/caseflow.css``, its ``@media print`` rules), so the PDF and the page
printed by the browser are one document. Whoever may view the document may
download its PDF (the views' permission is the document's ``View``); the
download is audited as the document's read (``audit.subscribers``).
"""

import base64
import mimetypes
from datetime import datetime
from pathlib import Path

from plone import api
from plone.dexterity.browser.view import DefaultView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound

from mgops.caseflow.audit.record import log_now
from mgops.caseflow.browser.centre import centre
from mgops.caseflow.browser.centre import centre_logo
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.browser.common import office_day
from mgops.caseflow.browser.common import office_moment
from mgops.caseflow.browser.decision import DecisionView
from mgops.caseflow.browser.viewlets import SignaturePlaces
from mgops.caseflow.gdpr.retention import protocols
from mgops.caseflow.printing import render_pdf


#: the print view's stylesheet; WeasyPrint applies its ``@media print`` rules
PRINT_CSS = (Path(__file__).parent / "static" / "caseflow.css").read_text("utf-8")
#: what Plone's theme does on the page and the PDF has no theme for
PDF_CSS = """
.visually-hidden, .d-none, input[type=hidden], .datagridwidget-hidden-data {
  display: none; }
.datagridwidget-table-view { border-collapse: collapse; width: 100%; }
.datagridwidget-table-view th, .datagridwidget-table-view td {
  border: 0.5pt solid #000; padding: 1mm 2mm; text-align: left; }
.caseflow-field-label, .caseflow-facts dt { font-weight: bold; }
.field { margin-bottom: 3mm; }
.caseflow-facts div { margin-bottom: 1mm; }
.caseflow-facts dd { margin: 0; }
.caseflow-table { border-collapse: collapse; width: 100%; }
.caseflow-table th, .caseflow-table td { border: 0.5pt solid #000; padding: 1mm 2mm;
  text-align: left; }
.caseflow-pre { white-space: pre-wrap; }
"""


def pdf_name(text: str) -> str:
    """A file name for the Content-Disposition header: ASCII, no slashes."""
    safe = "".join(
        c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in text
    )
    return f"{safe.strip('-') or 'dokument'}.pdf"


class PdfMixin:
    """Render ``templates/pdf.pt`` for the view's ``part`` and answer the PDF."""

    pdf_template = ViewPageTemplateFile("templates/pdf.pt")
    part = "document"

    def centre(self):
        """The letterhead's centre, its logo inline (nothing is fetched)."""
        found = centre()
        logo = centre_logo()
        if logo is not None:
            filename, data = logo
            mime = mimetypes.guess_type(filename)[0] or "image/png"
            found["logo"] = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        return found

    def title(self):
        return self.context.Title()

    def file_name(self):
        return pdf_name(self.context.getId())

    def pdf(self) -> bytes:
        return render_pdf(self.pdf_template(), stylesheet=PRINT_CSS + PDF_CSS)

    def answer(self):
        data = self.pdf()
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.file_name()}"'
        )
        response.setHeader("Content-Length", str(len(data)))
        return data


class DocumentPdf(PdfMixin, SignaturePlaces, DefaultView):
    """A contract, plan or assessment: its fields as its page shows them."""

    def with_signatures(self):
        # the paper the family signs (viewlet mgops.caseflow.signatures)
        return self.context.portal_type in ("Contract", "Plan")

    def __call__(self):
        self.update()
        return self.answer()


class DecisionPdf(PdfMixin, DecisionView):
    """A decision with its register number, signer and, once signed, the
    summary of its signature verified now."""

    part = "decision"

    def file_name(self):
        number = self.context.register_number
        return pdf_name(f"decyzja-{number}" if number else self.context.getId())

    def __call__(self):
        self.verification = None
        self.verification_error = None
        if self.is_signed():
            self._verify()
        return self.answer()


class ProtocolPdf(PdfMixin, CaseflowView):
    """``<registry>/@@pdf?protocol=N``: the destruction protocol N."""

    part = "protocol"

    def record(self):
        try:
            number = int(self.request.form.get("protocol", ""))
        except ValueError:
            number = None
        for record in protocols(self.context):
            if record["number"] == number:
                return record
        raise NotFound(self.context, "protocol", self.request)

    def title(self):
        return f"Protokół zniszczenia nr {self.protocol()['number']}"

    def file_name(self):
        return pdf_name(f"protokol-zniszczenia-{self.protocol()['number']}")

    def protocol(self):
        record = self.record()
        consent = record.get("archive_consent") or {}
        user = api.user.get(userid=record.get("destroyed_by"))
        return {
            "number": record["number"],
            "case_reference": record.get("case_reference"),
            "title": record.get("title"),
            "archival_category": record.get("archival_category"),
            "closed_on": office_day(record.get("closed_on")),
            "retention_ends": office_day(record.get("retention_ends")),
            "destroyed_at": office_moment(
                datetime.fromisoformat(record["destroyed_at"])
                if record.get("destroyed_at")
                else None
            ),
            "destroyed_by": (user.getProperty("fullname") if user else None)
            or record.get("destroyed_by"),
            "reason": record.get("reason"),
            "archive_consent": ", ".join(
                part
                for part in (
                    consent.get("archive"),
                    consent.get("reference"),
                    office_day(consent["date"]) if consent.get("date") else None,
                )
                if part
            ),
            "expert_consent": record.get("expert_consent"),
            "documents": [
                {"type": self.type_title(doc["type"]), "title": doc["title"]}
                for doc in record.get("documents") or ()
            ],
        }

    def __call__(self):
        protocol = self.protocol()
        data = self.answer()
        # the protocol names the destroyed file: its download is a read of it
        log_now(
            "download",
            request=self.request,
            view="pdf",
            protocol=protocol["number"],
            case_reference=protocol["case_reference"],
        )
        return data
