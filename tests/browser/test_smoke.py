"""The pages open for their users (quick checks, also in a real browser)."""

import pytest


pytestmark = pytest.mark.browser


def test_login_lands_on_my_cases(open_as, family, shot):
    family(1)
    page = open_as("sw1")
    assert page.url.endswith("/@@moje-sprawy")
    assert page.locator("h1").inner_text() == "Moje sprawy"
    shot(page, "00-moje-sprawy-sw1")
