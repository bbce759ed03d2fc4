"""A real mock PKI for the tests: certomancer's CAs, CRL, OCSP and TSA over HTTP.

``start_mock_pki()`` makes fresh RSA keys in a temporary folder, builds a
certomancer architecture shaped like the Polish qualified trust services (a
national root; a qualified CA with an OCSP responder and a CRL; a CA that
publishes only a CRL; a time-stamping authority) and serves it with
certomancer's Animator (its WSGI app) on a werkzeug server thread on
127.0.0.1. Every answer is a real signed CRL, OCSP response or RFC 3161 token
made at the moment it is asked for.

Certificates (labels of ``MockPki.certificate`` / ``MockPki.key``):

* ``head``: Ewa Kierownik, qualified (QcCompliance, QcSSCD, QcType esign), a
  PESEL serialNumber ``PNOPL-…``, from the qualified CA (OCSP and CRL);
* ``head-revoked-ocsp``: the same person, revoked, from the qualified CA;
* ``head-revoked-crl``: revoked, from the CRL-only CA;
* ``head-crl-only``: good, from the CRL-only CA;
* ``head-expired``: expired a year ago;
* ``issue_short_lived(seconds)``: a qualified certificate of the head that
  expires that many seconds after it is made (checked by the CRL);
* ``head-not-qualified``: no QC statements;
* ``head-ocsp-down``: its OCSP and CRL addresses answer nothing;
* ``tsa``: the time-stamping authority's certificate.
"""

import base64
import datetime
import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from xml.sax.saxutils import escape

from asn1crypto import core
from asn1crypto import x509 as asn1_x509
from certomancer import crypto_utils
from certomancer.integrations.animator import Animator
from certomancer.integrations.animator import AnimatorArchStore
from certomancer.registry import CertomancerConfig
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree
from signxml import CanonicalizationMethod
from signxml import XMLSigner
from werkzeug.serving import WSGIRequestHandler
from werkzeug.serving import make_server

from mgops.caseflow.core.signing.democa import issue_certificate
from mgops.caseflow.core.signing.democa import make_ca
from mgops.caseflow.core.signing.qualified import QC_COMPLIANCE
from mgops.caseflow.core.signing.qualified import QC_SSCD
from mgops.caseflow.core.signing.qualified import QcStatement
from mgops.caseflow.core.signing.qualified import QcStatements


ARCH = "pl-test"
HEAD_PESEL = "80010112345"
#: a port nothing listens on (RFC 1078 TCPMUX; never served in the tests)
DEAD_URL = "http://127.0.0.1:1/nic"
_DEAD_NAME = asn1_x509.GeneralName(name="uniform_resource_identifier", value=DEAD_URL)

#: a CRL a day, as Polish qualified CAs publish them
_DAILY = {"simulated-update-schedule": "P1D"}
_QC_TYPE = "0.4.0.1862.1.6"
_QC_TYPE_ESIGN = "0.4.0.1862.1.6.1"


class _QcTypes(core.SequenceOf):
    _child_spec = core.ObjectIdentifier


def qc_statements_der(*statement_ids: str) -> bytes:
    """A qcStatements extension value (ETSI EN 319 412-5) with these statements."""
    statements = []
    for oid in statement_ids:
        statement = {"statement_id": oid}
        if oid == _QC_TYPE:
            statement["statement_info"] = core.Any.load(
                _QcTypes([_QC_TYPE_ESIGN]).dump()
            )
        statements.append(QcStatement(statement))
    return QcStatements(statements).dump()


QUALIFIED = (QC_COMPLIANCE, QC_SSCD, _QC_TYPE)


def _iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _validity(start, end) -> dict:
    return {"valid-from": _iso(start), "valid-to": _iso(end)}


_KEY_LABELS = (
    "root",
    "qca",
    "qca-ocsp",
    "crlca",
    "tsa",
    "head",
    "head-revoked-ocsp",
    "head-revoked-crl",
    "head-crl-only",
    "head-expired",
    "head-not-qualified",
    "head-ocsp-down",
)


