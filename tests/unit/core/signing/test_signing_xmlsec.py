"""Every signature the project makes verifies with an independent implementation.

xmlsec1 (Debian package ``xmlsec1``) checks the signature, every reference and
the certificate chain against the CA given as trusted PEM. A missing binary
fails the test: the cross-check is part of what "done" means.
"""

import dataclasses
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from mgops.caseflow.core.signing.decision_xml import render_decision_xml
from mgops.caseflow.core.signing.xades import sign


@pytest.fixture(scope="module")
def xmlsec1() -> str:
    path = shutil.which("xmlsec1")
    assert path, "xmlsec1 is not installed (Debian package: xmlsec1)"
    return path


@pytest.fixture
def trusted_pem(pki, tmp_path):
    path = tmp_path / "ca.pem"
    path.write_bytes(pki.ca.certificate.public_bytes(Encoding.PEM))
    return path


def _xmlsec1_verify(
    xmlsec1, trusted_pem, signed: bytes, tmp_path
) -> subprocess.CompletedProcess:
    document = tmp_path / "signed.xml"
    document.write_bytes(signed)
    return subprocess.run(
        [xmlsec1, "--verify", "--trusted-pem", str(trusted_pem), str(document)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"kind": "end_work", "assistant_name": "", "justification": ""},
        {"content": 'Zażółć gęślą jaźń\n& <nawiasy> "cudzysłowy"'},
    ],
    ids=["assignment", "end-of-work", "special-characters"],
)
@pytest.mark.parametrize("with_chain", [False, True], ids=["leaf-only", "with-chain"])
def test_xmlsec1_verifies_our_signature(
    xmlsec1, trusted_pem, pki, decision, tmp_path, changes, with_chain
):
    unsigned = render_decision_xml(dataclasses.replace(decision, **changes))
    chain = (pki.ca.certificate,) if with_chain else ()
    signed = sign(unsigned, pki.head.key, pki.head.certificate, chain=chain)
    completed = _xmlsec1_verify(xmlsec1, trusted_pem, signed, tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "SignedInfo References (ok/all): 3/3" in completed.stderr + completed.stdout


def test_xmlsec1_refuses_a_tampered_signature(
    xmlsec1, trusted_pem, pki, unsigned, tmp_path
):
    signed = sign(unsigned, pki.head.key, pki.head.certificate)
    tampered = signed.replace(b"Jan Nowak", b"Jan Nowek")
    completed = _xmlsec1_verify(xmlsec1, trusted_pem, tampered, tmp_path)
    assert completed.returncode != 0


def test_xmlsec1_refuses_a_certificate_from_another_ca(
    xmlsec1, trusted_pem, pki, unsigned, tmp_path
):
    signed = sign(unsigned, pki.stranger.key, pki.stranger.certificate)
    completed = _xmlsec1_verify(xmlsec1, trusted_pem, signed, tmp_path)
    assert completed.returncode != 0
