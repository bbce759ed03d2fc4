"""Sprawozdania in a real browser: the head picks the report and period, reads
the table and the charts, follows a figure to its files; WCAG 2.1 AA."""

import transaction

from mgops.caseflow.testing.reports import build_report_facts


#: the page's own part: Plone's toolbar, search box and breadcrumbs are checked
#: (and fail today) wherever the site's chrome is tested, not here


def test_the_head_produces_the_half_yearly_report(
    open_as, site_url, functional_portal, accessible, shot
):
    build_report_facts(functional_portal)
    transaction.commit()
    page = open_as("head")
    page.goto(f"{site_url}/@@sprawozdania")
    accessible(page)
    page.select_option("#caseflow-report", "sprawozdanie-wspieranie-rodziny")
    page.fill("#caseflow-report-from", "2026-01-01")
    page.fill("#caseflow-report-to", "2026-06-30")
    page.get_by_role("button", name="Pokaż").click()
    page.wait_for_load_state()
    table = page.locator("table.caseflow-report-table")
    assert (
        "Liczba rodzin, z którymi asystent rodziny prowadził pracę"
        in table.inner_text()
    )
    assert page.locator("svg[role=img]").count() == 3
    shot(page, "sprawozdania")
    accessible(page)
    row = page.locator("tr", has_text="w tym: rodziny zobowiązane przez sąd")
    row.get_by_role("link").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("link", name="Rodzina Sądowa (AR.4010.41.2026)").count() == 1
    )
    accessible(page)


def test_the_settlement_page_is_accessible(
    open_as, site_url, functional_portal, accessible
):
    build_report_facts(functional_portal)
    transaction.commit()
    page = open_as("head")
    page.goto(
        f"{site_url}/@@sprawozdania?report=rozliczenie-asystent-rodziny"
        "&from=2026-01-01&to=2026-03-31"
    )
    assert "1000.0" in page.locator("table.caseflow-report-table").inner_text()
    accessible(page)
