"""Terminy shows a page of the earliest obligations at a time, with its place."""

from datetime import date

import pytest
from plone import api

from mgops.caseflow.browser.cases import DeadlinesView


@pytest.fixture
def three_files(make_family_file):
    for number, learned_on in enumerate(
        (date(2026, 1, 5), date(2026, 2, 2), date(2026, 3, 2)), 1
    ):
        make_family_file(number, learned_on=learned_on)


def page(portal, request, b_start=None, size=2, **filters):
    request.form.clear()
    request.form.update(filters)
    if b_start is not None:
        request.form["b_start"] = b_start
    view = DeadlinesView(portal, request)
    view.page_size = size
    with api.env.adopt_user(username="head"):
        items = [item["case_reference"] for item in view.items()]
        return items, view.paging()


def test_first_page_links_to_the_later_one(portal, http_request, three_files):
    items, paging = page(portal, http_request)
    assert items == ["AR.4010.1.2026", "AR.4010.2.2026"]
    assert paging["text"] == "Terminy 1–2 z 3"
    assert paging["earlier"] is None
    assert paging["later"].endswith("/@@terminy?b_start=2")


def test_last_page_links_back(portal, http_request, three_files):
    items, paging = page(portal, http_request, b_start="2")
    assert items == ["AR.4010.3.2026"]
    assert paging["text"] == "Terminy 3–3 z 3"
    assert paging["earlier"].endswith("/@@terminy?b_start=0")
    assert paging["later"] is None


def test_the_links_keep_the_filters(portal, http_request, three_files):
    items, paging = page(portal, http_request, kind="interview")
    assert len(items) == 2
    assert paging["later"].endswith("/@@terminy?kind=interview&b_start=2")


def test_one_page_needs_no_paging(portal, http_request, three_files):
    items, paging = page(portal, http_request, size=100)
    assert len(items) == 3
    assert paging is None


@pytest.mark.parametrize("b_start", ["-5", "abc"])
def test_a_nonsense_start_shows_the_first_page(
    portal, http_request, three_files, b_start
):
    items, _paging = page(portal, http_request, b_start=b_start)
    assert items == ["AR.4010.1.2026", "AR.4010.2.2026"]
