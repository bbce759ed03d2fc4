"""Is the signer's certificate one we accept for a decision, at the signing time?

Three checks, each with its own reason: the certificate is registered for a head,
it was valid at the signing time, and it chains to a CA of the trust list at that
time. The chain is built by cryptography's verifier with policies for signing
certificates rather than its web defaults (which want a DNS name and refuse
qualified certificates that only carry nonRepudiation).
"""

import datetime
from collections.abc import Iterable

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import verification
from cryptography.x509.oid import NameOID

from mgops.caseflow.core.signing.errors import VerificationError


def signer_label(certificate: x509.Certificate) -> str:
    """The certificate's common name, or its whole subject if it has none."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def utc_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def not_valid_at(
    certificate: x509.Certificate, signer: str, at: datetime.datetime
) -> VerificationError:
    return VerificationError(
        "certificate_not_valid_at_signing_time",
        "The certificate of ${signer} was not valid at the signing time "
        "${signing_time} (valid from ${not_before} to ${not_after}).",
        signer=signer,
        signing_time=utc_text(at),
        not_before=utc_text(certificate.not_valid_before_utc),
        not_after=utc_text(certificate.not_valid_after_utc),
    )


def untrusted(signer: str) -> VerificationError:
    return VerificationError(
        "certificate_untrusted",
        "The certificate of ${signer} does not chain to a trusted "
        "certification authority.",
        signer=signer,
    )


def _allows_signing(policy, certificate, key_usage: x509.KeyUsage) -> None:
    if not (key_usage.digital_signature or key_usage.content_commitment):
        raise ValueError("the certificate's key usage does not allow signing")


def _allows_issuing(policy, certificate, key_usage: x509.KeyUsage | None) -> None:
    if key_usage is not None and not key_usage.key_cert_sign:
        raise ValueError("the CA certificate's key usage does not allow issuing")


_SIGNER_POLICY = verification.ExtensionPolicy.permit_all().require_present(
    x509.KeyUsage, verification.Criticality.AGNOSTIC, _allows_signing
)
_CA_POLICY = (
    verification.ExtensionPolicy.permit_all()
    .require_present(x509.BasicConstraints, verification.Criticality.AGNOSTIC, None)
    .may_be_present(x509.KeyUsage, verification.Criticality.AGNOSTIC, _allows_issuing)
)


def _chains_to_trusted_ca(
    certificate: x509.Certificate,
    intermediates: list[x509.Certificate],
    trusted_ca_certs: list[x509.Certificate],
    at: datetime.datetime,
) -> bool:
    if not trusted_ca_certs:
        return False
    verifier = (
        verification.PolicyBuilder()
        .store(verification.Store(trusted_ca_certs))
        .time(at)
        .extension_policies(ca_policy=_CA_POLICY, ee_policy=_SIGNER_POLICY)
        .build_client_verifier()
    )
    try:
        verifier.verify(certificate, intermediates)
    except verification.VerificationError:
        return False
    return True


def check_signer_certificate(
    certificate: x509.Certificate,
    intermediates: Iterable[x509.Certificate],
    trusted_ca_certs: Iterable[x509.Certificate],
    allowed_signer_certs: Iterable[x509.Certificate],
    at: datetime.datetime,
) -> None:
    """Raise ``VerificationError`` unless ``certificate`` may sign a decision ``at``."""
    signer = signer_label(certificate)
    der = certificate.public_bytes(Encoding.DER)
    if not any(
        allowed.public_bytes(Encoding.DER) == der for allowed in allowed_signer_certs
    ):
        raise VerificationError(
            "certificate_not_registered",
            "The certificate of ${signer} is not registered for a head of the centre.",
            signer=signer,
        )
    if not certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc:
        raise not_valid_at(certificate, signer, at)
    if not _chains_to_trusted_ca(
        certificate, list(intermediates), list(trusted_ca_certs), at
    ):
        raise untrusted(signer)
