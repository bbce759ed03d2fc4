"""Moje sprawy a page at a time: the head sees every file of the centre, so the
list is paged (``MyCasesView.page_size``), the links keep the filters, and only
the files a page shows are recorded as listed."""

import re

import pytest

from mgops.caseflow.browser.cases import MyCasesView


@pytest.fixture
def three_files(committed_file, monkeypatch):
    monkeypatch.setattr(MyCasesView, "page_size", 2)
    return [committed_file(n, state="active").UID() for n in (1, 2, 3)]


def _references(html):
    return re.findall(r">(AR\.4010\.\d+\.2026)</a>", html)


def test_the_first_page_shows_a_page_and_links_the_next(
    html_page, three_files, audit_log
):
    html = html_page("head", "/@@moje-sprawy?state=active")
    assert len(_references(html)) == 2
    assert "Sprawy 1–2 z 3" in html
    (later,) = re.findall(r'href="([^"]*b_start=2[^"]*)"', html)
    assert "state=active" in later
    assert "« Poprzednie" not in html
    assert len(audit_log.listed("head") & set(three_files)) == 2


def test_the_next_page_shows_the_rest(html_page, three_files, audit_log):
    first = _references(html_page("head", "/@@moje-sprawy?state=active"))
    html = html_page("head", "/@@moje-sprawy?state=active&b_start=2")
    (last,) = _references(html)
    assert last not in first
    assert "Sprawy 3–3 z 3" in html
    assert "« Poprzednie" in html
    assert "Następne »" not in html
    assert audit_log.listed("head") & set(three_files) == set(three_files)


def test_a_start_past_the_end_shows_no_file(html_page, three_files):
    html = html_page("head", "/@@moje-sprawy?b_start=50")
    assert _references(html) == []
    assert "« Poprzednie" in html


def test_a_short_list_has_no_paging(html_page, committed_file):
    committed_file(1, state="active")
    html = html_page("head", "/@@moje-sprawy")
    assert "caseflow-paging" not in html
