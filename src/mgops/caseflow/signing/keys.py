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

import datetime

from BTrees.OOBTree import OOBTree
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.holder import check_certificate_names
from mgops.caseflow.core.signing.keystore import load_keystore
from mgops.caseflow.core.signing.qualified import check_qualified
from mgops.caseflow.core.signing.revocation import revocation_mode
from mgops.caseflow.core.signing.revocation import validate_path
from mgops.caseflow.core.signing.trust import check_signer_certificate
from mgops.caseflow.core.signing.trust import signer_label
from mgops.caseflow.core.signing.trusted_list import QUALIFIED_CA
from mgops.caseflow.core.signing.trusted_list import read_trusted_list
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import setting
from mgops.caseflow.signing.policy import signing_policy


ANNOTATION_KEY = "mgops.caseflow.signing_keys"
TRUST_RECORD = f"{PREFIX}.trusted_ca_certificates"
#: who may store a keystore for another user, confirming whose it is
ADMINISTRATORS = ("Manager", "Site Administrator")


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


def trust_ca(pem: bytes | str) -> None:
    """``add_trusted_ca`` for the administrator only: a head manages their own
    keys, never whom the site trusts."""
    if not api.user.has_permission("Manage portal", obj=api.portal.get()):
        raise NotAllowed(
            "error_trust_list_manager_only",
            "Only the administrator changes the list of trusted certification "
            "authorities.",
        )
    add_trusted_ca(pem)


def install_trusted_list(data: bytes) -> list[dict]:
    """Install the national trusted list (``core.signing.trusted_list``):
    administrator only, its signature checked against the setting
    ``trusted_list_signing_certificates``. The qualified CAs whose current
    status is granted join the trust list, the granted qualified TSAs the TSA
    certificates; every service's status history is kept and shown."""
    _check_manager()
    text = setting("trusted_list_signing_certificates") or ""
    signers = _load_certificates(text) if text.strip() else []
    services = read_trusted_list(bytes(data or b""), signers)
    tsa_pems = setting("tsa_certificates") or ""
    for service in (s for s in services if s.granted):
        for certificate in service.certificates:
            pem = certificate.public_bytes(Encoding.PEM).decode("ascii")
            if service.service_type == QUALIFIED_CA:
                add_trusted_ca(pem)
            elif pem not in tsa_pems:
                tsa_pems += pem
    api.portal.set_registry_record(f"{PREFIX}.tsa_certificates", tsa_pems)
    summary = [
        {
            "name": service.name,
            "type": service.service_type,
            "certificates": [describe(c) for c in service.certificates],
            "history": [
                {"status": p.status, "since": p.since.isoformat()}
                for p in service.history
            ],
        }
        for service in services
    ]
    _keys(create=True).trusted_services = summary
    return summary


def trusted_services() -> list[dict]:
    """The services of the installed trusted list, as it was installed."""
    keys = _keys()
    return list(getattr(keys, "trusted_services", None) or [])


def _check_manager() -> None:
    if not api.user.has_permission("Manage portal", obj=api.portal.get()):
        raise NotAllowed(
            "error_trust_list_manager_only",
            "Only the administrator changes the list of trusted certification "
            "authorities.",
        )


def _is_administrator() -> bool:
    return bool(set(api.user.get_roles()) & set(ADMINISTRATORS))


def _profile_pesel(user) -> str | None:
    """The PESEL of the user's profile, where the site's profiles hold one."""
    return (user.getProperty("pesel", None) or "").strip() or None


def _holder(user_id: str):
    """The user a certificate is registered for, and whether the acting user
    is the administrator confirming it for someone else."""
    acting = api.user.get_current().getId()
    confirmed = user_id != acting
    if confirmed and not _is_administrator():
        raise NotAllowed(
            "error_keystore_for_another_user",
            "Only the administrator stores a keystore for another user.",
        )
    user = api.user.get(userid=user_id)
    if user is None:
        raise CaseflowError(
            "error_keystore_unknown_user",
            "There is no user ${user}.",
            user=user_id,
        )
    return user, confirmed