def _write_keys(folder: str) -> None:
    for label in _KEY_LABELS:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        with open(os.path.join(folder, f"{label}.key.pem"), "wb") as out:
            out.write(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )


def _signer(issuer, validity, *, qualified=True, extra=None, revoked=None) -> dict:
    extensions = [
        {
            "id": "key_usage",
            "critical": True,
            "smart-value": {
                "schema": "key-usage",
                "params": ["digital_signature", "non_repudiation"],
            },
        }
    ]
    if qualified:
        extensions.append(
            {"id": "1.3.6.1.5.5.7.1.3", "value": qc_statements_der(*QUALIFIED)}
        )
    extensions.extend(extra or ())
    spec = {
        "subject": "head",
        "issuer": issuer,
        "validity": validity,
        "extensions": extensions,
    }
    if revoked is not None:
        spec["revocation"] = {
            "revoked-since": _iso(revoked),
            "reason": "key_compromise",
        }
    return spec


def _config(folder: str, url: str, start: datetime.datetime) -> dict:
    day = datetime.timedelta(days=1)
    long = _validity(start - 3000 * day, start + 3000 * day)
    current = _validity(start - 30 * day, start + 365 * day)
    certificates = {
        "root": {
            "subject": "root",
            "issuer": "root",
            "validity": long,
            "profiles": [{"id": "simple-ca", "params": {"crl-repo": "root"}}],
        },
        "qca": {
            "issuer": "root",
            "validity": long,
            "profiles": [
                {
                    "id": "simple-ca",
                    "params": {
                        "max-path-len": 0,
                        "crl-repo": "qca",
                        "ocsp-service": "qca",
                    },
                }
            ],
        },
        "qca-ocsp": {
            "issuer": "qca",
            "validity": long,
            "profiles": ["ocsp-responder"],
        },
        "crlca": {
            "issuer": "root",
            "validity": long,
            "profiles": [
                {"id": "simple-ca", "params": {"max-path-len": 0, "crl-repo": "crlca"}}
            ],
        },
        "tsa": {
            "issuer": "root",
            "validity": long,
            "extensions": [
                {
                    "id": "key_usage",
                    "critical": True,
                    "smart-value": {
                        "schema": "key-usage",
                        "params": ["digital_signature"],
                    },
                },
                {
                    "id": "extended_key_usage",
                    "critical": True,
                    "value": ["time_stamping"],
                },
            ],
        },
        "head": _signer("qca", current),
        "head-revoked-ocsp": _signer("qca", current, revoked=start - 2 * day),
        "head-revoked-crl": _signer("crlca", current, revoked=start - 2 * day),
        "head-crl-only": _signer("crlca", current),
        "head-expired": _signer("qca", _validity(start - 730 * day, start - 365 * day)),
        "head-not-qualified": _signer("qca", current, qualified=False),
        "head-ocsp-down": _signer(
            "qca",
            current,
            extra=[
                {
                    "id": "authority_information_access",
                    "value": [
                        {
                            "access_method": "ocsp",
                            "access_location": _DEAD_NAME,
                        }
                    ],
                },
                {
                    "id": "crl_distribution_points",
                    "value": [{"distribution_point": {"full_name": [_DEAD_NAME]}}],
                },
            ],
        ),
    }
    for label in certificates:
        if label.startswith("head"):
            certificates[label]["subject-key"] = label
    return {
        "external-url-prefix": url,
        "keysets": {
            ARCH: {
                "path-prefix": folder,
                "keys": {label: {"path": f"{label}.key.pem"} for label in _KEY_LABELS},
            }
        },
        "pki-architectures": {
            ARCH: {
                "keyset": ARCH,
                "entity-defaults": {"country-name": "PL"},
                "entities": {
                    "root": {
                        "organization-name": "Narodowe Centrum Certyfikacji (test)",
                        "common-name": "Narodowe Centrum Certyfikacji",
                    },
                    "qca": {
                        "organization-name": "Kwalifikowane Usługi (test)",
                        "common-name": "Kwalifikowane CA",
                    },
                    "qca-ocsp": {"common-name": "Kwalifikowane CA OCSP"},
                    "crlca": {
                        "organization-name": "Kwalifikowane Usługi (test)",
                        "common-name": "CA z listą CRL",
                    },
                    "tsa": {
                        "organization-name": "Kwalifikowane Usługi (test)",
                        "common-name": "Znacznik czasu (test)",
                    },
                    "head": {
                        "common-name": "Ewa Kierownik",
                        "given-name": "Ewa",
                        "surname": "Kierownik",
                        "serial-number": f"PNOPL-{HEAD_PESEL}",
                    },
                },
                "certs": certificates,
                "services": {
                    "ocsp": {
                        "qca": {
                            "for-issuer": "qca",
                            "responder-cert": "qca-ocsp",
                            "signing-key": "qca-ocsp",
                        }
                    },
                    "crl-repo": {
                        "root": {"for-issuer": "root", "signing-key": "root", **_DAILY},
                        "qca": {"for-issuer": "qca", "signing-key": "qca", **_DAILY},
                        "crlca": {
                            "for-issuer": "crlca",
                            "signing-key": "crlca",
                            **_DAILY,
                        },
                    },
                    "time-stamping": {
                        "tsa": {"signing-key": "tsa", "signing-cert": "tsa"}
                    },
                },
            }
        },
    }


