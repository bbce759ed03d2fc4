"""Qualified signatures over real HTTP, against a real mock PKI on 127.0.0.1.

certomancer's CAs answer CRL and OCSP and its TSA gives RFC 3161 tokens; the
site trusts the mock national root, accepts only qualified signatures and
requires a timestamp, as an office sets it. Each refusal answers in Polish and
leaves the decision, the register and the family file as they were.
"""

import base64
import shutil
import subprocess

import pytest
import transaction
from cryptography.hazmat.primitives.serialization import Encoding
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.timestamp import TsaSettings
from mgops.caseflow.core.signing.timestamp import request_timestamp
from mgops.caseflow.core.signing.unsigned import add_unsigned_properties
from mgops.caseflow.core.signing.unsigned import timestamps
from mgops.caseflow.core.signing.unsigned import validation_data
from mgops.caseflow.core.signing.xades import sign
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.signing.keys import add_trusted_ca
from mgops.caseflow.signing.keys import certificates_for
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD
from mgops.caseflow.testing.pki import install_qualified

from ..conftest import YEAR


@pytest.fixture
def qualified(functional_portal, signing_site, mock_pki):
    """``qualified(label, tsa_url=…, keystore=True)``: the office's settings, the
    mock national root trusted, and (``keystore``) the certificate ``label``
    registered for the head with its keystore; committed."""

    def configured(*args, **kwargs):
        with api.env.adopt_roles(["Manager"]):
            install_qualified(mock_pki, *args, **kwargs)
        transaction.commit()
        return mock_pki

    return configured


def _stored(functional_portal, path) -> bytes:
    transaction.begin()
    return functional_portal.unrestrictedTraverse(path).signature_file.data


