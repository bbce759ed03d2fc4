"""@destroy under the browser's session cookie: refused without the CSRF token,
the file kept; with the page's token the protocol is written and the file goes."""

import transaction

from .test_gdpr import CONSENT
from .test_gdpr import closed_files  # noqa: F401 - a fixture


def test_destroy_by_cookie_needs_the_token(
    functional_portal,
    closed_files,  # noqa: F811
    browser_login,
):
    url = f"{functional_portal.absolute_url()}/akta/ar-4010-1-2026/@destroy"
    body = {"reason": "Upływ okresu przechowywania", "archive_consent": CONSENT}
    archivist = browser_login("archivist")
    refused = archivist.post(url, json=body, timeout=60)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["reason"] == "error_csrf_token"
    transaction.begin()
    assert "ar-4010-1-2026" in functional_portal["akta"]
    done = archivist.post(
        url, json=body, headers={"X-CSRF-TOKEN": archivist.token()}, timeout=60
    )
    assert done.status_code == 200, done.text
    transaction.begin()
    assert "ar-4010-1-2026" not in functional_portal["akta"]
