"""RFC 3161 timestamps: asked of the centre's TSA, and checked.

``request_timestamp`` sends a TimeStampReq (SHA-256 imprint, a nonce, the TSA's
certificate asked for) over HTTP and returns the TimeStampToken (CMS
SignedData) once the answer is granted, names our imprint and nonce, and
checks. ``check_timestamp`` is what a verifier does with a token: the imprint
is the hash of the data, the signer's certificate (RFC 5816 ESSCertID(v2) in
the signed attributes) made the CMS signature over the signed attributes whose
message digest is the hash of the TSTInfo, and that certificate is one of the
centre's TSA certificates or chains to one of them for time stamping
(``revocation.validate_path``). Its ``genTime`` is the proven signing time.
"""

import datetime
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass

import requests
from asn1crypto import cms
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.revocation import validate_path


#: seconds to wait for the TSA
DEFAULT_TIMEOUT = 10.0
_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


@dataclass(frozen=True)
class TsaSettings:
    """The centre's TSA: its address, optional HTTP Basic credentials, its
    certificates (the anchors its tokens must chain to)."""

    url: str
    certificates: tuple[x509.Certificate, ...] = ()
    username: str = ""
    password: str = ""
    timeout: float = DEFAULT_TIMEOUT


def tsa_unreachable(url: str, detail: str) -> SignatureError:
    return SignatureError(
        "timestamp_unavailable",
        "The time-stamping authority (${url}) did not give a timestamp "
        "(${detail}); the decision was not signed. Try again later or ask the "
        "administrator.",
        url=url,
        detail=detail,
    )


def request_timestamp(data: bytes, tsa: TsaSettings) -> bytes:
    """A TimeStampToken (DER) over ``data`` from the TSA, or ``SignatureError``.

    Only that it answers our request is checked here; the token itself is
    checked like any signature's (``check_timestamp``) once it is in place.
    """
    nonce = int.from_bytes(os.urandom(8), "big")
    request = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": hashlib.sha256(data).digest(),
            },
            "nonce": nonce,
            "cert_req": True,
        }
    )
    try:
        answer = requests.post(
            tsa.url,
            data=request.dump(),
            headers={"Content-Type": "application/timestamp-query"},
            auth=(tsa.username, tsa.password) if tsa.username else None,
            timeout=tsa.timeout,
        )
        answer.raise_for_status()
        response = tsp.TimeStampResp.load(answer.content)
        status = response["status"]["status"].native
        token = response["time_stamp_token"]
        if status not in ("granted", "granted_with_mods") or not token:
            raise ValueError(f"status {status}")
        info = token["content"]["encap_content_info"]["content"].parsed
        if info["nonce"].native != nonce:
            raise ValueError("the answer is not to our request (nonce)")
        token_der = token.dump()
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise tsa_unreachable(tsa.url, str(error) or type(error).__name__) from None
    return token_der


def _bad_token(detail: str) -> VerificationError:
    return VerificationError(
        "timestamp_invalid",
        "The signature's timestamp is not valid (${detail}).",
        detail=detail,
    )


def _signer_certificate(signed_data, signer_info) -> x509.Certificate:
    sid = signer_info["sid"]
    for choice in signed_data["certificates"] or ():
        certificate = choice.chosen
        if not isinstance(certificate, asn1_x509.Certificate):
            continue
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.issuer == wanted["issuer"]
                and certificate.serial_number == wanted["serial_number"].native
            ):
                return x509.load_der_x509_certificate(certificate.dump())
        elif certificate.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(certificate.dump())
    raise _bad_token("the token does not carry the TSA's certificate")


