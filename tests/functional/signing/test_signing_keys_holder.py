"""@signing-keys: a head stores only a keystore whose certificate names them
(full name, and the PESEL of a qualified certificate); the administrator may
store another for them, confirming it."""

import base64

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

from mgops.caseflow.signing.keys import keystore_for
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD
from mgops.caseflow.testing.pki import issue_for


HEAD_PESEL = "44051401359"


@pytest.fixture
def head_with_pesel(functional_portal):
    """The site's profiles hold a PESEL, and the head's profile has one."""
    memberdata = api.portal.get_tool("portal_memberdata")
    if not memberdata.hasProperty("pesel"):
        memberdata.manage_addProperty("pesel", "", "string")
    api.user.get(userid="head").setMemberProperties({"pesel": HEAD_PESEL})
    transaction.commit()


def upload(session, pki, holder, **extra):
    keystore = base64.b64encode(pki.keystore(holder)).decode("ascii")
    return session.post(
        "/@signing-keys",
        json={"keystore": keystore, "password": KEYSTORE_PASSWORD, **extra},
    )


def stored(user_id):
    transaction.begin()
    return keystore_for(user_id) is not None


def test_a_certificate_naming_someone_else_is_refused_in_polish(session_for, trusted):
    response = upload(session_for("head"), trusted, trusted.other_person)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == "certificate_names_someone_else"
    assert "nie wskazuje Ciebie (Ewa Kierownik)" in error["message"]
    assert not stored("head")


@pytest.mark.parametrize(
    ("common_name", "subject"),
    [
        ("EWA   kierownik", {}),
        ("Kierownik E.", {"given_name": "Ewa", "surname": "Kierownik"}),
    ],
)
def test_the_name_is_compared_without_case_and_spacing(
    session_for, trusted, common_name, subject
):
    holder = issue_for(trusted, common_name, **subject)
    response = upload(session_for("head"), trusted, holder)
    assert response.status_code == 200, response.text
    assert stored("head")


def test_diacritics_do_not_matter(session_for, trusted, signing_site):
    holder = issue_for(trusted, "ZOFIA ZASTEPCZYNI")  # profile: Zofia Zastępczyni
    assert upload(session_for("head2"), trusted, holder).status_code == 200


def test_a_pesel_other_than_the_profiles_is_refused(
    session_for, trusted, head_with_pesel
):
    holder = issue_for(trusted, "Ewa Kierownik", pesel="02070803628")
    response = upload(session_for("head"), trusted, holder)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["reason"] == "certificate_pesel_mismatch"
    assert not stored("head")
    same = issue_for(trusted, "Ewa Kierownik", pesel=HEAD_PESEL)
    assert upload(session_for("head"), trusted, same).status_code == 200
    assert stored("head")


def test_the_administrator_confirms_a_certificate_for_a_head(
    session_for, request_factory, trusted
):
    admin = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    response = upload(admin, trusted, trusted.other_person, user="head")
    assert response.status_code == 200, response.text
    assert response.json()["user"] == "head"
    assert stored("head")


def test_a_head_stores_nothing_for_another_user(session_for, trusted):
    response = upload(session_for("head"), trusted, trusted.head, user="fa1")
    assert response.status_code == 403, response.text
    assert response.json()["error"]["reason"] == "error_keystore_for_another_user"
    assert not stored("fa1")


def test_under_the_session_cookie_the_csrf_token_is_needed(
    functional_portal, trusted, browser_login
):
    keystore = base64.b64encode(trusted.keystore(trusted.head)).decode("ascii")
    body = {"keystore": keystore, "password": KEYSTORE_PASSWORD}
    url = f"{functional_portal.absolute_url()}/@signing-keys"
    head = browser_login("head")
    refused = head.post(url, json=body, timeout=60)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["reason"] == "error_csrf_token"
    assert not stored("head")
    accepted = head.post(url, json=body, headers={"X-CSRF-TOKEN": head.token()})
    assert accepted.status_code == 200, accepted.text
    assert stored("head")
