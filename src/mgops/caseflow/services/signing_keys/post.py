"""POST @signing-keys: a head stores their keystore; the Manager extends the trust list.

Body ``{"keystore": <base64 PKCS#12>, "password": "…"}``: the keystore must open
with the password and hold a certificate that chains to a trusted CA; its
certificate is registered for the head. The password only opens the keystore to
check it: it is neither stored nor logged. Body ``{"trusted_ca": <PEM>}``
(Manager only) adds a CA to the trust list.
"""

import base64
import binascii
import datetime

from cryptography.hazmat.primitives.serialization import Encoding
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides

from mgops.caseflow import _
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.keystore import load_keystore
from mgops.caseflow.core.signing.trust import check_signer_certificate
from mgops.caseflow.services.errors import error
from mgops.caseflow.services.signing_keys.get import describe
from mgops.caseflow.signing.keys import add_trusted_ca
from mgops.caseflow.signing.keys import register_certificate
from mgops.caseflow.signing.keys import store_keystore
from mgops.caseflow.signing.keys import trusted_cas
from mgops.caseflow.signing.rest import refusal


class SigningKeysPost(Service):
    def reply(self):
        # A JSON API call, authenticated per request like plone.restapi's own
        # POSTs, which carry no CSRF token either.
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - an unreadable body is a bad request
            body = None
        if not isinstance(body, dict):
            return self._bad_request()
        if "trusted_ca" in body:
            return self._add_trusted_ca(body["trusted_ca"])
        if "keystore" in body:
            return self._store_keystore(body["keystore"], body.get("password"))
        return self._bad_request()

    def _bad_request(self):
        return error(
            self.request,
            400,
            "BadRequest",
            translate(
                _(
                    "error_signing_keys_body",
                    default='Send {"keystore": <PKCS#12 in base64>, "password": …} '
                    'or, as the administrator, {"trusted_ca": <PEM>}.',
                ),
                context=self.request,
            ),
        )

    def _add_trusted_ca(self, pem):
        if not api.user.has_permission("Manage portal", obj=self.context):
            return error(
                self.request,
                403,
                "Forbidden",
                translate(
                    _(
                        "error_trust_list_manager_only",
                        default="Only the administrator changes the list of "
                        "trusted certification authorities.",
                    ),
                    context=self.request,
                ),
            )
        try:
            add_trusted_ca(pem or "")
        except SignatureError as refused:
            return refusal(self.request, refused)
        return {"trusted_cas": [describe(c) for c in trusted_cas()]}

    def _store_keystore(self, encoded, password):
        user_id = api.user.get_current().getId()
        try:
            data = base64.b64decode(encoded or "", validate=True)
        except (binascii.Error, ValueError, TypeError):
            data = b""
        try:
            keystore = load_keystore(data, password or "")
            check_signer_certificate(
                keystore.certificate,
                keystore.chain,
                trusted_cas(),
                [keystore.certificate],
                datetime.datetime.now(datetime.UTC),
            )
            store_keystore(user_id, data)
            register_certificate(
                user_id, keystore.certificate.public_bytes(Encoding.PEM)
            )
        except SignatureError as refused:
            return refusal(self.request, refused)
        return {"user": user_id, "certificate": describe(keystore.certificate)}
