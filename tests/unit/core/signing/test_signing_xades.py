"""What the project's XAdES signatures look like, since verifiers depend on it."""

import datetime

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.verify import verify
from mgops.caseflow.core.signing.xades import NAMESPACES
from mgops.caseflow.core.signing.xades import sign


C14N_1_0 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


@pytest.fixture
def signed(pki, unsigned) -> bytes:
    return sign(unsigned, pki.head.key, pki.head.certificate)


def _all(root, path: str) -> list:
    return root.xpath(path, namespaces=NAMESPACES)


def test_round_trip_sign_then_verify(pki, unsigned, signed, now):
    result = verify(signed, unsigned, [pki.ca.certificate], [pki.head.certificate])
    assert result.signer_common_name == "Anna Kierownik"
    assert result.signer_subject == pki.head.certificate.subject.rfc4514_string()
    assert result.issuer == pki.ca.certificate.subject.rfc4514_string()
    assert int(result.certificate_serial, 16) == pki.head.certificate.serial_number
    assert bytes.fromhex(result.certificate_sha256) == pki.head.certificate.fingerprint(
        hashes.SHA256()
    )
    assert abs(
        result.signing_time - datetime.datetime.now(datetime.UTC)
    ) < datetime.timedelta(minutes=1)


def test_signature_is_one_enveloped_xades_bes_with_c14n_1_0_and_sha256(signed):
    root = etree.fromstring(signed)
    signatures = _all(root, "//ds:Signature")
    assert len(signatures) == 1
    assert signatures[0].getparent() is root
    assert signatures[0] is root[-1]
    assert set(_all(root, "//ds:CanonicalizationMethod/@Algorithm")) == {C14N_1_0}
    assert _all(root, "//ds:SignatureMethod/@Algorithm") == [RSA_SHA256]
    assert set(_all(root, "//ds:DigestMethod/@Algorithm")) == {SHA256}
    document = _all(root, "//ds:Reference[@URI='']")
    assert len(document) == 1
    assert _all(document[0], "ds:Transforms/ds:Transform/@Algorithm") == [
        ENVELOPED,
        C14N_1_0,
    ]


def test_signature_carries_signing_time_and_signing_certificate_v2(pki, signed):
    root = etree.fromstring(signed)
    properties = "//xades:SignedProperties/xades:SignedSignatureProperties"
    assert len(_all(root, f"{properties}/xades:SigningTime")) == 1
    assert _all(root, f"{properties}/xades:SigningCertificate") == []
    digests = _all(
        root, f"{properties}/xades:SigningCertificateV2/xades:Cert//ds:DigestValue"
    )
    assert len(digests) == 1
    reference = _all(
        root, "//ds:Reference[@Type='http://uri.etsi.org/01903#SignedProperties']"
    )
    assert len(reference) == 1


def test_certificate_is_in_x509data_and_no_key_value(pki, signed):
    root = etree.fromstring(signed)
    certificates = _all(root, "//ds:KeyInfo/ds:X509Data/ds:X509Certificate")
    assert len(certificates) == 1
    assert _all(root, "//ds:KeyValue") == []
    assert _all(root, "//*[local-name()='ECKeyValue']") == []


def test_the_unsigned_content_is_kept_untouched(unsigned, signed):
    root = etree.fromstring(signed)
    root.remove(root[-1])
    expected = etree.fromstring(unsigned)
    assert etree.tostring(root, method="c14n") == etree.tostring(
        expected, method="c14n"
    )


def test_signing_time_is_the_callers_instant(pki, unsigned):
    moment = datetime.datetime(
        2026, 3, 2, 10, 15, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    signed = sign(unsigned, pki.head.key, pki.head.certificate, signing_time=moment)
    assert b"<xades:SigningTime>2026-03-02T09:15:30Z</xades:SigningTime>" in signed


def test_chain_certificates_go_into_key_info(pki, unsigned):
    signed = sign(
        unsigned, pki.head.key, pki.head.certificate, chain=(pki.ca.certificate,)
    )
    root = etree.fromstring(signed)
    assert len(_all(root, "//ds:X509Data/ds:X509Certificate")) == 2
    result = verify(signed, unsigned, [pki.ca.certificate], [pki.head.certificate])
    assert result.signer_common_name == "Anna Kierownik"


def test_a_signed_document_is_not_signed_again(pki, signed):
    with pytest.raises(SignatureError) as raised:
        sign(signed, pki.head.key, pki.head.certificate)
    assert raised.value.reason == "document_already_signed"


def test_key_of_another_certificate_is_refused(pki, unsigned):
    with pytest.raises(SignatureError) as raised:
        sign(unsigned, pki.other_person.key, pki.head.certificate)
    assert raised.value.reason == "key_certificate_mismatch"


def test_ec_key_is_refused(pki, unsigned):
    with pytest.raises(SignatureError) as raised:
        sign(unsigned, ec.generate_private_key(ec.SECP256R1()), pki.head.certificate)
    assert raised.value.reason == "key_not_rsa"
