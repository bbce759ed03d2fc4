"""Every way a signed decision can be wrong is refused, with its own reason."""

import base64
import dataclasses
import datetime
import re

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from signxml import CanonicalizationMethod
from signxml.xades import XAdESSigner

from mgops.caseflow.core.signing.decision_xml import render_decision_xml
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.errors import UnsafeXmlError
from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.verify import verify
from mgops.caseflow.core.signing.xades import DS_NAMESPACE
from mgops.caseflow.core.signing.xades import NAMESPACES
from mgops.caseflow.core.signing.xades import XADES_NAMESPACE
from mgops.caseflow.core.signing.xades import sign


SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def signed(pki, unsigned) -> bytes:
    return sign(unsigned, pki.head.key, pki.head.certificate)


def _verify(pki, signed, unsigned, **kwargs):
    arguments = {
        "trusted_ca_certs": [pki.ca.certificate],
        "allowed_signer_certs": [pki.head.certificate],
    } | kwargs
    return verify(signed, unsigned, **arguments)


def _refusal(pki, signed, unsigned, **kwargs) -> SignatureError:
    with pytest.raises(SignatureError) as raised:
        _verify(pki, signed, unsigned, **kwargs)
    return raised.value


def _replace_once(data: bytes, pattern: bytes, replacement) -> bytes:
    changed, count = re.subn(pattern, replacement, data, count=1)
    assert count == 1
    return changed


def test_one_character_of_the_content_changed(pki, unsigned, signed):
    tampered = _replace_once(signed, rb"Jan Nowak", b"Jan Nowek")
    assert _refusal(pki, tampered, unsigned).reason == "document_changed"


def test_one_character_of_the_signing_time_changed(pki, unsigned, signed):
    def earlier_second(match):
        return match[1] + str((int(match[2]) + 1) % 10).encode()

    tampered = _replace_once(signed, rb"(<xades:SigningTime>[^<]*)(\d)", earlier_second)
    assert _refusal(pki, tampered, unsigned).reason == "signed_properties_changed"


def test_one_character_of_the_signature_value_changed(pki, unsigned, signed):
    def other_letter(match):
        return match[1] + (b"B" if match[2] == b"A" else b"A")

    tampered = _replace_once(signed, rb"(<ds:SignatureValue>)(.)", other_letter)
    assert _refusal(pki, tampered, unsigned).reason == "signature_invalid"


def test_key_info_certificate_swapped_for_another(pki, unsigned, signed):
    other = base64.b64encode(pki.other_person.certificate.public_bytes(Encoding.DER))
    tampered = _replace_once(
        signed, rb"<ds:X509Certificate>[^<]*<", b"<ds:X509Certificate>" + other + b"<"
    )
    assert _refusal(pki, tampered, unsigned).reason == "signature_invalid"


def test_signature_without_the_signers_certificate(pki, unsigned, signed):
    stripped = _replace_once(signed, rb"(?s)<ds:X509Data>.*?</ds:X509Data>", b"")
    assert _refusal(pki, stripped, unsigned).reason == "signer_certificate_missing"


def test_certificate_that_is_not_a_certificate(pki, unsigned, signed):
    broken = _replace_once(
        signed, rb"<ds:X509Certificate>[^<]*<", b"<ds:X509Certificate>AAAA<"
    )
    assert _refusal(pki, broken, unsigned).reason == "signature_malformed"


def test_valid_signature_over_another_decision(pki, decision, unsigned):
    other = render_decision_xml(dataclasses.replace(decision, register_number="8/2026"))
    signed_other = sign(other, pki.head.key, pki.head.certificate)
    assert _refusal(pki, signed_other, unsigned).reason == "content_mismatch"


def test_two_signatures(pki, unsigned, signed):
    root = etree.fromstring(signed)
    root.append(etree.fromstring(etree.tostring(root[-1])))
    doubled = etree.tostring(root)
    refusal = _refusal(pki, doubled, unsigned)
    assert refusal.reason == "signature_multiple"
    assert refusal.mapping == {"count": 2}


