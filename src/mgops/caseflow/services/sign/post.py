"""``POST <decision>/@sign`` {"password": "…"}: the head signs in the server."""

from plone.restapi.deserializer import json_body
from plone.restapi.services import Service

from mgops.caseflow.services.csrf import refuse_cross_site
from mgops.caseflow.signing.signing import sign_in_server
from mgops.caseflow.signing.signing import signed_summary


class SignPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - any unreadable body is simply no password
            body = {}
        password = body.get("password") if isinstance(body, dict) else None
        result = sign_in_server(self.context, password)
        return signed_summary(self.context, result)
