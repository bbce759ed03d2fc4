"""Sprawozdania in the Classic UI: the head's table with its links, the
downloads, the charts; refusals in Polish."""

import pytest


H1 = {
    "report": "sprawozdanie-wspieranie-rodziny",
    "from": "2026-01-01",
    "to": "2026-06-30",
}


def page(session_for, user, params):
    session = session_for(user)
    session.headers["Accept"] = "text/html"
    return session.get("/@@sprawozdania", params=params)


def test_the_head_sees_the_table_the_links_and_the_charts(session_for, report_site):
    response = page(session_for, "head", H1)
    assert response.status_code == 200
    html = response.text
    assert "Liczba rodzin, z którymi asystent rodziny prowadził pracę" in html
    assert "row=1.1" in html  # a figure links to the files behind it
    assert html.count('<svg role="img" aria-label=') == 3
    for kind in ("xlsx", "csv", "pdf"):
        assert f"format={kind}" in html


def test_the_files_behind_a_figure(session_for, report_site):
    response = page(session_for, "head", {**H1, "row": "4.1"})
    assert "Rodzina Zakończona" in response.text
    assert "Rodzina Sądowa" not in response.text


def test_a_download_from_the_page(session_for, report_site):
    response = page(session_for, "head", {**H1, "format": "xlsx"})
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


@pytest.mark.parametrize(
    ("user", "params", "message"),
    [
        ("fa1", H1, "Tylko kierownik"),
        ("head", {**H1, "from": "2026-01-01", "to": "2026-03-31"}, "półrocze"),
        ("head", {**H1, "report": "nic"}, "Nie ma sprawozdania"),
    ],
)
def test_refusals_on_the_page(session_for, report_site, user, params, message):
    response = page(session_for, user, params)
    assert response.status_code == 200
    assert message in response.text
    assert "caseflow-charts" not in response.text
