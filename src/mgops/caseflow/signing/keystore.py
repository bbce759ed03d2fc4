"""The head's PKCS#12 keystore, opened with the password typed at signing time.

The password only passes through: it is never stored, logged or put into an error,
and the library's own error is dropped so no traceback carries the keystore's bytes.
"""

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from mgops.caseflow.signing.errors import KeystoreError


@dataclass(frozen=True, repr=False)
class Keystore:
    """The signing key, its certificate and the CA certificates that came with it."""

    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


def load_keystore(data: bytes, password: str) -> Keystore:
    """Open a PKCS#12 keystore; raise ``KeystoreError`` if it cannot sign decisions."""
    try:
        loaded = pkcs12.load_pkcs12(data, password.encode("utf-8") or None)
    except ValueError:
        raise KeystoreError(
            "keystore_password_wrong",
            "The keystore could not be opened: the password is wrong "
            "or the file is not a PKCS#12 keystore.",
        ) from None
    if loaded.key is None or loaded.cert is None:
        raise KeystoreError(
            "keystore_incomplete",
            "The keystore must hold a private key and its certificate.",
        )
    if not isinstance(loaded.key, rsa.RSAPrivateKey):
        raise KeystoreError(
            "key_not_rsa",
            "Only RSA keys can sign decisions.",
        )
    return Keystore(
        private_key=loaded.key,
        certificate=loaded.cert.certificate,
        chain=tuple(extra.certificate for extra in loaded.additional_certs),
    )
