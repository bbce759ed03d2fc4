"""@signing-keys: a head stores their own keystore; only the Manager extends trust."""

import base64

import pytest

from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD


def upload(session, pki, holder, password=KEYSTORE_PASSWORD):
    keystore = base64.b64encode(pki.keystore(holder)).decode("ascii")
    return session.post(
        "/@signing-keys", json={"keystore": keystore, "password": password}
    )


def test_head_stores_own_keystore_and_then_signs_with_it(session_for, trusted, pending):
    response = upload(session_for("head"), trusted, trusted.head)
    assert response.status_code == 200, response.text
    assert response.json()["certificate"]["subject"].startswith("CN=Ewa Kierownik")
    listing = session_for("head").get("/@signing-keys").json()
    assert listing["keystore_stored"] is True
    uploaded = response.json()["certificate"]["sha256"]
    assert uploaded in [c["sha256"] for c in listing["certificates"]]
    path = pending(1)
    signed = session_for("head").post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    assert signed.status_code == 200, signed.text


def test_wrong_password_stores_nothing_and_says_why_in_polish(
    session_for, trusted, functional_portal
):
    response = upload(session_for("head"), trusted, trusted.head, password="zle")
    assert response.status_code == 400
    assert "hasło jest błędne" in response.json()["error"]["message"]
    listing = session_for("head").get("/@signing-keys").json()
    assert listing["keystore_stored"] is False
    assert listing["certificates"] == []


def test_keystore_from_an_untrusted_ca_is_refused(
    session_for, trusted, functional_portal
):
    response = upload(session_for("head"), trusted, trusted.stranger)
    assert response.status_code == 400
    assert response.json()["error"]["reason"] == "certificate_untrusted"
    assert session_for("head").get("/@signing-keys").json()["keystore_stored"] is False


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist", "member", None])
def test_only_heads_manage_signing_keys(session_for, trusted, user_id):
    assert upload(session_for(user_id), trusted, trusted.head).status_code in (401, 403)
    assert session_for(user_id).get("/@signing-keys").status_code in (401, 403)


def test_trust_list_is_changed_by_the_manager_only(
    session_for, request_factory, pki, functional_portal
):
    refused = session_for("head").post(
        "/@signing-keys", json={"trusted_ca": pki.ca.pem.decode()}
    )
    assert refused.status_code == 403
    assert session_for("head").get("/@signing-keys").json()["trusted_cas"] == []
    manager = request_factory(role="Manager")
    accepted = manager.post("/@signing-keys", json={"trusted_ca": pki.ca.pem.decode()})
    assert accepted.status_code == 200, accepted.text
    listing = session_for("head").get("/@signing-keys").json()["trusted_cas"]
    assert [c["subject"] for c in listing] == [
        pki.ca.certificate.subject.rfc4514_string()
    ]


def test_malformed_body_is_a_polish_400(session_for, trusted):
    response = session_for("head").post("/@signing-keys", json={"something": 1})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Wyślij")
