"""Classic UI pages over real HTTP, as a browser sends them."""

import lxml.html
import pytest

from mgops.caseflow.testing import PASSWORD


@pytest.fixture
def page_for(request_factory):
    """``page_for("head")``: a session asking for HTML pages (not the REST API)."""

    def make(user_id):
        auth = (user_id, PASSWORD) if user_id else None
        session = request_factory(api=False, basic_auth=auth)
        session.headers["Accept"] = "text/html"
        return session

    return make


def html(response):
    return lxml.html.fromstring(response.text)


def text_of(response):
    return " ".join(html(response).text_content().split())
