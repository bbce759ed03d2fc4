"""Qualified signatures against a real mock PKI (certomancer on 127.0.0.1).

Path validation with revocation (OCSP where the certificate names a
responder, CRL otherwise), the QC statements, XAdES-T from the TSA, and the
long-term data that lets a decision verify offline, as of its timestamp, after
its certificate expired. Every accepted XAdES-T verifies with ``xmlsec1`` and
its token with ``openssl ts -verify``.
"""

import base64
import dataclasses
import datetime
import shutil
import subprocess
import time

import pytest
from lxml import etree

from mgops.caseflow.core.signing import revocation
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.longterm import complete
from mgops.caseflow.core.signing.revocation import forget_revocation_answers
from mgops.caseflow.core.signing.revocation import validate_path
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.timestamp import TsaSettings
from mgops.caseflow.core.signing.timestamp import request_timestamp
from mgops.caseflow.core.signing.unsigned import add_unsigned_properties
from mgops.caseflow.core.signing.unsigned import timestamped_data
from mgops.caseflow.core.signing.unsigned import timestamps
from mgops.caseflow.core.signing.unsigned import validation_data
from mgops.caseflow.core.signing.verify import Policy
from mgops.caseflow.core.signing.verify import verify
from mgops.caseflow.core.signing.xades import sign


QUALIFIED = Policy(qualified_only=True, require_sscd=True, timeout=2)


@pytest.fixture(scope="module")
def tsa(mock_pki) -> TsaSettings:
    return TsaSettings(
        url=mock_pki.tsa_url, certificates=(mock_pki.certificate("tsa"),)
    )


def _signed(mock_pki, label, unsigned) -> bytes:
    return sign(
        unsigned,
        mock_pki.key(label),
        mock_pki.certificate(label),
        mock_pki.chain(label),
    )


def _complete(mock_pki, label, unsigned, tsa, policy=QUALIFIED, signed=None):
    return complete(
        signed or _signed(mock_pki, label, unsigned),
        unsigned,
        [mock_pki.certificate("root")],
        [mock_pki.certificate(label)],
        policy,
        tsa,
    )


def _tool(name):
    path = shutil.which(name)
    assert path, f"{name} is not installed (Debian package: {name})"
    return path