_DS = "http://www.w3.org/2000/09/xmldsig#"
_XADES = "http://uri.etsi.org/01903/v1.3.2#"
_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
_SMART_CARD_TEMPLATE = f"""\
<ds:Signature xmlns:ds="{{ds}}" Id="podpis">
<ds:SignedInfo>
<ds:CanonicalizationMethod Algorithm="{_C14N}"/>
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
<ds:Reference URI="">
<ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
</ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
<ds:DigestValue/>
</ds:Reference>
<ds:Reference URI="#wlasciwosci" Type="http://uri.etsi.org/01903#SignedProperties">
<ds:Transforms><ds:Transform Algorithm="{_C14N}"/></ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
<ds:DigestValue/>
</ds:Reference>
</ds:SignedInfo>
<ds:SignatureValue/>
<ds:KeyInfo><ds:X509Data/></ds:KeyInfo>
<ds:Object>
<xades:QualifyingProperties xmlns:xades="{{xades}}" Target="#podpis">
<xades:SignedProperties Id="wlasciwosci">
<xades:SignedSignatureProperties>
<xades:SigningTime>{{signing_time}}</xades:SigningTime>
<xades:SigningCertificate><xades:Cert>
<xades:CertDigest>
<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
<ds:DigestValue>{{cert_sha1}}</ds:DigestValue>
</xades:CertDigest>
<xades:IssuerSerial>
<ds:X509IssuerName>{{issuer}}</ds:X509IssuerName>
<ds:X509SerialNumber>{{serial}}</ds:X509SerialNumber>
</xades:IssuerSerial>
</xades:Cert></xades:SigningCertificate>
</xades:SignedSignatureProperties>
</xades:SignedProperties>
</xades:QualifyingProperties>
</ds:Object>
</ds:Signature>"""


_GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
_WITHDRAWN = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"
_QUALIFIED_CA = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
_QUALIFIED_TSA = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"


def _service(kind, name, certificate, status, since, history=()) -> str:
    der = base64.b64encode(
        certificate.public_bytes(serialization.Encoding.DER)
    ).decode()
    old = "".join(
        f"<ServiceHistoryInstance><ServiceTypeIdentifier>{kind}</ServiceTypeIdentifier>"
        f"<ServiceName><Name xml:lang='pl'>{name}</Name></ServiceName>"
        f"<ServiceStatus>{s}</ServiceStatus>"
        f"<StatusStartingTime>{t}</StatusStartingTime></ServiceHistoryInstance>"
        for s, t in history
    )
    return (
        "<TSPService><ServiceInformation>"
        f"<ServiceTypeIdentifier>{kind}</ServiceTypeIdentifier>"
        f"<ServiceName><Name xml:lang='pl'>{name}</Name></ServiceName>"
        "<ServiceDigitalIdentity><DigitalId>"
        f"<X509Certificate>{der}</X509Certificate>"
        "</DigitalId></ServiceDigitalIdentity>"
        f"<ServiceStatus>{status}</ServiceStatus>"
        f"<StatusStartingTime>{since}</StatusStartingTime>"
        f"</ServiceInformation><ServiceHistory>{old}</ServiceHistory></TSPService>"
    )


