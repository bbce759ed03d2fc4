"""Archiwum a page at a time (``ArchiveView.page_size``): a city's archive keeps
every file closed in a decade, and each row wakes its file; only the files a page
shows are read and recorded as listed, in case-reference order."""

import datetime
import re

import pytest
import transaction

from mgops.caseflow.browser.cases import ArchiveView
from mgops.caseflow.testing.builders import close


@pytest.fixture
def three_closed(committed_file, functional_portal, monkeypatch):
    monkeypatch.setattr(ArchiveView, "page_size", 2)
    # made out of their order: the page sorts by case reference
    files = {n: committed_file(n, state="active") for n in (3, 1, 2)}
    transaction.begin()
    for n, family_file in files.items():
        close(functional_portal["akta"][family_file.getId()], datetime.date(2026, 3, n))
    committed_file(4, state="active")  # not ended: never on the page
    transaction.commit()
    return {n: family_file.UID() for n, family_file in files.items()}


def test_the_first_page_shows_the_first_two_by_case_reference(
    html_page, three_closed, audit_log
):
    html = html_page("archivist", "/@@archiwum")
    assert "Zamknięte sprawy 1–2 z 3" in html
    references = re.findall(r"AR\.4010\.(\d+)\.2026", html)
    assert references.index("1") < references.index("2")
    assert set(references) == {"1", "2"}
    assert re.findall(r'href="([^"]*@@archiwum\?b_start=2)"', html)
    assert audit_log.listed("archivist") == {three_closed[1], three_closed[2]}


def test_the_last_page_shows_the_third(html_page, three_closed, audit_log):
    html = html_page("archivist", "/@@archiwum?b_start=2")
    assert "Zamknięte sprawy 3–3 z 3" in html
    assert "« Poprzednie" in html
    assert "Następne »" not in html
    assert "AR.4010.3.2026" in html
    assert audit_log.listed("archivist") == {three_closed[3]}


@pytest.mark.parametrize("b_start", ["abc", "-5"])
def test_a_nonsense_start_shows_the_first_page(html_page, three_closed, b_start):
    html = html_page("archivist", f"/@@archiwum?b_start={b_start}")
    assert "Zamknięte sprawy 1–2 z 3" in html