def test_no_signature(pki, unsigned):
    assert _refusal(pki, unsigned, unsigned).reason == "signature_missing"


def test_signature_hidden_inside_the_content(pki, unsigned, signed):
    root = etree.fromstring(signed)
    signature = root[-1]
    root.find("{urn:mgops:caseflow:decision:1}content").append(signature)
    moved = etree.tostring(root)
    assert _refusal(pki, moved, unsigned).reason == "signature_not_enveloped"


def test_signature_over_a_part_of_the_document_only(pki, unsigned):
    root = etree.fromstring(unsigned)
    root.find("{urn:mgops:caseflow:decision:1}content").set("Id", "part")
    signer = XAdESSigner(c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0)
    partial = signer.sign(
        root,
        key=pki.head.key,
        cert=[pki.head.certificate],
        reference_uri="#part",
        always_add_key_value=False,
    )
    refusal = _refusal(pki, etree.tostring(partial), unsigned)
    assert refusal.reason == "document_not_signed"


def test_certificate_of_another_person(pki, unsigned):
    signed = sign(unsigned, pki.other_person.key, pki.other_person.certificate)
    refusal = _refusal(pki, signed, unsigned)
    assert refusal.reason == "certificate_not_registered"
    assert refusal.mapping == {"signer": "Piotr Inny"}


def test_registered_certificate_from_an_untrusted_ca(pki, unsigned):
    signed = sign(unsigned, pki.stranger.key, pki.stranger.certificate)
    refusal = _refusal(
        pki, signed, unsigned, allowed_signer_certs=[pki.stranger.certificate]
    )
    assert refusal.reason == "certificate_untrusted"


def test_empty_trust_list_trusts_nobody(pki, unsigned, signed):
    assert (
        _refusal(pki, signed, unsigned, trusted_ca_certs=[]).reason
        == "certificate_untrusted"
    )


def test_expired_certificate(pki, unsigned):
    signed = sign(unsigned, pki.expired_head.key, pki.expired_head.certificate)
    refusal = _refusal(
        pki, signed, unsigned, allowed_signer_certs=[pki.expired_head.certificate]
    )
    assert refusal.reason == "certificate_not_valid_at_signing_time"
    assert set(refusal.mapping) == {"signer", "signing_time", "not_before", "not_after"}


def test_signing_time_before_the_certificate_was_valid(pki, unsigned):
    before = pki.head.certificate.not_valid_before_utc - HOUR
    signed = sign(unsigned, pki.head.key, pki.head.certificate, signing_time=before)
    refusal = _refusal(pki, signed, unsigned)
    assert refusal.reason == "certificate_not_valid_at_signing_time"


def test_signature_made_while_the_certificate_was_valid_stays_valid(pki, unsigned):
    certificate = pki.expired_head.certificate
    during = certificate.not_valid_before_utc + datetime.timedelta(days=100)
    signed = sign(unsigned, pki.expired_head.key, certificate, signing_time=during)
    result = _verify(pki, signed, unsigned, allowed_signer_certs=[certificate])
    assert result.signing_time == during


def test_signing_time_in_the_future(pki, unsigned, now):
    signed = sign(unsigned, pki.head.key, pki.head.certificate, signing_time=now + HOUR)
    refusal = _refusal(pki, signed, unsigned, now=now)
    assert refusal.reason == "signing_time_in_future"


def test_small_clock_skew_is_tolerated(pki, unsigned, now):
    ahead = now + datetime.timedelta(minutes=2)
    signed = sign(unsigned, pki.head.key, pki.head.certificate, signing_time=ahead)
    assert _verify(pki, signed, unsigned, now=now).signing_time == ahead


@pytest.mark.parametrize(
    "hostile",
    [
        b'<!DOCTYPE d [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><d>&b;</d>',
        b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
        b'<!DOCTYPE d SYSTEM "http://attacker.invalid/d.dtd"><d/>',
        b"<d>" + b"x" * (6 * 1024 * 1024) + b"</d>",
    ],
    ids=["entities", "external-entity", "external-dtd", "huge"],
)
def test_hostile_upload_is_refused_before_verification(pki, unsigned, hostile):
    with pytest.raises(UnsafeXmlError):
        _verify(pki, hostile, unsigned)