def _check_may_register(
    certificate: x509.Certificate, chain, user, confirmed: bool
) -> None:
    """Chains to a trusted CA now, qualified and not revoked where the centre's
    settings ask it (``core.signing.revocation``, OCSP or CRL asked now), and,
    unless the administrator confirms it, names the user
    (``core.signing.holder``)."""
    now = datetime.datetime.now(datetime.UTC)
    check_signer_certificate(certificate, chain, trusted_cas(), [certificate], now)
    policy = signing_policy()
    signer = signer_label(certificate)
    if policy.qualified_only:
        check_qualified(certificate, signer, policy.require_sscd)
    validate_path(
        certificate,
        chain,
        trusted_cas(),
        now,
        signer=signer,
        revocation_mode=revocation_mode(policy.qualified_only),
        timeout=policy.timeout,
    )
    if not confirmed:
        check_certificate_names(
            certificate, user.getProperty("fullname") or "", _profile_pesel(user)
        )


def store_own_keystore(user_id: str, data: bytes, password: str) -> x509.Certificate:
    """Keep a head's keystore and register its certificate, once it proves usable.

    It must open with ``password`` and hold a certificate that may sign now
    (``_check_may_register``), so a head learns of a wrong file when storing
    it, not when signing. For another user only an administrator stores one,
    and by doing so confirms it is theirs. The password only opens the
    keystore here: it is neither stored nor logged.
    """
    user, confirmed = _holder(user_id)
    keystore = load_keystore(data, password)
    _check_may_register(keystore.certificate, keystore.chain, user, confirmed)
    store_keystore(user_id, data)
    register_certificate(user_id, keystore.certificate.public_bytes(Encoding.PEM))
    return keystore.certificate


def load_certificate_file(data: bytes) -> list[x509.Certificate]:
    """The certificates of a ``.cer``/``.crt``/``.pem`` file, DER or PEM (the
    signer's first, then any CA certificates the file carries)."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise SignatureError(
            "certificate_file_invalid",
            "The file is not a certificate (.cer, .crt or .pem, DER or PEM).",
        ) from None


def register_own_certificate(user_id: str, data: bytes) -> x509.Certificate:
    """Register a head's certificate alone, without a key (a smart card's).

    Bound to the user by the rule of ``core.signing.holder`` (the subject's name
    is the user's full name; a PESEL in its serialNumber is the profile's), or
    confirmed by the administrator registering it for them; it must chain to a
    trusted CA and, where the centre's settings ask it, be qualified and not
    revoked. The head then signs outside and uploads (``@signed-upload``).
    """
    user, confirmed = _holder(user_id)
    certificate, *chain = load_certificate_file(bytes(data or b""))
    _check_may_register(certificate, chain, user, confirmed)
    register_certificate(user_id, certificate.public_bytes(Encoding.PEM))
    return certificate


def describe(certificate: x509.Certificate) -> dict:
    """A certificate as a person checks it: whose, from whom, which, how long."""
    return {
        "subject": certificate.subject.rfc4514_string(),
        "issuer": certificate.issuer.rfc4514_string(),
        "serial": format(certificate.serial_number, "x"),
        "sha256": certificate.fingerprint(hashes.SHA256()).hex(),
        "valid_from": certificate.not_valid_before_utc.isoformat(),
        "valid_to": certificate.not_valid_after_utc.isoformat(),
    }


def trust_list() -> list[dict]:
    """The trusted CAs, described."""
    return [describe(certificate) for certificate in trusted_cas()]


def keys_of(user_id: str) -> dict:
    """What is kept for ``user_id`` (never the keystore itself), and the trust list."""
    return {
        "user": user_id,
        "certificates": [describe(c) for c in certificates_for(user_id)],
        "keystore_stored": keystore_for(user_id) is not None,
        "trusted_cas": trust_list(),
        "trusted_services": trusted_services(),
    }
