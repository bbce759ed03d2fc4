"""XAdES-BES enveloped signing of a decision, made with signxml.

The choices are the ones every verifier we know accepts: inclusive C14N 1.0
(signxml's default C14N 1.1 is unknown to several verifiers, and its exclusive C14N
output is accepted by none), RSA with SHA-256, the certificate in
KeyInfo/X509Data and no KeyValue beside it, SigningTime and SigningCertificateV2.
"""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree
from signxml import CanonicalizationMethod
from signxml import DigestAlgorithm
from signxml import SignatureMethod
from signxml.xades import XAdESDataObjectFormat
from signxml.xades import XAdESSigner

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.safe_xml import parse_untrusted


DS_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#"
XADES_NAMESPACE = "http://uri.etsi.org/01903/v1.3.2#"
NAMESPACES = {"ds": DS_NAMESPACE, "xades": XADES_NAMESPACE}
C14N = CanonicalizationMethod.CANONICAL_XML_1_0


class _DecisionSigner(XAdESSigner):
    """signxml's XAdES signer with a signing time chosen by the caller."""

    def __init__(self, signing_time: datetime.datetime):
        super().__init__(
            signature_algorithm=SignatureMethod.RSA_SHA256,
            digest_algorithm=DigestAlgorithm.SHA256,
            c14n_algorithm=C14N,
            data_object_format=XAdESDataObjectFormat(
                Description="Decyzja kierownika ośrodka", MimeType="text/xml"
            ),
        )
        self.signing_time = signing_time

    def add_signing_time(self, signed_signature_properties, sig_root, signing_settings):
        element = etree.SubElement(
            signed_signature_properties, f"{{{XADES_NAMESPACE}}}SigningTime"
        )
        element.text = self.signing_time.strftime("%Y-%m-%dT%H:%M:%SZ")


def sign(
    xml_bytes: bytes,
    private_key: rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    chain: tuple[x509.Certificate, ...] = (),
    signing_time: datetime.datetime | None = None,
) -> bytes:
    """``xml_bytes`` with one enveloped XAdES-BES signature as the root's last child.

    ``signing_time`` (aware; default now) lets the caller record the instant it
    signs at; ``chain`` adds CA certificates to KeyInfo for verifiers that need them.
    """
    root = parse_untrusted(xml_bytes)
    if root.find(".//ds:Signature", NAMESPACES) is not None:
        raise SignatureError(
            "document_already_signed",
            "The document already carries a signature.",
        )
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise SignatureError("key_not_rsa", "Only RSA keys can sign decisions.")
    if private_key.public_key() != certificate.public_key():
        raise SignatureError(
            "key_certificate_mismatch",
            "The private key does not belong to the certificate.",
        )
    moment = signing_time or datetime.datetime.now(datetime.UTC)
    signed = _DecisionSigner(moment.astimezone(datetime.UTC)).sign(
        root,
        key=private_key,
        cert=[certificate, *chain],
        always_add_key_value=False,
    )
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")