def _trusted_list(mock_pki):
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    day = datetime.timedelta(days=1)
    minister = make_ca("Minister Cyfryzacji (test)", now - day, now + 300 * day)
    signer = issue_certificate(
        *minister, "Lista zaufanych usług (test)", now - day, now + 300 * day
    )
    services = "".join(
        [
            _service(
                _QUALIFIED_CA,
                "Kwalifikowane CA",
                mock_pki.certificate("qca"),
                _GRANTED,
                "2020-01-01T00:00:00Z",
            ),
            _service(
                _QUALIFIED_CA,
                "CA z listą CRL",
                mock_pki.certificate("crlca"),
                _WITHDRAWN,
                "2025-06-01T00:00:00Z",
                history=[(_GRANTED, "2019-01-01T00:00:00Z")],
            ),
            _service(
                _QUALIFIED_TSA,
                "Znacznik czasu",
                mock_pki.certificate("tsa"),
                _GRANTED,
                "2020-01-01T00:00:00Z",
            ),
        ]
    )
    document = etree.fromstring(
        f'<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" '
        f'TSLTag="http://uri.etsi.org/19612/TSLTag">'
        "<SchemeInformation><TSLVersionIdentifier>5</TSLVersionIdentifier>"
        "<SchemeTerritory>PL</SchemeTerritory></SchemeInformation>"
        "<TrustServiceProviderList><TrustServiceProvider><TSPServices>"
        f"{services}</TSPServices></TrustServiceProvider></TrustServiceProviderList>"
        "</TrustServiceStatusList>"
    )
    signed = XMLSigner(c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0).sign(
        document, key=signer[0], cert=[signer[1]]
    )
    return etree.tostring(signed), signer[1], minister[1]


class _KeysKeptLoaded(crypto_utils.PycaCryptographyBackend):
    """certomancer's signing as a real TSA or OCSP responder does it: with its
    key loaded once.

    certomancer loads the private key from DER for every answer it signs, and
    loading (with the RSA key check) took 29 of the TSA's 37 ms per timestamp:
    a cost of the mock, not of answering locally, which the benchmark of
    qualified signing would otherwise count as ours. Other signature schemes
    than RSA PKCS#1 v1.5 (not used here) go to certomancer as before.
    """

    def __init__(self):
        self._loaded = {}
        self._lock = threading.Lock()

    def generic_sign(self, private_key, tbs_bytes, sd_algo):
        if sd_algo.signature_algo != "rsassa_pkcs1v15":
            return super().generic_sign(private_key, tbs_bytes, sd_algo)
        der = private_key.dump()
        with self._lock:
            key = self._loaded.get(der)
            if key is None:
                key = self._loaded[der] = serialization.load_der_private_key(
                    der, password=None
                )
        algorithm = getattr(hashes, sd_algo.hash_algo.upper())()
        return key.sign(tbs_bytes, padding.PKCS1v15(), algorithm)