def _check_signing_certificate_attribute(signer_info, certificate) -> None:
    """RFC 3161 2.4.2 / RFC 5816: the signed attributes name the TSA's certificate."""
    der = certificate.public_bytes(Encoding.DER)
    for attribute in signer_info["signed_attrs"]:
        kind = attribute["type"].native
        if kind == "signing_certificate":
            ids = attribute["values"][0]["certs"]
            if ids and ids[0]["cert_hash"].native == hashlib.sha1(der).digest():
                return
        elif kind == "signing_certificate_v2":
            ids = attribute["values"][0]["certs"]
            if ids:
                name = ids[0]["hash_algorithm"]["algorithm"].native
                if ids[0]["cert_hash"].native == hashlib.new(name, der).digest():
                    return
    raise _bad_token("the signed attributes do not name the TSA's certificate")


def _check_cms_signature(signer_info, certificate: x509.Certificate, content: bytes):
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        raise _bad_token(f"unsupported digest {digest_name}")
    attributes = signer_info["signed_attrs"]
    digests = [
        a["values"][0].native
        for a in attributes
        if a["type"].native == "message_digest"
    ]
    expected = hashlib.new(digest_name, content).digest()
    if digests != [expected]:
        raise _bad_token("the signed attributes do not match the TSTInfo")
    signed = attributes.untag().dump()
    signature = signer_info["signature"].native
    key = certificate.public_key()
    algorithm = _HASHES[digest_name]()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed, ec.ECDSA(algorithm))
        else:
            raise _bad_token("unsupported TSA key")
    except InvalidSignature:
        raise _bad_token("the TSA's signature does not match") from None


def _check_tsa_certificate(
    certificate: x509.Certificate,
    extra: list[x509.Certificate],
    anchors: list[x509.Certificate],
    at: datetime.datetime,
) -> None:
    der = certificate.public_bytes(Encoding.DER)
    if any(anchor.public_bytes(Encoding.DER) == der for anchor in anchors):
        if (
            not certificate.not_valid_before_utc
            <= at
            <= certificate.not_valid_after_utc
        ):
            raise _bad_token("the TSA's certificate was not valid at its time")
        return
    try:
        validate_path(
            certificate,
            extra,
            anchors,
            at,
            signer=certificate.subject.rfc4514_string(),
            revocation_mode="soft-fail",
            fetch=False,
            key_usage=frozenset({"digital_signature"}),
        )
    except VerificationError:
        raise _untrusted_tsa() from None
    try:
        usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        raise _untrusted_tsa() from None
    if x509.oid.ExtendedKeyUsageOID.TIME_STAMPING not in usage.value:
        raise _untrusted_tsa()


def _untrusted_tsa() -> VerificationError:
    return VerificationError(
        "timestamp_untrusted",
        "The signature's timestamp was not made by the centre's "
        "time-stamping authority.",
    )


def check_timestamp(
    token_der: bytes, data: bytes, anchors: Iterable[x509.Certificate]
) -> datetime.datetime:
    """The time the token proves ``data`` existed at, or ``VerificationError``."""
    try:
        token = cms.ContentInfo.load(token_der)
        signed_data = token["content"]
        content = signed_data["encap_content_info"]["content"]
        info = tsp.TSTInfo.load(bytes(content.contents))
        (signer_info,) = signed_data["signer_infos"]
        imprint = info["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        hashed = imprint["hashed_message"].native
        moment = info["gen_time"].native
    except (ValueError, KeyError, TypeError):
        raise _bad_token("the token cannot be read") from None
    if algorithm not in _HASHES or hashlib.new(algorithm, data).digest() != hashed:
        raise VerificationError(
            "timestamp_imprint_mismatch",
            "The signature's timestamp was made for other data than this signature.",
        )
    certificate = _signer_certificate(signed_data, signer_info)
    _check_signing_certificate_attribute(signer_info, certificate)
    _check_cms_signature(signer_info, certificate, bytes(content.contents))
    others = [
        x509.load_der_x509_certificate(choice.chosen.dump())
        for choice in signed_data["certificates"] or ()
        if isinstance(choice.chosen, asn1_x509.Certificate)
    ]
    _check_tsa_certificate(certificate, others, list(anchors), moment)
    return moment.astimezone(datetime.UTC)