def test_a_qualified_signature_is_stored_as_xades_t_with_its_proofs(
    session_for, pending, qualified, functional_portal, tmp_path
):
    pki = qualified("head")
    path = pending()
    head = session_for("head")

    response = head.post(f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD})

    assert response.status_code == 200, response.text
    assert response.json()["register_number"] == f"1/{YEAR}"
    root = parse_untrusted(_stored(functional_portal, path))
    assert len(timestamps(root)) == 1
    assert validation_data(root).ocsps
    assert response.json()["verification"]["timestamped"] is True
    verified = head.get(f"/{path}/@verify").json()
    assert verified["valid"] is True
    assert verified["timestamped"] is True
    (tmp_path / "root.pem").write_bytes(pki.pem("root"))
    (tmp_path / "qca.pem").write_bytes(pki.pem("qca"))
    (tmp_path / "signed.xml").write_bytes(_stored(functional_portal, path))
    xmlsec1 = shutil.which("xmlsec1")
    assert xmlsec1, "xmlsec1 is not installed (Debian package: xmlsec1)"
    checked = subprocess.run(
        [xmlsec1, "--verify", "--trusted-pem", str(tmp_path / "root.pem")]
        + ["--untrusted-pem", str(tmp_path / "qca.pem"), str(tmp_path / "signed.xml")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize(
    ("label", "tsa_url", "reason", "polish"),
    [
        ("head-revoked-crl", None, "certificate_revoked", "unieważniony"),
        ("head-revoked-ocsp", None, "certificate_revoked", "unieważniony"),
        ("head-ocsp-down", None, "revocation_status_unknown", "Nie udało się"),
        ("head-expired", None, "certificate_not_valid_at_signing_time", "nie był"),
        ("head-not-qualified", None, "certificate_not_qualified", "kwalifikowanym"),
        ("head", "http://127.0.0.1:1/tsa", "timestamp_unavailable", "znakowania"),
    ],
    ids=["revoked-by-crl", "revoked-by-ocsp", "ocsp-unreachable", "expired"]
    + ["not-qualified", "tsa-down"],
)
def test_a_signature_that_cannot_be_proven_is_refused_and_nothing_stored(
    session_for, pending, qualified, snapshot, label, tsa_url, reason, polish
):
    qualified(label, tsa_url=tsa_url)
    path = pending()
    before = snapshot(path)

    response = session_for("head").post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )

    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == reason
    assert polish in error["message"]
    assert snapshot(path) == before


def _upload(session, path, data: bytes):
    return session.post(
        f"/{path}/@signed-upload",
        json={"file": base64.b64encode(data).decode("ascii")},
    )


def test_an_uploaded_bes_signature_gets_the_centre_s_timestamp(
    session_for, pending, qualified, functional_portal
):
    pki = qualified("head")
    path = pending()
    head = session_for("head")
    unsigned = head.get(f"/{path}/@decision-xml").content
    signed = sign(unsigned, pki.key("head"), pki.certificate("head"), pki.chain("head"))

    response = _upload(head, path, signed)

    assert response.status_code == 200, response.text
    assert len(timestamps(parse_untrusted(_stored(functional_portal, path)))) == 1


def test_an_uploaded_timestamp_over_other_data_is_refused(
    session_for, pending, qualified, snapshot
):
    pki = qualified("head")
    path = pending()
    head = session_for("head")
    unsigned = head.get(f"/{path}/@decision-xml").content
    signed = sign(unsigned, pki.key("head"), pki.certificate("head"), pki.chain("head"))
    tsa = TsaSettings(url=pki.tsa_url, certificates=(pki.certificate("tsa"),))
    foreign = request_timestamp(b"the value of another signature", tsa)
    forged = add_unsigned_properties(
        signed, foreign, validation_data(parse_untrusted(signed))
    )
    before = snapshot(path)

    response = _upload(head, path, forged)

    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == "timestamp_imprint_mismatch"
    assert "innych danych" in error["message"]
    assert snapshot(path) == before


def _register(session, data: bytes):
    return session.post(
        "/@signing-keys",
        json={"certificate": base64.b64encode(data).decode("ascii")},
    )


def _registered(user_id):
    transaction.begin()
    return [c.subject.rfc4514_string() for c in certificates_for(user_id)]


@pytest.mark.parametrize("form", ["pem-with-chain", "der"])
def test_a_head_with_only_a_certificate_file_signs_by_upload(
    session_for, pending, qualified, functional_portal, tmp_path, form
):
    """Certificate-only registration: a smart card's certificate, no key; then
    a signature made by xmlsec1 with SigningCertificate v1 / SHA-1 uploaded."""
    pki = qualified(keystore=False)
    if form == "der":  # the qualified CA installed beside the national root
        with api.env.adopt_roles(["Manager"]):
            add_trusted_ca(pki.pem("qca"))
        transaction.commit()
        data = pki.certificate("head").public_bytes(Encoding.DER)
    else:
        data = pki.pem("head") + pki.pem("qca")
    head = session_for("head")
    path = pending()

    registered = _register(head, data)

    assert registered.status_code == 200, registered.text
    assert "PNOPL-80010112345" in registered.json()["certificate"]["subject"]
    unsigned = head.get(f"/{path}/@decision-xml").content
    signed = pki.smart_card_sign(unsigned, "head", tmp_path)
    response = _upload(head, path, signed)
    assert response.status_code == 200, response.text
    assert response.json()["register_number"] == f"1/{YEAR}"
    stored = parse_untrusted(_stored(functional_portal, path))
    assert len(timestamps(stored)) == 1


@pytest.mark.parametrize(
    ("user_id", "pesel", "reason", "polish"),
    [
        ("head2", None, "certificate_names_someone_else", "nie wskazuje Ciebie"),
        ("head", "44051401359", "certificate_pesel_mismatch", "PESEL"),
    ],
    ids=["another-name", "another-pesel"],
)
def test_a_certificate_file_of_someone_else_is_refused(
    session_for, qualified, functional_portal, user_id, pesel, reason, polish
):
    pki = qualified(keystore=False)
    if pesel:
        memberdata = api.portal.get_tool("portal_memberdata")
        if not memberdata.hasProperty("pesel"):
            memberdata.manage_addProperty("pesel", "", "string")
        api.user.get(userid=user_id).setMemberProperties({"pesel": pesel})
        transaction.commit()
    before = _registered(user_id)

    response = _register(session_for(user_id), pki.pem("head") + pki.pem("qca"))

    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == reason
    assert polish in error["message"]
    assert _registered(user_id) == before


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("head-revoked-ocsp", "certificate_revoked"),
        ("head-not-qualified", "certificate_not_qualified"),
    ],
)
def test_a_certificate_file_that_may_not_sign_is_not_registered(
    session_for, qualified, label, reason
):
    pki = qualified(keystore=False)
    before = _registered("head")

    response = _register(session_for("head"), pki.pem(label) + pki.pem("qca"))

    assert response.status_code == 400, response.text
    assert response.json()["error"]["reason"] == reason
    assert _registered("head") == before


