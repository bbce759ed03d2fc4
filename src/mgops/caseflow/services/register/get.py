"""``GET @register[?year=2026&kind=end_work&format=xml]``: the register of decisions.

Signed decisions in register order (year, then number), each with its number,
date, kind, family and signer (``signing.register``). ``format=xml`` gives the
same list as an XML document.
"""

from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.signing.register import entries
from mgops.caseflow.signing.register import parse_filters
from mgops.caseflow.signing.register import register_xml


class RegisterGet(Service):
    def render(self):
        if self.request.form.get("format") != "xml":
            return super().render()
        self.check_permission()
        year, kind = parse_filters(self.request.form)
        response = self.request.response
        response.setHeader("Content-Type", "application/xml")
        name = f"rejestr-decyzji{f'-{year}' if year else ''}.xml"
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        return register_xml(year, kind)

    def reply(self):
        rows = entries(*parse_filters(self.request.form))
        return {
            "@id": f"{self.context.absolute_url()}/@register",
            "title": translate(
                _("title_decision_register", default="Register of decisions"),
                context=self.request,
            ),
            "items": rows,
            "items_total": len(rows),
        }
