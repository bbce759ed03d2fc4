"""Verification of a signed decision, whoever signed it and with whatever tool.

Order of the checks: the file is safe XML with exactly one enveloped signature;
the signature value and every reference hold (signxml); the signed document is
exactly the expected decision; the signing time is sane; the certificate is a
registered head's, was valid then and chains to a trusted CA. With the centre's
``Policy``, also: a timestamp the signature carries (XAdES-T) is checked and its
time becomes the signing time, the certificate is qualified where the centre
asks it, and its path is validated with revocation as of that time
(``revocation``: fetched at signing, from the signature's own values later).
Each failure raises ``VerificationError`` with its own reason, so the head
learns what is wrong.

signxml is asked to verify with the certificate found in KeyInfo and to leave
certificate validity alone (its ``verification_time`` is the certificate's first
valid instant): the time that matters is the signing time, which is trusted only
once the signed properties are verified, and ``trust`` judges it with its reason.
"""

import base64
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from lxml import etree
from signxml import InvalidDigest
from signxml import InvalidSignature
from signxml.exceptions import SignXMLException
from signxml.xades import XAdESSignatureConfiguration
from signxml.xades import XAdESVerifier
from signxml.xades import XAdESVerifyResult

from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.errors import malformed_signature
from mgops.caseflow.core.signing.qualified import check_qualified
from mgops.caseflow.core.signing.revocation import DEFAULT_TIMEOUT
from mgops.caseflow.core.signing.revocation import ValidationData
from mgops.caseflow.core.signing.revocation import revocation_mode
from mgops.caseflow.core.signing.revocation import validate_path
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.timestamp import check_timestamp
from mgops.caseflow.core.signing.trust import check_signer_certificate
from mgops.caseflow.core.signing.trust import signer_label
from mgops.caseflow.core.signing.unsigned import timestamped_data
from mgops.caseflow.core.signing.unsigned import timestamps
from mgops.caseflow.core.signing.unsigned import validation_data
from mgops.caseflow.core.signing.xades import C14N
from mgops.caseflow.core.signing.xades import DS_NAMESPACE
from mgops.caseflow.core.signing.xades import NAMESPACES


ALLOWED_CLOCK_SKEW = datetime.timedelta(minutes=5)
_SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"


@dataclass(frozen=True)
class Policy:
    """What the centre asks of a signature beyond the XAdES-BES checks.

    ``qualified_only``: the certificate must be qualified (``qualified``), and
    every certificate of its path must have a revocation status; ``require_sscd``:
    its key on a qualified signature creation device; ``tsa_anchors``: the
    certificates a timestamp must be made with or chain to (beside the trusted
    CAs); ``fetch``: ask OCSP responders and CRL servers (at signing), or use only
    what the signature carries (later, offline).
    """

    qualified_only: bool = True
    require_sscd: bool = False
    tsa_anchors: tuple[x509.Certificate, ...] = ()
    fetch: bool = False
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class VerificationResult:
    """Who signed, when, with which certificate: made only when every check passed.

    ``signing_time`` is the timestamp's time where the signature has one (the
    proven time, ``timestamped``), else the time the signer's tool wrote;
    ``validation``: the path and revocation answers that proved the certificate
    good then (empty without a ``Policy``).
    """

    signer_common_name: str
    signer_subject: str
    issuer: str
    certificate_serial: str
    certificate_sha256: str
    signing_time: datetime.datetime
    timestamped: bool = False
    validation: ValidationData = field(default_factory=ValidationData)


class _DecisionVerifier(XAdESVerifier):
    """signxml's XAdES verifier that says which reference no longer matches."""

    def _verify_reference(self, reference, *args, **kwargs):
        try:
            return super()._verify_reference(reference, *args, **kwargs)
        except InvalidDigest:
            raise _reference_changed(reference) from None


def _reference_changed(reference: etree._Element) -> VerificationError:
    if reference.get("URI") == "":
        return VerificationError(
            "document_changed", "The decision was changed after it was signed."
        )
    if reference.get("Type") == _SIGNED_PROPERTIES_TYPE:
        return VerificationError(
            "signed_properties_changed",
            "The signing time or the signer's certificate reference "
            "was changed after signing.",
        )
    return VerificationError(
        "signed_reference_changed",
        "A signed part of the file (${uri}) was changed after signing.",
        uri=reference.get("URI"),
    )


def _the_signature(root: etree._Element) -> etree._Element:
    signatures = list(root.iter(f"{{{DS_NAMESPACE}}}Signature"))
    if not signatures:
        raise VerificationError(
            "signature_missing", "The file carries no XML signature."
        )
    if len(signatures) > 1:
        raise VerificationError(
            "signature_multiple",
            "The file carries ${count} signatures; exactly one is accepted.",
            count=len(signatures),
        )
    if signatures[0].getparent() is not root:
        raise VerificationError(
            "signature_not_enveloped",
            "The signature must be a direct child of the decision's root element.",
        )
    return signatures[0]


def _key_info_certificates(
    signature,
) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """The signer's certificate (it issued no other in KeyInfo) and the others."""
    texts = signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NAMESPACES)
    try:
        certificates = [
            x509.load_der_x509_certificate(
                base64.b64decode("".join((t.text or "").split()))
            )
            for t in texts
        ]
    except ValueError as error:
        raise malformed_signature(str(error)) from None
    leaves = [
        certificate
        for certificate in certificates
        if not any(
            other is not certificate and other.issuer == certificate.subject
            for other in certificates
        )
    ]
    if len(leaves) != 1:
        raise VerificationError(
            "signer_certificate_missing",
            "The signature does not carry the signer's certificate.",
        )
    return leaves[0], [c for c in certificates if c is not leaves[0]]