crypto_utils.CRYPTO_BACKEND = _KeysKeptLoaded()


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class _Late:
    """A WSGI app set once the server's port is known (the URLs name it)."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@dataclass
class MockPki:
    url: str
    start: datetime.datetime
    arch: object
    _server: object = field(repr=False)
    _folder: object = field(repr=False)
    _extra: dict = field(default_factory=dict, repr=False)

    def certificate(self, label: str) -> x509.Certificate:
        if label in self._extra:
            return self._extra[label][1]
        return x509.load_der_x509_certificate(self.arch.get_cert(label).dump())

    def issue_short_lived(self, seconds: float) -> str:
        """The label of a new qualified certificate of the head, from the
        qualified CA, expiring ``seconds`` from now; its CRL tells its status."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        issuer = self.certificate("qca")
        now = datetime.datetime.now(datetime.UTC)
        crl = x509.UniformResourceIdentifier(f"{self.url}/{ARCH}/crls/qca/latest.crl")
        certificate = (
            x509.CertificateBuilder()
            .subject_name(self.certificate("head").subject)
            .issuer_name(issuer.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(seconds=seconds))
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.UnrecognizedExtension(
                    x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"),
                    qc_statements_der(*QUALIFIED),
                ),
                critical=False,
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [x509.DistributionPoint([crl], None, None, None)]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()),
                critical=False,
            )
            .sign(self.key("qca"), hashes.SHA256())
        )
        label = f"head-short-{len(self._extra)}"
        self._extra[label] = (key, certificate)
        return label

    def pem(self, label: str) -> bytes:
        return self.certificate(label).public_bytes(serialization.Encoding.PEM)

    def key(self, label: str) -> rsa.RSAPrivateKey:
        if label in self._extra:
            return self._extra[label][0]
        with open(os.path.join(self._folder.name, f"{label}.key.pem"), "rb") as data:
            return serialization.load_pem_private_key(data.read(), None)

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/{ARCH}/tsa/tsa"

    def chain(self, label: str) -> tuple[x509.Certificate, ...]:
        """The CA certificates between ``label`` and the root, root excluded."""
        if label in self._extra:
            return (self.certificate("qca"),)
        issuer = self.arch.get_cert_spec(label).issuer
        return () if issuer == "root" else (self.certificate(issuer),)

    def smart_card_sign(self, unsigned: bytes, label: str, folder) -> bytes:
        """``unsigned`` signed as a smart card's vendor tool does, by ``xmlsec1
        --sign`` (not our code) over a template with XAdES SignedProperties:
        SigningTime and SigningCertificate (v1) with a SHA-1 CertDigest, the
        chain in X509Data."""
        folder = Path(folder)
        certificate = self.certificate(label)
        der = certificate.public_bytes(serialization.Encoding.DER)
        template = _SMART_CARD_TEMPLATE.format(
            ds=_DS,
            xades=_XADES,
            signing_time=datetime.datetime.now(datetime.UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            cert_sha1=base64.b64encode(hashlib.sha1(der).digest()).decode("ascii"),
            issuer=escape(certificate.issuer.rfc4514_string()),
            serial=certificate.serial_number,
        )
        root = etree.fromstring(unsigned)
        root.append(etree.fromstring(template))
        (folder / "template.xml").write_bytes(
            etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        )
        (folder / "key.pem").write_bytes(
            self.key(label).private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        pems = [folder / "key.pem"]
        for index, cert in enumerate((certificate, *self.chain(label))):
            pem = folder / f"cert-{index}.pem"
            pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
            pems.append(pem)
        xmlsec1 = shutil.which("xmlsec1")
        assert xmlsec1, "xmlsec1 is not installed (Debian package: xmlsec1)"
        subprocess.run(
            [xmlsec1, "--sign", "--privkey-pem", ",".join(str(p) for p in pems)]
            + ["--id-attr:Id", f"{_XADES}:SignedProperties"]
            + ["--output", str(folder / "signed.xml"), str(folder / "template.xml")],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return (folder / "signed.xml").read_bytes()

    def trusted_list(self):
        """A national trusted list (ETSI TS 119 612) naming the qualified CA
        (granted), the CRL-only CA (withdrawn, granted before) and the TSA,
        signed by a list-signing certificate: (XML, that certificate, the
        certificate of the CA that issued it, which did not sign the list)."""
        return _trusted_list(self)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._folder.cleanup()


def start_mock_pki() -> MockPki:
    """Make the PKI and serve it on 127.0.0.1 (a free port) until ``stop()``."""
    folder = tempfile.TemporaryDirectory(prefix="caseflow-pki-")
    _write_keys(folder.name)
    late = _Late()
    server = make_server("127.0.0.1", 0, late, threaded=True, request_handler=_Quiet)
    url = f"http://127.0.0.1:{server.server_port}"
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    config = CertomancerConfig(
        _config(folder.name, url, start), key_search_dir=folder.name
    )
    arch = config.get_pki_arch(ARCH)
    late.app = Animator(AnimatorArchStore(config.pki_archs), with_web_ui=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return MockPki(url=url, start=start, arch=arch, _server=server, _folder=folder)
