"""Certificates and keystores for the tests, made at run time (no key is committed).

Used by the integration, functional and browser signing tests; made with the
demo CA functions, like ``tests/unit/core/signing/conftest.py``.
"""

import datetime
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from plone import api

from mgops.caseflow.core.signing.democa import issue_certificate
from mgops.caseflow.core.signing.democa import make_ca
from mgops.caseflow.core.signing.democa import make_keystore
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.signing.keys import add_trusted_ca
from mgops.caseflow.signing.keys import register_certificate
from mgops.caseflow.signing.keys import store_keystore


KEYSTORE_PASSWORD = "tajne-Haslo-456"


@dataclass(frozen=True)
class Holder:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(Encoding.PEM)


@dataclass(frozen=True)
class Pki:
    ca: Holder
    head: Holder
    head2: Holder
    other_person: Holder
    expired_head: Holder
    stranger_ca: Holder
    stranger: Holder

    def keystore(self, holder: Holder, password: str = KEYSTORE_PASSWORD) -> bytes:
        return make_keystore(
            holder.key, holder.certificate, (self.ca.certificate,), password
        )


def issue_for(pki: Pki, common_name: str, **subject) -> Holder:
    """A current certificate from the test CA; ``subject``: ``given_name``,
    ``surname``, ``pesel`` (as serialNumber ``PNOPL-<pesel>``)."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    oids = {
        "given_name": NameOID.GIVEN_NAME,
        "surname": NameOID.SURNAME,
        "pesel": NameOID.SERIAL_NUMBER,
    }
    extra = tuple(
        x509.NameAttribute(oids[name], f"PNOPL-{value}" if name == "pesel" else value)
        for name, value in subject.items()
    )
    day = datetime.timedelta(days=1)
    return Holder(
        *issue_certificate(
            pki.ca.key,
            pki.ca.certificate,
            common_name,
            now - day,
            now + 365 * day,
            extra,
        )
    )


def make_pki() -> Pki:
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    day = datetime.timedelta(days=1)
    ca = Holder(*make_ca("Test CA", now - 3000 * day, now + 3000 * day))
    stranger_ca = Holder(*make_ca("Stranger CA", now - 3000 * day, now + 3000 * day))

    def issue(issuer, name, start, end):
        return Holder(
            *issue_certificate(issuer.key, issuer.certificate, name, start, end)
        )

    return Pki(
        ca=ca,
        head=issue(ca, "Ewa Kierownik", now - 30 * day, now + 365 * day),
        head2=issue(ca, "Zofia Zastępczyni", now - 30 * day, now + 365 * day),
        other_person=issue(ca, "Piotr Inny", now - 30 * day, now + 365 * day),
        expired_head=issue(ca, "Ewa Kierownik", now - 730 * day, now - 365 * day),
        stranger_ca=stranger_ca,
        stranger=issue(stranger_ca, "Ewa Kierownik", now - 30 * day, now + 365 * day),
    )


def install_pki(pki: Pki, heads=(("head", "head"),)) -> None:
    """Trust the test CA; register certificates and keystores of the heads.

    ``heads``: (user id, attribute of ``pki``) pairs. The expired and the
    stranger's certificates are registered for ``head`` too, so that the checks
    that refuse them are the validity and the chain, not the registration.
    """
    add_trusted_ca(pki.ca.pem)
    for user_id, name in heads:
        holder = getattr(pki, name)
        register_certificate(user_id, holder.pem)
        store_keystore(user_id, pki.keystore(holder))
    register_certificate("head", pki.expired_head.pem)
    register_certificate("head", pki.stranger.pem)


def install_qualified(mock_pki, label="head", tsa_url=None, keystore=True) -> None:
    """The office's settings against the mock PKI (``tests/mockpki.py``):
    qualified signatures only, on an SSCD, every one timestamped by its TSA
    (or ``tsa_url``), the mock national root trusted; with ``keystore``, the
    certificate ``label`` registered for ``head`` with its keystore."""
    add_trusted_ca(mock_pki.pem("root"))
    for name, value in {
        "signatures_qualified_only": True,
        "signatures_require_sscd": True,
        "timestamp_required": True,
        "tsa_url": tsa_url or mock_pki.tsa_url,
        "tsa_certificates": mock_pki.pem("tsa").decode("ascii"),
        "revocation_timeout": 2,
    }.items():
        api.portal.set_registry_record(f"{PREFIX}.{name}", value)
    if not keystore:
        return
    register_certificate("head", mock_pki.pem(label))
    store_keystore(
        "head",
        make_keystore(
            mock_pki.key(label),
            mock_pki.certificate(label),
            mock_pki.chain(label),
            KEYSTORE_PASSWORD,
        ),
    )
