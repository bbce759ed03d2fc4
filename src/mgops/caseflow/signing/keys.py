"""Heads' certificates and keystores, and the trust list.

Stored in an annotation of the site, keyed by user id:

* ``certificates``: every certificate ever registered for a user (PEM). None is
  dropped when a new one comes, so decisions signed with an old certificate stay
  verifiable for as long as the record is kept.
* ``keystores``: the user's PKCS#12 keystore, exactly as uploaded. It stays
  encrypted with the keystore's own password, which the head types at each
  signing; the password is never stored or logged here or anywhere else.

The trust list (CA certificates, PEM) is the centre's setting
``trusted_ca_certificates``, a registry record; @signing-keys adds to it.
"""

from BTrees.OOBTree import OOBTree
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import setting


ANNOTATION_KEY = "mgops.caseflow.signing_keys"
TRUST_RECORD = f"{PREFIX}.trusted_ca_certificates"


class SigningKeys(Persistent):
    def __init__(self):
        self.certificates = OOBTree()
        self.keystores = OOBTree()


def _keys(create: bool = False) -> SigningKeys | None:
    annotations = IAnnotations(api.portal.get())
    keys = annotations.get(ANNOTATION_KEY)
    if keys is None and create:
        keys = annotations[ANNOTATION_KEY] = SigningKeys()
    return keys


def _load_certificates(pem: bytes | str) -> list[x509.Certificate]:
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError:
        raise SignatureError(
            "certificate_pem_invalid",
            "The text is not a certificate in PEM format.",
        ) from None


def register_certificate(user_id: str, pem: bytes | str) -> x509.Certificate:
    """Register the certificate ``pem`` for ``user_id`` (again: no duplicate)."""
    (certificate,) = _load_certificates(pem)[:1]
    text = certificate.public_bytes(Encoding.PEM).decode("ascii")
    keys = _keys(create=True)
    registered = keys.certificates.get(user_id)
    if registered is None:
        registered = keys.certificates[user_id] = PersistentList()
    if text not in registered:
        registered.append(text)
    return certificate


def certificates_for(user_id: str) -> list[x509.Certificate]:
    keys = _keys()
    if keys is None or not user_id:
        return []
    return [
        x509.load_pem_x509_certificate(pem.encode("ascii"))
        for pem in keys.certificates.get(user_id, ())
    ]


def store_keystore(user_id: str, data: bytes) -> None:
    """Keep the user's PKCS#12 keystore as it is (encrypted by its own password)."""
    if not data:
        raise SignatureError(
            "keystore_missing",
            "No keystore is stored for you; sign outside the system and upload "
            "the signed file, or ask the administrator to store your keystore.",
        )
    _keys(create=True).keystores[user_id] = bytes(data)


def keystore_for(user_id: str) -> bytes | None:
    keys = _keys()
    return None if keys is None else keys.keystores.get(user_id)


def trusted_cas() -> list[x509.Certificate]:
    certificates = []
    for pem in setting("trusted_ca_certificates"):
        certificates.extend(_load_certificates(pem))
    return certificates


def add_trusted_ca(pem: bytes | str) -> None:
    """Append the CA certificate(s) in ``pem`` to the trust list."""
    current = list(setting("trusted_ca_certificates"))
    for certificate in _load_certificates(pem):
        text = certificate.public_bytes(Encoding.PEM).decode("ascii")
        if text not in current:
            current.append(text)
    api.portal.set_registry_record(TRUST_RECORD, current)
