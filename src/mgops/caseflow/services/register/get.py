"""``GET @register[?year=2026&kind=end_work&format=xml]``: the register of decisions.

Signed decisions from the catalog, in register order (year, then number), each
with its number, date, kind, family and signer. Everyone sees the entries of the
files they may see. ``format=xml`` gives the same list as an XML document.
"""

import json

from lxml import etree
from lxml.builder import ElementMaker
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.signing.rest import refusal


REGISTER_NAMESPACE = "urn:mgops:caseflow:register:1"
KINDS = ("assign_assistant", "end_work", "other")


def _year(value):
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not 1900 <= year <= 9999:
        raise SignatureError(
            "register_filter_invalid",
            "The filter ${name}=${value} is not valid.",
            name="year",
            value=value,
        )
    return year


def entries(year=None, kind=None) -> list[dict]:
    query = {"portal_type": "Decision", "review_state": "signed"}
    if year is not None:
        query["register_year"] = year
    if kind:
        query["document_kind"] = kind
    brains = api.content.find(**query)
    rows = sorted(brains, key=lambda b: (b.register_year or 0, b.register_n or 0))
    return [
        {
            "@id": brain.getURL(),
            "UID": brain.UID,
            "register_number": brain.register_number,
            "year": brain.register_year,
            "n": brain.register_n,
            "date": brain.register_date,
            "kind": brain.document_kind,
            "case_reference": brain.case_reference,
            "family_name": brain.family_name,
            "signer": brain.signer,
        }
        for brain in rows
    ]


def register_xml(rows: list[dict], year=None, kind=None) -> bytes:
    E = ElementMaker(namespace=REGISTER_NAMESPACE, nsmap={None: REGISTER_NAMESPACE})
    attributes = {}
    if year is not None:
        attributes["year"] = str(year)
    if kind:
        attributes["kind"] = kind
    root = E.register(
        *[
            E.entry(
                E.registerNumber(row["register_number"] or ""),
                E.date(row["date"] or ""),
                E.kind(row["kind"] or ""),
                E.caseReference(row["case_reference"] or ""),
                E.familyName(row["family_name"] or ""),
                E.signer(row["signer"] or ""),
                E.uid(row["UID"]),
                year=str(row["year"]),
                n=str(row["n"]),
            )
            for row in rows
        ],
        **attributes,
    )
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


class RegisterGet(Service):
    def render(self):
        if self.request.form.get("format") != "xml":
            return super().render()
        self.check_permission()
        try:
            year, kind = self._filters()
        except SignatureError as error:
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps(refusal(self.request, error))
        response = self.request.response
        response.setHeader("Content-Type", "application/xml")
        name = f"rejestr-decyzji{f'-{year}' if year else ''}.xml"
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        return register_xml(entries(year, kind), year, kind)

    def reply(self):
        try:
            year, kind = self._filters()
        except SignatureError as error:
            return refusal(self.request, error)
        rows = entries(year, kind)
        return {
            "@id": f"{self.context.absolute_url()}/@register",
            "title": translate(
                _("title_decision_register", default="Register of decisions"),
                context=self.request,
            ),
            "items": rows,
            "items_total": len(rows),
        }

    def _filters(self):
        form = self.request.form
        year = _year(form.get("year"))
        kind = form.get("kind") or None
        if kind is not None and kind not in KINDS:
            raise SignatureError(
                "register_filter_invalid",
                "The filter ${name}=${value} is not valid.",
                name="kind",
                value=kind,
            )
        return year, kind
