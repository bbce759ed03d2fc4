"""POST @signing-keys: a head stores their keystore; the Manager extends the trust list.

Body ``{"keystore": <base64 PKCS#12>, "password": "…"}``: the keystore must open
with the password and hold a certificate that chains to a trusted CA and names
the head; its certificate is registered for the head
(``signing.keys.store_own_keystore``). With ``"user": "<user id>"`` the
administrator stores it for that user, confirming whose it is.
Body ``{"certificate": <PEM text, or the .cer/.crt/.pem file in base64>}``
registers a certificate alone, with no key (a smart card's): it must name the
head, or the administrator confirms it with ``"user"``
(``signing.keys.register_own_certificate``); the head then signs outside and
uploads. Body ``{"trusted_ca": <PEM>}`` (Manager only) adds a CA to the trust
list; ``{"trusted_list": <the ETSI TS 119 612 XML in base64>}`` (Manager only)
installs the national trusted list once its signature verifies.
"""

import base64
import binascii

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service

from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.services.csrf import refuse_cross_site
from mgops.caseflow.signing.keys import describe
from mgops.caseflow.signing.keys import install_trusted_list
from mgops.caseflow.signing.keys import register_own_certificate
from mgops.caseflow.signing.keys import store_own_keystore
from mgops.caseflow.signing.keys import trust_ca
from mgops.caseflow.signing.keys import trust_list


def _bad_body() -> CaseflowError:
    return CaseflowError(
        "error_signing_keys_body",
        'Send {"keystore": <PKCS#12 in base64>, "password": …}, '
        '{"certificate": <the certificate file in base64, or PEM>} '
        'or, as the administrator, {"trusted_ca": <PEM>}.',
    )


def _certificate_bytes(value) -> bytes:
    """PEM text as it is; anything else is the file in base64."""
    if isinstance(value, str) and value.lstrip().startswith("-----BEGIN"):
        return value.encode("ascii", "replace")
    return _base64_bytes(value)


def _base64_bytes(encoded) -> bytes:
    """A file sent in base64; anything else is no file (refused as such)."""
    try:
        return base64.b64decode(encoded or "", validate=True)
    except (binascii.Error, ValueError, TypeError):
        return b""


class SigningKeysPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - an unreadable body is a bad request
            body = None
        if not isinstance(body, dict):
            raise _bad_body()
        if "trusted_list" in body:
            return {
                "trusted_services": install_trusted_list(
                    _base64_bytes(body["trusted_list"])
                ),
                "trusted_cas": trust_list(),
            }
        if "trusted_ca" in body:
            trust_ca(body["trusted_ca"] or "")
            return {"trusted_cas": trust_list()}
        user_id = str(body.get("user") or api.user.get_current().getId())
        if "keystore" in body:
            certificate = store_own_keystore(
                user_id, _base64_bytes(body["keystore"]), body.get("password") or ""
            )
            return {"user": user_id, "certificate": describe(certificate)}
        if "certificate" in body:
            certificate = register_own_certificate(
                user_id, _certificate_bytes(body["certificate"])
            )
            return {"user": user_id, "certificate": describe(certificate)}
        raise _bad_body()
