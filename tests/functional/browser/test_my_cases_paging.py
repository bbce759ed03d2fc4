"""Moje sprawy a page at a time: the head sees every file of the centre, so the
list is paged (``MyCasesView.page_size``), the links keep the filters, and only
the files a page shows are recorded as listed."""

import re

import pytest

from mgops.caseflow.browser.cases import MyCasesView
from mgops.caseflow.testing import PASSWORD


@pytest.fixture
def three_files(committed_file, monkeypatch):
    monkeypatch.setattr(MyCasesView, "page_size", 2)
    return [committed_file(n, state="active").UID() for n in (1, 2, 3)]


def _page(request_factory, path):
    session = request_factory(basic_auth=("head", PASSWORD), api=False)
    session.headers["Accept"] = "text/html"
    response = session.get(path)
    assert response.status_code == 200, response.text[:300]
    return response.text


def _references(html):
    return re.findall(r">(AR\.4010\.\d+\.2026)</a>", html)


def _listed(audit_log):
    return {
        entry.get("file_uid")
        for entry in audit_log(user="head")
        if entry["action"] == "list"
    }


def test_the_first_page_shows_a_page_and_links_the_next(
    request_factory, three_files, audit_log
):
    html = _page(request_factory, "/@@moje-sprawy?state=active")
    assert len(_references(html)) == 2
    assert "Sprawy 1–2 z 3" in html
    (later,) = re.findall(r'href="([^"]*b_start=2[^"]*)"', html)
    assert "state=active" in later
    assert "« Poprzednie" not in html
    assert len(_listed(audit_log) & set(three_files)) == 2


def test_the_next_page_shows_the_rest(request_factory, three_files, audit_log):
    first = _references(_page(request_factory, "/@@moje-sprawy?state=active"))
    html = _page(request_factory, "/@@moje-sprawy?state=active&b_start=2")
    (last,) = _references(html)
    assert last not in first
    assert "Sprawy 3–3 z 3" in html
    assert "« Poprzednie" in html
    assert "Następne »" not in html
    assert _listed(audit_log) & set(three_files) == set(three_files)


def test_a_start_past_the_end_shows_no_file(request_factory, three_files):
    html = _page(request_factory, "/@@moje-sprawy?b_start=50")
    assert _references(html) == []
    assert "« Poprzednie" in html


def test_a_short_list_has_no_paging(request_factory, committed_file):
    committed_file(1, state="active")
    html = _page(request_factory, "/@@moje-sprawy")
    assert "caseflow-paging" not in html
