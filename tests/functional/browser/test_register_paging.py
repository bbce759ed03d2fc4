"""Rejestr decyzji a page at a time (``RegisterView.page_size``): the links keep
the year and the kind, and only the entries a page shows are read and recorded
as listed (its list of years comes from the catalog's index, no entry)."""

import datetime
import re

import pytest
import transaction

from mgops.caseflow.browser.register import RegisterView
from mgops.caseflow.testing.builders import record_decision


YEAR = datetime.date.today().year


@pytest.fixture
def three_entries(committed_file, functional_portal, monkeypatch):
    monkeypatch.setattr(RegisterView, "page_size", 2)
    files = [committed_file(n, state="active") for n in (1, 2, 3)]
    transaction.begin()
    for family_file in files:
        record_decision(functional_portal["akta"][family_file.getId()], "other")
    transaction.commit()
    return [family_file.UID() for family_file in files]


def test_the_first_page_shows_two_entries_and_links_the_rest(
    html_page, three_entries, audit_log
):
    html = html_page("head", f"/rejestr-decyzji?year={YEAR}&kind=other")
    assert "Wpisy 1–2 z 3" in html
    (later,) = re.findall(r'href="([^"]*b_start=2[^"]*)"', html)
    assert f"year={YEAR}" in later
    assert "kind=other" in later
    listed = audit_log.listed("head")
    assert len(set(listed) & set(three_entries)) == 2
    assert str(YEAR) in html  # the year is offered in the filter


def test_the_last_page_shows_the_third(html_page, three_entries, audit_log):
    html = html_page("head", f"/rejestr-decyzji?year={YEAR}&kind=other&b_start=2")
    assert "Wpisy 3–3 z 3" in html
    assert "« Poprzednie" in html
    assert "Następne »" not in html
    assert audit_log.listed("head") & set(three_entries) == {three_entries[2]}