def test_doctype_smuggled_into_a_valid_signature(pki, unsigned, signed):
    declaration, body = signed.split(b"\n", 1)
    smuggled = declaration + b'\n<!DOCTYPE decision [<!ENTITY x "y">]>\n' + body
    with pytest.raises(UnsafeXmlError) as raised:
        _verify(pki, smuggled, unsigned)
    assert raised.value.reason == "xml_doctype_forbidden"


class _LegacySigner(XAdESSigner):
    """Like older Polish tools: SigningCertificate (v1) with a SHA-1 digest, and
    no reference to KeyInfo, only to the document and the signed properties."""

    def __init__(self, digest_of):
        super().__init__(c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0)
        self.digest_of = digest_of

    def add_signing_certificate(
        self, signed_signature_properties, sig_root, signing_settings
    ):
        certificate = self.digest_of
        x = f"{{{XADES_NAMESPACE}}}"
        ds = f"{{{DS_NAMESPACE}}}"
        cert = etree.SubElement(
            etree.SubElement(signed_signature_properties, x + "SigningCertificate"),
            x + "Cert",
        )
        digest = etree.SubElement(cert, x + "CertDigest")
        etree.SubElement(digest, ds + "DigestMethod", Algorithm=SHA1)
        etree.SubElement(digest, ds + "DigestValue").text = base64.b64encode(
            certificate.fingerprint(hashes.SHA1())
        ).decode()
        serial = etree.SubElement(cert, x + "IssuerSerial")
        etree.SubElement(
            serial, ds + "X509IssuerName"
        ).text = certificate.issuer.rfc4514_string()
        etree.SubElement(serial, ds + "X509SerialNumber").text = str(
            certificate.serial_number
        )

    def _add_reference_to_signed_info(self, sig_root, node_to_reference, **attrs):
        if node_to_reference.tag != f"{{{DS_NAMESPACE}}}KeyInfo":
            super()._add_reference_to_signed_info(sig_root, node_to_reference, **attrs)


def _legacy_signed(pki, unsigned, digest_of) -> bytes:
    signed = _LegacySigner(digest_of).sign(
        etree.fromstring(unsigned),
        key=pki.head.key,
        cert=[pki.head.certificate],
        always_add_key_value=False,
    )
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


def test_signing_certificate_v1_with_sha1_digest_is_accepted(pki, unsigned):
    signed = _legacy_signed(pki, unsigned, digest_of=pki.head.certificate)
    root = etree.fromstring(signed)
    assert root.xpath(
        "//xades:SigningCertificate//ds:DigestMethod/@Algorithm", namespaces=NAMESPACES
    ) == [SHA1]
    assert root.xpath("//xades:SigningCertificateV2", namespaces=NAMESPACES) == []
    assert len(root.xpath("//ds:SignedInfo/ds:Reference", namespaces=NAMESPACES)) == 2
    assert _verify(pki, signed, unsigned).signer_common_name == "Anna Kierownik"


def test_reference_without_a_c14n_transform_is_accepted(pki, unsigned):
    signer = XAdESSigner(c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0)
    signed = signer.sign(
        etree.fromstring(unsigned),
        key=pki.head.key,
        cert=[pki.head.certificate],
        always_add_key_value=False,
        exclude_c14n_transform_element=True,
    )
    result = _verify(pki, etree.tostring(signed), unsigned)
    assert result.signer_common_name == "Anna Kierownik"


def test_signing_certificate_v1_naming_another_certificate_is_refused(pki, unsigned):
    signed = _legacy_signed(pki, unsigned, digest_of=pki.other_person.certificate)
    assert _refusal(pki, signed, unsigned).reason == "signing_certificate_mismatch"


def test_every_refusal_is_a_verification_error_or_unsafe_xml(pki, unsigned, signed):
    refusal = _refusal(pki, signed, unsigned, allowed_signer_certs=[])
    assert isinstance(refusal, VerificationError)
    assert refusal.text.startswith("The certificate of Anna Kierownik")
