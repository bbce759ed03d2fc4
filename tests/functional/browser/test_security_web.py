"""CSRF protection, the session cookie and security headers, over real HTTP."""

import pytest
import requests
import transaction
from plone import api

from mgops.caseflow.testing import PASSWORD


@pytest.fixture
def url(functional_portal):
    return functional_portal.absolute_url()


def test_a_state_changing_form_without_token_is_refused(
    committed_file, url, functional_portal
):
    committed_file(1)
    response = requests.post(
        f"{url}/akta/ar-4010-1-2026/content_status_modify",
        data={"workflow_action": "refuse_cooperation"},
        auth=("sw1", PASSWORD),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 403, response.status_code
    transaction.begin()
    assert (
        api.content.get_state(functional_portal["akta"]["ar-4010-1-2026"]) == "intake"
    )


def test_a_form_post_without_token_cannot_edit(committed_file, url, functional_portal):
    committed_file(2)
    response = requests.post(
        f"{url}/akta/ar-4010-2-2026/@@edit",
        data={
            "form.widgets.family_name": "Zmienieni",
            "form.buttons.save": "Zapisz",
        },
        auth=("sw1", PASSWORD),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (403, 200)
    transaction.begin()
    assert functional_portal["akta"]["ar-4010-2-2026"].family_name == "Rodzina 2"


def test_the_session_cookie_is_http_only(url):
    session = requests.Session()
    session.get(f"{url}/login", timeout=30)
    response = session.post(
        f"{url}/login",
        data={
            "__ac_name": "sw1",
            "__ac_password": PASSWORD,
            "buttons.login": "Zaloguj",
            "came_from": "",
        },
        allow_redirects=False,
        timeout=30,
    )
    cookies = response.headers.get("Set-Cookie", "")
    assert "__ac=" in cookies, (response.status_code, cookies)
    ac = [part for part in cookies.split(",") if "__ac=" in part][0]
    assert "HttpOnly" in ac


@pytest.mark.parametrize(
    ("path", "user"),
    [
        ("", None),
        ("/akta/ar-4010-3-2026", "sw1"),
        ("/++api++/akta/ar-4010-3-2026", "sw1"),
        ("/akta/ar-4010-3-2026", "fa2"),  # refused: still with the headers
        ("/no-such-page", None),
    ],
)
def test_responses_carry_security_headers(committed_file, url, path, user):
    committed_file(3)
    auth = (user, PASSWORD) if user else None
    response = requests.get(f"{url}{path}", auth=auth, timeout=30)
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
