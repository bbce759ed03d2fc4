"""Signing over real HTTP: both routes, refusals that change nothing, the register."""

import base64
import copy
import datetime
import shutil
import subprocess
import threading

import pytest
import transaction
from lxml import etree
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

from mgops.caseflow.core.signing.xades import NAMESPACES
from mgops.caseflow.core.signing.xades import sign
from mgops.caseflow.signing import signing
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD
from mgops.caseflow.upgrades.v1012 import renumber_register

from ..conftest import YEAR


@pytest.fixture
def session(session_for, request_factory):
    def make(user_id):
        if user_id == "admin":
            return request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        return session_for(user_id)

    return make


def xmlsec1_verify(signed: bytes, ca_pem: bytes, tmp_path):
    path = shutil.which("xmlsec1")
    assert path, "xmlsec1 is not installed (Debian package: xmlsec1)"
    (tmp_path / "ca.pem").write_bytes(ca_pem)
    (tmp_path / "signed.xml").write_bytes(signed)
    return subprocess.run(
        [path, "--verify", "--trusted-pem", str(tmp_path / "ca.pem")]
        + [str(tmp_path / "signed.xml")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_sign_in_server_round_trip(
    session, pending, functional_portal, signing_site, tmp_path
):
    path = pending()
    head = session("head")
    response = head.post(f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["register_number"] == f"1/{YEAR}"
    assert body["verification"]["signer"] == "Ewa Kierownik"

    signed = head.get(f"/{path}/@decision-xml")
    assert signed.status_code == 200
    assert signed.headers["Content-Type"].startswith("application/xml")
    assert signed.headers["Content-Disposition"].startswith("attachment")
    transaction.begin()
    decision = functional_portal.unrestrictedTraverse(path)
    assert signed.content == decision.signature_file.data
    assert api.content.get_state(decision) == "signed"

    verified = head.get(f"/{path}/@verify").json()
    assert verified["valid"] is True
    assert verified["register_number"] == f"1/{YEAR}"
    assert verified["certificate_sha256"] == body["verification"]["certificate_sha256"]
    assert verified["signing_time"]

    ca_pem = signing_site.ca.pem
    result = xmlsec1_verify(signed.content, ca_pem, tmp_path)
    assert result.returncode == 0, result.stderr


def test_signed_assignment_activates_the_file_over_http(
    session, pending, functional_portal
):
    path = pending(kind="assign_assistant")
    response = session("head").post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    family_file = functional_portal.unrestrictedTraverse(path).aq_parent
    assert api.content.get_state(family_file) == "active"
    assert family_file.assistant == "fa2"
    assert "FamilyAssistant" in family_file.get_local_roles_for_userid("fa2")
    # the new assistant now sees the file, the old one no longer does
    assert session("fa2").get(f"/{path}").status_code == 200
    assert session("fa1").get(f"/{path}").status_code in (401, 403, 404)


def test_signed_end_of_work_moves_the_file_to_monitoring_over_http(
    session, pending, functional_portal
):
    path = pending(kind="end_work", file_state="active")
    response = session("head").post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    family_file = functional_portal.unrestrictedTraverse(path).aq_parent
    assert api.content.get_state(family_file) == "monitoring"
    assert family_file.ended is not None


def test_wrong_password_gives_400_in_polish_and_changes_nothing(
    session, pending, snapshot
):
    path = pending()
    before = snapshot(path)
    response = session("head").post(f"/{path}/@sign", json={"password": "zle"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "BadRequest"
    assert "hasło" in error["message"]
    assert snapshot(path) == before


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist", "member", "admin"])
def test_only_the_head_can_sign(session, pending, snapshot, user_id):
    path = pending()
    before = snapshot(path)
    response = session(user_id).post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    assert response.status_code in (401, 403), response.text
    upload = session(user_id).post(f"/{path}/@signed-upload", json={"file": "eA=="})
    assert upload.status_code in (401, 403), upload.text
    assert snapshot(path) == before


def test_anonymous_cannot_sign(session_for, pending, snapshot):
    path = pending()
    before = snapshot(path)
    response = session_for(None).post(f"/{path}/@sign", json={"password": "x"})
    assert response.status_code == 401
    assert snapshot(path) == before


@pytest.mark.parametrize(
    ("file_transition", "kind", "file_state"),
    [
        ("assign_assistant", "assign_assistant", "awaiting_decision"),
        ("end_work", "end_work", "active"),
    ],
)
@pytest.mark.parametrize("user_id", ["head", "admin"])
def test_nobody_fires_the_signature_transitions_by_hand(
    session, pending, snapshot, user_id, file_transition, kind, file_state
):
    path = pending(kind=kind, file_state=file_state)
    before = snapshot(path)
    file_path = path.rsplit("/", 1)[0]
    client = session(user_id)
    assert client.post(f"/{file_path}/@workflow/{file_transition}").status_code >= 400
    assert client.post(f"/{path}/@workflow/sign").status_code >= 400
    assert snapshot(path) == before


def _signed_by(holder, unsigned, **kwargs):
    return sign(unsigned, holder.key, holder.certificate, **kwargs)


def _tamper_content(signed, pki, unsigned):
    return signed.replace(b"Przydzielam", b"Przydzielem")


def _tamper_signing_time(signed, pki, unsigned):
    root = etree.fromstring(signed)
    element = root.find(".//xades:SigningTime", NAMESPACES)
    year, rest = element.text.split("-", 1)
    element.text = f"{int(year) - 1}-{rest}"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _tamper_signature_value(signed, pki, unsigned):
    root = etree.fromstring(signed)
    element = root.find(".//ds:SignatureValue", NAMESPACES)
    text = "".join(element.text.split())
    element.text = ("B" if text[0] == "A" else "A") + text[1:]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _two_signatures(signed, pki, unsigned):
    root = etree.fromstring(signed)
    root.append(copy.deepcopy(root.find("ds:Signature", NAMESPACES)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _other_content(signed, pki, unsigned):
    other = unsigned.replace(b"Przydzielam", b"Odmawiam przydzielenia")
    return _signed_by(pki.head, other)


HOSTILE = {
    "doctype-entities": (
        lambda *a: (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;">]><decision>&b;</decision>'
        ),
        "xml_doctype_forbidden",
    ),
    "external-entity": (
        lambda *a: (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]><decision>&x;</decision>'
        ),
        "xml_doctype_forbidden",
    ),
    "external-dtd": (
        lambda *a: (
            b'<?xml version="1.0"?><!DOCTYPE decision SYSTEM '
            b'"http://example.org/x.dtd"><decision/>'
        ),
        "xml_doctype_forbidden",
    ),
    "malformed": (lambda *a: b"<decision><unclosed></decision>", "xml_malformed"),
    "huge": (
        lambda *a: b"<decision>" + b"x" * (5 * 1024 * 1024 + 1) + b"</decision>",
        "xml_too_large",
    ),
    "unsigned": (lambda s, pki, unsigned: unsigned, "signature_missing"),
    "two-signatures": (_two_signatures, "signature_multiple"),
    "other-content": (_other_content, "content_mismatch"),
    "content-changed": (_tamper_content, "document_changed"),
    "signing-time-changed": (_tamper_signing_time, "signed_properties_changed"),
    "signature-value-changed": (_tamper_signature_value, "signature_invalid"),
    "another-person": (
        lambda s, pki, unsigned: _signed_by(pki.other_person, unsigned),
        "certificate_not_registered",
    ),
    "another-head": (
        lambda s, pki, unsigned: _signed_by(pki.head2, unsigned),
        "certificate_not_registered",
    ),
    "expired-certificate": (
        lambda s, pki, unsigned: _signed_by(pki.expired_head, unsigned),
        "certificate_not_valid_at_signing_time",
    ),
    "expired-certificate-backdated": (
        lambda s, pki, unsigned: _signed_by(
            pki.expired_head,
            unsigned,
            signing_time=pki.expired_head.certificate.not_valid_before_utc
            + datetime.timedelta(days=1),
        ),
        "signing_time_not_decision_date",
    ),
    "untrusted-ca": (
        lambda s, pki, unsigned: _signed_by(pki.stranger, unsigned),
        "certificate_untrusted",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_or_bad_uploads_are_refused_and_change_nothing(
    session, pending, snapshot, signing_site, case
):
    path = pending()
    head = session("head")
    unsigned = head.get(f"/{path}/@decision-xml").content
    good = _signed_by(signing_site.head, unsigned)
    make, reason = HOSTILE[case]
    data = make(good, signing_site, unsigned)
    before = snapshot(path)
    response = head.post(
        f"/{path}/@signed-upload",
        json={"file": base64.b64encode(data).decode("ascii")},
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == reason
    assert error["message"]
    assert snapshot(path) == before


@pytest.mark.parametrize("body", [{}, {"file": "%%%"}, {"file": 5}])
def test_upload_without_a_file_is_refused(session, pending, snapshot, body):
    path = pending()
    before = snapshot(path)
    response = session("head").post(f"/{path}/@signed-upload", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["reason"] == "signed_upload_missing"
    assert snapshot(path) == before


def test_external_upload_round_trip(session, pending, signing_site, functional_portal):
    path = pending()
    head = session("head")
    unsigned = head.get(f"/{path}/@decision-xml").content
    signed = _signed_by(signing_site.head, unsigned)
    response = head.post(
        f"/{path}/@signed-upload",
        data=signed,
        headers={"Content-Type": "application/xml"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["register_number"] == f"1/{YEAR}"
    assert head.get(f"/{path}/@decision-xml").content == signed
    assert head.get(f"/{path}/@verify").json()["valid"] is True


def test_signed_decision_cannot_be_changed_by_anyone(session, pending):
    path = pending(kind="other")
    head = session("head")
    assert head.post(f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}).ok
    for user_id in ["head", "admin", "sw1"]:
        client = session(user_id)
        patch = client.patch(f"/{path}", json={"content": "Zmienione"})
        assert patch.status_code in (401, 403), (user_id, patch.text)
        again = client.post(f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD})
        assert again.status_code in (400, 401, 403)
    assert (
        head.get(f"/{path}").json()["content"]
        == "Przydzielam rodzinie asystenta rodziny."
    )


def test_readonly_signature_fields_cannot_be_set_through_patch(
    session, functional_portal, committed_file, signing_site
):
    family_file = committed_file(7, state="awaiting_decision")
    head = session("head")
    created = head.post(
        f"/akta/{family_file.getId()}",
        json={
            "@type": "Decision",
            "title": "Decyzja",
            "kind": "other",
            "content": "Treść",
            "justification": "Uzasadnienie",
        },
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    response = head.patch(
        url,
        json={
            "register_number": "999/2026",
            "signer": "Ktoś",
            "signed_at": "2026-01-01T10:00:00",
        },
    )
    assert response.status_code in (204, 400), response.text
    body = head.get(url).json()
    assert body["register_number"] is None
    assert body["signer"] is None
    assert body["signed_at"] is None


def test_register_lists_signed_decisions_with_filters(session, pending):
    head = session("head")
    paths = [
        pending(1, kind="assign_assistant"),
        pending(2, kind="end_work", file_state="active"),
        pending(3, kind="other"),
    ]
    for path in paths:
        assert head.post(f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}).ok
    unsigned_path = pending(4, kind="other")
    listing = head.get("/rejestr-decyzji/@register").json()
    # number 1 went to file 2's assignment, recorded when it became active
    assert [item["register_number"] for item in listing["items"]] == [
        f"{n}/{YEAR}" for n in (1, 2, 3, 4)
    ]
    listing["items"] = listing["items"][1:]
    assert listing["items"][0]["kind"] == "assign_assistant"
    assert listing["items"][0]["case_reference"] == "AR.4010.1.2026"
    assert listing["items"][0]["signed_number"] is None
    assert listing["items"][0]["family_name"] == "Rodzina 1"
    assert listing["items"][0]["signer"] == "Ewa Kierownik"
    assert unsigned_path not in str(listing)
    only_end = head.get("/@register", params={"kind": "end_work"}).json()
    assert [i["register_number"] for i in only_end["items"]] == [f"3/{YEAR}"]
    assert head.get("/@register", params={"year": YEAR - 1}).json()["items"] == []
    bad = head.get("/@register", params={"year": "abc"})
    assert bad.status_code == 400
    exported = head.get("/@register", params={"format": "xml", "year": YEAR})
    assert exported.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(exported.content)
    assert len(root) == 4  # the year's entries, file 2's recorded assignment first
    namespace = {"r": "urn:mgops:caseflow:register:1"}
    assert [
        (
            entry.findtext("r:registerNumber", namespaces=namespace),
            entry.findtext("r:caseReference", namespaces=namespace),
        )
        for entry in root.iterfind("r:entry", namespaces=namespace)
    ][:2] == [(f"1/{YEAR}", "AR.4010.2.2026"), (f"2/{YEAR}", "AR.4010.1.2026")]


def test_twenty_concurrent_signings_get_twenty_consecutive_numbers(
    session, pending, functional_portal
):
    paths = pending(1, kind="other", count=20)
    barrier = threading.Barrier(len(paths))
    results = [None] * len(paths)

    def run(index, path):
        client = session("head" if index % 2 else "head2")
        barrier.wait()
        results[index] = client.post(
            f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
        )

    threads = [
        threading.Thread(target=run, args=(index, path))
        for index, path in enumerate(paths)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert [r.status_code for r in results] == [200] * 20, [
        r.text for r in results if r.status_code != 200
    ]
    numbers = sorted(int(r.json()["register_number"].split("/")[0]) for r in results)
    assert numbers == list(range(1, 21))
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        issued = decision_numbers().issued(YEAR)
    assert sorted(issued) == list(range(1, 21))
    assert len(set(issued.values())) == 20


def test_a_decision_signed_before_1012_shows_both_numbers_and_verifies(
    session, pending, functional_portal, monkeypatch
):
    """Signed as ``AR.4010.1.<year>`` (the case reference's shape), upgraded:
    the register answers ``1/<year>``, the signed number beside it, and the
    kept signature still verifies over HTTP."""
    path = pending(kind="other")
    old = f"AR.4010.1.{YEAR}"
    with monkeypatch.context() as patch:
        patch.setattr(signing, "format_number", lambda n, year: old)
        head = session("head")
        assert head.post(f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}).ok
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        renumber_register(functional_portal.portal_setup)
    transaction.commit()

    (entry,) = head.get("/@register").json()["items"]
    assert entry["register_number"] == f"1/{YEAR}"
    assert entry["signed_number"] == old
    assert entry["case_reference"] == "AR.4010.1.2026"
    verified = head.get(f"/{path}/@verify").json()
    assert verified["valid"] is True
    assert verified["register_number"] == f"1/{YEAR}"
    assert verified["signed_number"] == old
    signed = head.get(f"/{path}/@decision-xml").content
    assert f"<registerNumber>{old}</registerNumber>".encode() in signed
    exported = head.get("/@register", params={"format": "xml"}).content
    assert f"<signedNumber>{old}</signedNumber>".encode() in exported
