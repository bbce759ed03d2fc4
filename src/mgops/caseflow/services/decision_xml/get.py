"""``GET <decision>/@decision-xml``: the XML to sign, or the signed XML as kept.

A signed decision gives its signed file byte for byte. A draft or pending one
gives the unsigned XML with the register number and date the next signature
would get now (see ``signing.signing`` for why nothing is reserved); the
``X-Register-Number-Note`` header and ``register_number`` in the file say so.
"""

from plone import api
from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.signing.signing import SIGNED
from mgops.caseflow.signing.signing import signed_xml
from mgops.caseflow.signing.signing import unsigned_xml


class DecisionXmlGet(Service):
    def render(self):
        self.check_permission()
        response = self.request.response
        signed = api.content.get_state(obj=self.context) == SIGNED
        data = signed_xml(self.context) if signed else unsigned_xml(self.context)
        uid = self.context.UID()
        name = f"decyzja-{uid}{'' if signed else '-do-podpisu'}.xml"
        response.setHeader("Content-Type", "application/xml")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        if not signed:
            note = _(
                "note_register_number_on_upload",
                default="The register number in this file is the one the next "
                "signed decision gets; if another decision is signed first, "
                "download the file again before you sign it.",
            )
            # HTTP headers are Latin-1: the note's text goes in the English default.
            response.setHeader(
                "X-Register-Number-Note",
                translate(note, target_language="en").encode("ascii", "replace"),
            )
        return data
