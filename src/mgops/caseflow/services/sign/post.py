"""``POST <decision>/@sign`` {"password": "…"}: the head signs in the server."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.signing.rest import refusal
from mgops.caseflow.signing.rest import verification_summary
from mgops.caseflow.signing.signing import sign_in_server


class SignPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - any unreadable body is simply no password
            body = {}
        password = body.get("password") if isinstance(body, dict) else None
        try:
            result = sign_in_server(self.context, password)
        except SignatureError as error:
            return refusal(self.request, error)
        return {
            "register_number": self.context.register_number,
            "review_state": "signed",
            "verification": verification_summary(result),
        }
