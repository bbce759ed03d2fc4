"""XAdES-T and the long-term data, in the signature's unsigned properties.

ETSI EN 319 132-1 (XAdES), 5.3 and 5.4: ``SignatureTimeStamp`` holds an
RFC 3161 token over the ``ds:SignatureValue`` element canonicalized with the
``ds:CanonicalizationMethod`` it names (inclusive C14N 1.0 here, as the
signature itself); ``CertificateValues`` and ``RevocationValues`` hold the
signer's chain and the CRL and OCSP answers that proved it good (the B-LT
level), so a decision verifies offline, from its own file, years later.

None of this is covered by the signature (unsigned properties never are), so
adding it changes nothing the signer signed: the signature still verifies
with any XAdES tool, and a timestamp proves its own integrity.
"""

import base64

from lxml import etree

from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.errors import malformed_signature
from mgops.caseflow.core.signing.revocation import ValidationData
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.xades import DS_NAMESPACE
from mgops.caseflow.core.signing.xades import NAMESPACES
from mgops.caseflow.core.signing.xades import XADES_NAMESPACE


C14N_1_0 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"


def _x(name: str) -> str:
    return f"{{{XADES_NAMESPACE}}}{name}"


def _signature(root: etree._Element) -> etree._Element:
    signature = root.find("ds:Signature", NAMESPACES)
    if signature is None:
        raise VerificationError(
            "signature_missing", "The file carries no XML signature."
        )
    return signature


def timestamped_data(root: etree._Element) -> bytes:
    """What a SignatureTimeStamp covers: the canonical ds:SignatureValue."""
    value = _signature(root).find("ds:SignatureValue", NAMESPACES)
    if value is None:
        raise malformed_signature("no SignatureValue")
    return etree.tostring(value, method="c14n", exclusive=False, with_comments=False)


def _qualifying_properties(root: etree._Element) -> etree._Element:
    found = _signature(root).find("ds:Object/xades:QualifyingProperties", NAMESPACES)
    if found is None:
        raise malformed_signature("no QualifyingProperties")
    return found


def _unsigned_signature_properties(root: etree._Element) -> etree._Element:
    qualifying = _qualifying_properties(root)
    unsigned = qualifying.find("xades:UnsignedProperties", NAMESPACES)
    if unsigned is None:
        unsigned = etree.SubElement(qualifying, _x("UnsignedProperties"))
    properties = unsigned.find("xades:UnsignedSignatureProperties", NAMESPACES)
    if properties is None:
        properties = etree.Element(_x("UnsignedSignatureProperties"))
        unsigned.insert(0, properties)
    return properties


def _encapsulated(parent, name: str, der: bytes) -> None:
    etree.SubElement(parent, _x(name)).text = base64.b64encode(der).decode("ascii")


def timestamps(root: etree._Element) -> list[bytes]:
    """The SignatureTimeStamp tokens (DER) the signature carries."""
    tokens = []
    for stamp in _signature(root).iterfind(
        "ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/"
        "xades:UnsignedSignatureProperties/xades:SignatureTimeStamp",
        NAMESPACES,
    ):
        method = stamp.find("ds:CanonicalizationMethod", NAMESPACES)
        if method is not None and method.get("Algorithm") != C14N_1_0:
            raise VerificationError(
                "timestamp_invalid",
                "The signature's timestamp is not valid (${detail}).",
                detail=f"canonicalization {method.get('Algorithm')}",
            )
        for text in stamp.findall("xades:EncapsulatedTimeStamp", NAMESPACES):
            tokens.append(base64.b64decode("".join((text.text or "").split())))
    return tokens


def validation_data(root: etree._Element) -> ValidationData:
    """The chain and revocation answers the signature carries."""
    base = (
        "ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/"
        "xades:UnsignedSignatureProperties/"
    )
    signature = _signature(root)

    def values(path):
        return tuple(
            base64.b64decode("".join((e.text or "").split()))
            for e in signature.iterfind(base + path, NAMESPACES)
        )

    return ValidationData(
        certificates=values(
            "xades:CertificateValues/xades:EncapsulatedX509Certificate"
        ),
        crls=values(
            "xades:RevocationValues/xades:CRLValues/xades:EncapsulatedCRLValue"
        ),
        ocsps=values(
            "xades:RevocationValues/xades:OCSPValues/xades:EncapsulatedOCSPValue"
        ),
    )


def add_unsigned_properties(
    signed_bytes: bytes, token: bytes | None, data: ValidationData
) -> bytes:
    """``signed_bytes`` with a SignatureTimeStamp (unless ``token`` is None) and
    the certificate and revocation values of ``data`` added; unchanged, byte
    for byte, without a timestamp or revocation answers to keep (a certificate
    that declares no OCSP or CRL, signed without a TSA: the demo)."""
    if token is None and not (data.crls or data.ocsps):
        return signed_bytes
    root = parse_untrusted(signed_bytes)
    properties = _unsigned_signature_properties(root)
    if token is not None:
        stamp = etree.SubElement(properties, _x("SignatureTimeStamp"))
        etree.SubElement(
            stamp, f"{{{DS_NAMESPACE}}}CanonicalizationMethod", Algorithm=C14N_1_0
        )
        _encapsulated(stamp, "EncapsulatedTimeStamp", token)
    if data.certificates:
        values = etree.SubElement(properties, _x("CertificateValues"))
        for der in data.certificates:
            _encapsulated(values, "EncapsulatedX509Certificate", der)
    if data.crls or data.ocsps:
        revocation = etree.SubElement(properties, _x("RevocationValues"))
        if data.crls:
            crls = etree.SubElement(revocation, _x("CRLValues"))
            for der in data.crls:
                _encapsulated(crls, "EncapsulatedCRLValue", der)
        if data.ocsps:
            ocsps = etree.SubElement(revocation, _x("OCSPValues"))
            for der in data.ocsps:
                _encapsulated(ocsps, "EncapsulatedOCSPValue", der)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
