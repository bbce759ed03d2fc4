"""GET @signing-keys: the current head's certificates and keystore, the trust list."""

from cryptography.hazmat.primitives import hashes
from plone import api
from plone.restapi.services import Service

from mgops.caseflow.signing.keys import certificates_for
from mgops.caseflow.signing.keys import keystore_for
from mgops.caseflow.signing.keys import trusted_cas


def describe(certificate) -> dict:
    return {
        "subject": certificate.subject.rfc4514_string(),
        "issuer": certificate.issuer.rfc4514_string(),
        "serial": format(certificate.serial_number, "x"),
        "sha256": certificate.fingerprint(hashes.SHA256()).hex(),
        "valid_from": certificate.not_valid_before_utc.isoformat(),
        "valid_to": certificate.not_valid_after_utc.isoformat(),
    }


class SigningKeysGet(Service):
    def reply(self):
        user_id = api.user.get_current().getId()
        return {
            "@id": f"{self.context.absolute_url()}/@signing-keys",
            "user": user_id,
            "certificates": [describe(c) for c in certificates_for(user_id)],
            "keystore_stored": keystore_for(user_id) is not None,
            "trusted_cas": [describe(c) for c in trusted_cas()],
        }