def cross_check(mock_pki, final: bytes, tmp_path) -> None:
    """An accepted XAdES-T verifies with xmlsec1 and its token with openssl ts."""
    root = parse_untrusted(final)
    # xmlsec1 verifies the XAdES-T signature (unsigned properties never signed)
    (tmp_path / "root.pem").write_bytes(mock_pki.pem("root"))
    (tmp_path / "qca.pem").write_bytes(mock_pki.pem("qca"))
    (tmp_path / "signed.xml").write_bytes(final)
    checked = subprocess.run(
        [
            _tool("xmlsec1"),
            "--verify",
            "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
            "--trusted-pem",
            str(tmp_path / "root.pem"),
            "--untrusted-pem",
            str(tmp_path / "qca.pem"),
            str(tmp_path / "signed.xml"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr

    # openssl ts -verify checks the token over the canonical SignatureValue
    (tmp_path / "token.der").write_bytes(timestamps(root)[0])
    (tmp_path / "data.bin").write_bytes(timestamped_data(root))
    (tmp_path / "tsa.pem").write_bytes(mock_pki.pem("tsa"))
    checked = subprocess.run(
        [
            _tool("openssl"),
            "ts",
            "-verify",
            "-token_in",
            "-in",
            str(tmp_path / "token.der"),
            "-data",
            str(tmp_path / "data.bin"),
            "-CAfile",
            str(tmp_path / "root.pem"),
            "-untrusted",
            str(tmp_path / "tsa.pem"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert "Verification: OK" in checked.stdout


def test_a_qualified_signature_becomes_xades_t_with_its_long_term_data(
    mock_pki, unsigned, tsa, tmp_path
):
    final, result = _complete(mock_pki, "head", unsigned, tsa)

    root = parse_untrusted(final)
    assert result.timestamped
    assert len(timestamps(root)) == 1
    data = validation_data(root)
    assert len(data.certificates) == 3  # head, qualified CA, national root
    assert data.ocsps, "the qualified CA names an OCSP responder: asked"
    assert abs(result.signing_time - datetime.datetime.now(datetime.UTC)) < (
        datetime.timedelta(minutes=1)
    )

    cross_check(mock_pki, final, tmp_path)


def test_a_certificate_with_only_a_crl_is_checked_by_its_crl(mock_pki, unsigned, tsa):
    final, _ = _complete(mock_pki, "head-crl-only", unsigned, tsa)

    data = validation_data(parse_untrusted(final))
    assert data.crls
    assert not data.ocsps


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("head-revoked-crl", "certificate_revoked"),
        ("head-revoked-ocsp", "certificate_revoked"),
        ("head-ocsp-down", "revocation_status_unknown"),
        ("head-expired", "certificate_not_valid_at_signing_time"),
        ("head-not-qualified", "certificate_not_qualified"),
    ],
    ids=["revoked-by-crl", "revoked-by-ocsp", "ocsp-unreachable", "expired", "nq"],
)
def test_a_certificate_that_may_not_sign_is_refused(
    mock_pki, unsigned, tsa, label, reason
):
    with pytest.raises(VerificationError) as refused:
        _complete(mock_pki, label, unsigned, tsa)

    assert refused.value.reason == reason


def test_a_non_qualified_certificate_signs_where_the_centre_allows_it(
    mock_pki, unsigned, tsa
):
    _, result = _complete(
        mock_pki, "head-not-qualified", unsigned, tsa, Policy(qualified_only=False)
    )

    assert result.timestamped


def test_the_tsa_down_refuses_the_signature(mock_pki, unsigned):
    down = TsaSettings(url="http://127.0.0.1:1/tsa", timeout=1)

    with pytest.raises(SignatureError) as refused:
        _complete(mock_pki, "head", unsigned, down)

    assert refused.value.reason == "timestamp_unavailable"


def test_no_tsa_refuses_where_a_timestamp_is_required(mock_pki, unsigned):
    with pytest.raises(SignatureError) as refused:
        _complete(mock_pki, "head", unsigned, None)

    assert refused.value.reason == "timestamp_not_configured"


def test_a_timestamp_over_other_data_is_refused(mock_pki, unsigned, tsa):
    signed = _signed(mock_pki, "head", unsigned)
    foreign = request_timestamp(b"another signature's value", tsa)
    forged = add_unsigned_properties(
        signed, foreign, validation_data(parse_untrusted(signed))
    )

    with pytest.raises(VerificationError) as refused:
        _complete(mock_pki, "head", unsigned, tsa, signed=forged)

    assert refused.value.reason == "timestamp_imprint_mismatch"


def test_a_timestamp_from_a_tsa_nobody_trusts_is_refused(mock_pki, unsigned, tsa):
    signed = _signed(mock_pki, "head", unsigned)
    token = request_timestamp(timestamped_data(parse_untrusted(signed)), tsa)
    stamped = add_unsigned_properties(
        signed, token, validation_data(parse_untrusted(signed))
    )

    with pytest.raises(VerificationError) as refused:
        verify(
            stamped,
            unsigned,
            [mock_pki.certificate("qca")],  # the TSA chains to the root only
            [mock_pki.certificate("head")],
            policy=dataclasses.replace(QUALIFIED, fetch=True),
        )

    assert refused.value.reason == "timestamp_untrusted"


def test_a_changed_timestamp_token_is_refused(mock_pki, unsigned, tsa):
    final, _ = _complete(mock_pki, "head", unsigned, tsa)
    root = etree.fromstring(final)
    stamp = root.find(".//{http://uri.etsi.org/01903/v1.3.2#}EncapsulatedTimeStamp")
    token = bytearray(base64.b64decode(stamp.text))
    token[-5] ^= 0xFF  # inside the TSA's signature value
    stamp.text = base64.b64encode(bytes(token)).decode()

    with pytest.raises(VerificationError) as refused:
        verify(
            etree.tostring(root),
            unsigned,
            [mock_pki.certificate("root")],
            [mock_pki.certificate("head")],
            policy=QUALIFIED,
        )

    assert refused.value.reason == "timestamp_invalid"


def test_a_decision_verifies_offline_as_of_its_timestamp_after_expiry(
    mock_pki, unsigned, tsa
):
    short = mock_pki.issue_short_lived(seconds=8)
    final, signed_result = _complete(mock_pki, short, unsigned, tsa)
    expiry = mock_pki.certificate(short).not_valid_after_utc
    time.sleep(
        max(0.0, (expiry - datetime.datetime.now(datetime.UTC)).total_seconds() + 1)
    )

    result = verify(
        final,
        unsigned,
        [mock_pki.certificate("root")],
        [mock_pki.certificate(short)],
        policy=dataclasses.replace(
            QUALIFIED, fetch=False, tsa_anchors=tsa.certificates
        ),
    )

    assert datetime.datetime.now(datetime.UTC) > expiry
    assert result.signing_time == signed_result.signing_time < expiry


def test_a_smart_card_signature_made_by_xmlsec1_with_signing_certificate_v1(
    mock_pki, unsigned, tsa, tmp_path
):
    """As older Polish tools sign: SigningCertificate (v1) with a SHA-1 digest."""
    signed = mock_pki.smart_card_sign(unsigned, "head", tmp_path)
    assert b"SigningCertificateV2" not in signed

    final, result = _complete(mock_pki, "head", unsigned, tsa, signed=signed)

    assert result.timestamped
    assert result.signer_common_name == "Ewa Kierownik"
    assert len(timestamps(parse_untrusted(final))) == 1
    cross_check(mock_pki, final, tmp_path)


def _fetched(mock_pki, label):
    return validate_path(
        mock_pki.certificate(label),
        mock_pki.chain(label),
        [mock_pki.certificate("root")],
        datetime.datetime.now(datetime.UTC),
        signer="Ewa Kierownik",
        revocation_mode="require",
    )


def test_a_good_status_is_reused_for_a_while_then_asked_anew(mock_pki, monkeypatch):
    """RFC 5019 6.2: a good answer is reused within REUSE_SECONDS (and its
    nextUpdate); after that the responder is asked again."""
    forget_revocation_answers()
    first = _fetched(mock_pki, "head")
    assert first.ocsps
    assert _fetched(mock_pki, "head").ocsps == first.ocsps

    monkeypatch.setattr(revocation, "REUSE_SECONDS", 0)
    # an OCSP answer made anew carries another producedAt
    assert _fetched(mock_pki, "head").ocsps != first.ocsps