def test_a_file_that_is_no_certificate_is_refused(session_for, qualified):
    qualified(keystore=False)

    response = _register(session_for("head"), b"not a certificate")

    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == "certificate_file_invalid"
    assert "nie jest certyfikatem" in error["message"]


def _install_list(session, data: bytes):
    return session.post(
        "/@signing-keys",
        json={"trusted_list": base64.b64encode(data).decode("ascii")},
    )


def _trusted_subjects(admin):
    return [c["subject"] for c in admin.get("/@signing-keys").json()["trusted_cas"]]


@pytest.fixture
def list_signer(qualified, request_factory):
    """The office's settings with the list-signing certificate configured;
    the administrator's session."""
    pki = qualified(keystore=False)
    data, signer, other = pki.trusted_list()
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record(
            f"{PREFIX}.trusted_list_signing_certificates",
            signer.public_bytes(Encoding.PEM).decode("ascii"),
        )
    transaction.commit()
    admin = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    return pki, data, admin


def test_the_national_trusted_list_installs_its_granted_qualified_cas(list_signer):
    pki, data, admin = list_signer

    response = _install_list(admin, data)

    assert response.status_code == 200, response.text
    subjects = _trusted_subjects(admin)
    assert pki.certificate("qca").subject.rfc4514_string() in subjects
    assert (
        pki.certificate("crlca").subject.rfc4514_string() not in subjects
    )  # withdrawn
    services = admin.get("/@signing-keys").json()["trusted_services"]
    assert {s["name"] for s in services} == {
        "Kwalifikowane CA",
        "CA z listą CRL",
        "Znacznik czasu",
    }


def test_a_trusted_list_with_a_broken_signature_is_refused_in_polish(list_signer):
    _, data, admin = list_signer
    before = _trusted_subjects(admin)

    response = _install_list(admin, data.replace(b"Kwalifikowane CA<", b"Obce CA<", 1))

    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == "trusted_list_signature_invalid"
    assert "Nie zainstalowano listy zaufanych usług" in error["message"]
    assert _trusted_subjects(admin) == before


def test_only_the_administrator_installs_a_trusted_list(list_signer, session_for):
    _, data, _ = list_signer

    response = _install_list(session_for("head"), data)

    assert response.status_code == 403, response.text


def _trust_page(url, action, filename, data):
    """The administrator's Site Setup page of trust services, a file sent by
    its form: the page shown after it."""
    import requests

    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    session.headers["Accept"] = "text/html"
    token = session.get(f"{url}/@@authenticator/token", timeout=30).text.strip()
    return session.post(
        f"{url}/@@zaufane-uslugi",
        data={"_authenticator": token, "action": action},
        files={"file": (filename, data)},
        timeout=60,
    )


def test_site_setup_installs_the_trusted_list_and_refuses_a_broken_one(
    list_signer, functional_portal
):
    pki, data, admin = list_signer
    url = functional_portal.absolute_url()
    before = _trusted_subjects(admin)

    refused = _trust_page(
        url, "trusted_list", "tsl.xml", data.replace(b"Kwalifikowane CA<", b"Obce<", 1)
    )

    assert refused.status_code == 200
    assert "Nie zainstalowano listy zaufanych usług" in refused.text
    assert _trusted_subjects(admin) == before

    installed = _trust_page(url, "trusted_list", "tsl.xml", data)

    assert "Zainstalowano." in installed.text
    assert "Kwalifikowane CA" in installed.text
    assert "withdrawn" in installed.text  # the CRL-only CA's history
    assert pki.certificate("qca").subject.rfc4514_string() in _trusted_subjects(admin)