def _verified_references(root, signer_certificate) -> list:
    """signxml's result for every reference, in SignedInfo order, or why not."""
    config = XAdESSignatureConfiguration(
        location="./",
        expect_references=True,
        default_reference_c14n_method=C14N,
        verification_time=signer_certificate.not_valid_before_utc,
    )
    try:
        return _DecisionVerifier().verify(
            root, x509_cert=signer_certificate, expect_config=config
        )
    except VerificationError:
        raise
    except InvalidDigest:
        raise VerificationError(
            "signing_certificate_mismatch",
            "The certificate named in the signed properties is not the one "
            "that made the signature.",
        ) from None
    except InvalidSignature:
        raise VerificationError(
            "signature_invalid",
            "The signature value does not match: the signature is forged or damaged.",
        ) from None
    except (SignXMLException, etree.DocumentInvalid, ValueError) as error:
        raise malformed_signature(str(error)) from None


def _canonical(element: etree._Element | None) -> bytes | None:
    """Exclusive C14N: equal bytes whatever C14N or namespace layout the signer used."""
    if element is None:
        return None
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False)


def _check_signed_document(results: list, expected_root: etree._Element) -> None:
    references = results[0].signature_xml.findall(
        "ds:SignedInfo/ds:Reference", NAMESPACES
    )
    documents = [
        result
        for reference, result in zip(references, results, strict=True)
        if reference.get("URI") == ""
    ]
    if not documents:
        raise VerificationError(
            "document_not_signed",
            "The signature does not cover the whole decision.",
        )
    expected = _canonical(expected_root)
    if any(_canonical(document.signed_xml) != expected for document in documents):
        raise VerificationError(
            "content_mismatch",
            "The signed document is not this decision's XML.",
        )


def _signing_time(results: list, now: datetime.datetime) -> datetime.datetime:
    properties = next(
        r.signed_properties for r in results if isinstance(r, XAdESVerifyResult)
    )
    element = properties.find("xades:SigningTime", NAMESPACES)
    try:
        moment = datetime.datetime.fromisoformat(element.text.strip())
    except (AttributeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None:
        raise VerificationError(
            "signing_time_missing",
            "The signature carries no signing time with a time zone.",
        )
    if moment > now + ALLOWED_CLOCK_SKEW:
        raise VerificationError(
            "signing_time_in_future",
            "The signing time ${signing_time} is in the future.",
            signing_time=moment.astimezone(datetime.UTC).strftime(
                "%Y-%m-%d %H:%M:%S UTC"
            ),
        )
    return moment.astimezone(datetime.UTC)


def signer_certificate(signed_bytes: bytes) -> x509.Certificate:
    """The certificate the signature says it was made with (not yet verified)."""
    return _key_info_certificates(_the_signature(parse_untrusted(signed_bytes)))[0]


def _proven_time(
    root, claimed: datetime.datetime, anchors: list[x509.Certificate]
) -> datetime.datetime | None:
    """The time of the signature's timestamp, checked; None without one."""
    tokens = timestamps(root)
    if not tokens:
        return None
    proven = check_timestamp(tokens[0], timestamped_data(root), anchors)
    if claimed > proven + ALLOWED_CLOCK_SKEW:
        raise VerificationError(
            "signing_time_after_timestamp",
            "The signing time the signature states is later than its timestamp.",
        )
    return proven


def _validated_path(certificate, intermediates, root, trusted, at, policy):
    signer = signer_label(certificate)
    if policy.qualified_only:
        check_qualified(certificate, signer, policy.require_sscd)
    return validate_path(
        certificate,
        intermediates,
        trusted,
        at,
        signer=signer,
        revocation_mode=revocation_mode(policy.qualified_only),
        known=validation_data(root),
        fetch=policy.fetch,
        timeout=policy.timeout,
    )


def verify(
    signed_bytes: bytes,
    expected_unsigned_bytes: bytes,
    trusted_ca_certs: Iterable[x509.Certificate],
    allowed_signer_certs: Iterable[x509.Certificate],
    now: datetime.datetime | None = None,
    policy: Policy | None = None,
) -> VerificationResult:
    """Check ``signed_bytes`` against the decision XML it must sign.

    Raises ``VerificationError`` (or ``UnsafeXmlError`` for hostile XML) naming the
    first check that failed; ``now`` is for tests. With a ``policy``, a timestamp
    the signature carries is checked and its time is the signing time, the
    certificate must be qualified where the policy says so, and its path is
    validated with revocation as of that time.
    """
    root = parse_untrusted(signed_bytes)
    expected_root = parse_untrusted(expected_unsigned_bytes)
    signature = _the_signature(root)
    certificate, intermediates = _key_info_certificates(signature)
    results = _verified_references(root, certificate)
    _check_signed_document(results, expected_root)
    signing_time = _signing_time(results, now or datetime.datetime.now(datetime.UTC))
    trusted = list(trusted_ca_certs)
    proven = None
    if policy is not None:
        proven = _proven_time(root, signing_time, [*policy.tsa_anchors, *trusted])
        signing_time = proven or signing_time
    check_signer_certificate(
        certificate, intermediates, trusted, allowed_signer_certs, signing_time
    )
    validation = ValidationData()
    if policy is not None:
        validation = _validated_path(
            certificate, intermediates, root, trusted, signing_time, policy
        )
    return VerificationResult(
        signer_common_name=signer_label(certificate),
        signer_subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        certificate_serial=format(certificate.serial_number, "X"),
        certificate_sha256=certificate.fingerprint(hashes.SHA256()).hex().upper(),
        signing_time=signing_time,
        timestamped=proven is not None,
        validation=validation,
    )
