"""@sign under the browser's session cookie needs the CSRF token; Basic and JWT do not."""

import requests
import transaction
from plone import api

from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD


def _state(portal, path):
    transaction.begin()
    return api.content.get_state(portal.unrestrictedTraverse(path))


def test_cookie_post_without_token_is_refused_and_signs_nothing(
    functional_portal, pending, browser_login
):
    path = pending(1)
    url = functional_portal.absolute_url()
    head = browser_login("head")
    response = head.post(
        f"{url}/{path}/@sign", json={"password": KEYSTORE_PASSWORD}, timeout=60
    )
    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["reason"] == "error_csrf_token"
    assert "token CSRF" in error["message"]
    assert _state(functional_portal, path) == "pending_signature"


def test_a_wrong_token_is_refused_too(functional_portal, pending, browser_login):
    path = pending(1)
    url = functional_portal.absolute_url()
    response = browser_login("head").post(
        f"{url}/{path}/@sign",
        json={"password": KEYSTORE_PASSWORD},
        headers={"X-CSRF-TOKEN": "0" * 40},
        timeout=60,
    )
    assert response.status_code == 403, response.text
    assert _state(functional_portal, path) == "pending_signature"


def test_cookie_post_with_the_pages_token_signs(
    functional_portal, pending, browser_login
):
    path = pending(1)
    url = functional_portal.absolute_url()
    head = browser_login("head")
    token = head.token()
    assert len(token) == 40, token
    response = head.post(
        f"{url}/{path}/@sign",
        json={"password": KEYSTORE_PASSWORD},
        headers={"X-CSRF-TOKEN": token},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert _state(functional_portal, path) == "signed"


def test_basic_auth_signs_without_token(functional_portal, pending, session_for):
    path = pending(1)
    response = session_for("head").post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert _state(functional_portal, path) == "signed"


def test_jwt_bearer_signs_without_token(functional_portal, pending):
    path = pending(1)
    url = functional_portal.absolute_url()
    login = requests.post(
        f"{url}/@login",
        json={"login": "head", "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert login.status_code == 200, login.text
    response = requests.post(
        f"{url}/{path}/@sign",
        json={"password": KEYSTORE_PASSWORD},
        headers={
            "Accept": "application/json",
            "Authorization": f"Bearer {login.json()['token']}",
        },
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert _state(functional_portal, path) == "signed"
