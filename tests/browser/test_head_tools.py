"""The head's tools that were REST-only, in Chromium: a file's audit trail, the
GDPR report, retention and destruction, the archive import (checked first)."""

from datetime import date

import pytest
import requests
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.builders import close
from mgops.caseflow.testing.builders import closed_long_ago
from mgops.caseflow.workflow.deletion import destruction


pytestmark = pytest.mark.browser

PESEL = "44051401359"


def test_the_head_reads_a_files_audit_trail(
    open_as, family, site_url, accessible, shot
):
    family(61)
    page = open_as("head")
    page.goto(f"{site_url}/akta/ar-4010-61-2026")
    page.click("text=Dziennik zdarzeń")
    assert page.locator("h1").inner_text() == "Dziennik zdarzeń sprawy AR.4010.61.2026"
    assert "kompletny" in page.locator(".caseflow-chain-intact").inner_text()
    page.select_option("#caseflow-audit-action", "read")
    page.click("#caseflow-audit-show")
    rows = page.locator("table.caseflow-table tbody tr")
    assert rows.count() >= 1
    assert all("Odczyt" in text for text in rows.all_inner_texts())
    accessible(page)
    shot(page, "60-dziennik-zdarzen")


def test_the_head_prepares_a_gdpr_report(open_as, family, site_url, accessible, shot):
    family_file = family(62)
    family_file.members = [
        dict(family_file.members[0], pesel=PESEL, birth_date=date(1944, 5, 14))
    ]
    family_file.reindexObject()
    transaction.commit()
    page = open_as("head")
    page.click("nav.caseflow-nav >> text=Dane osoby (RODO)")
    accessible(page)
    page.fill("#caseflow-person-pesel", PESEL)
    page.click("#caseflow-person-search")
    assert "AR.4010.62.2026" in page.locator(".caseflow-person-record").inner_text()
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in page.content()
    accessible(page)
    shot(page, "61-raport-rodo")
    with page.expect_download() as download:
        page.click("#caseflow-person-csv")
    assert download.value.suggested_filename == "dane-osoby.csv"


def test_the_archivist_destroys_a_file_past_retention(
    open_as, family, site_url, functional_portal, accessible, shot
):
    family_file = family(63)
    with api.env.adopt_roles(["Manager"]):
        closed_long_ago(family_file, "B10", date(2012, 3, 1))
    transaction.commit()
    page = open_as("archivist")
    page.click("nav.caseflow-nav >> text=Brakowanie")
    accessible(page)
    form = page.locator("form.caseflow-destroy")
    form.locator("textarea[name=reason]").fill("Upływ okresu przechowywania.")
    form.locator("input[name=archive]").fill("Archiwum Państwowe w Kaliszu")
    form.locator("input[name=consent_reference]").fill("ZNA.4231.17.2025")
    form.locator("input[name=consent_date]").fill("2025-11-20")
    form.locator("input[name=confirm]").check()
    form.locator("button[type=submit]").click()
    assert "protokół brakowania nr 1" in page.locator(".portalMessage").inner_text()
    assert (
        "Archiwum Państwowe w Kaliszu"
        in page.locator(".caseflow-protocols").inner_text()
    )
    accessible(page)
    shot(page, "62-brakowanie")


def test_the_administrator_imports_a_package_after_its_check(
    chromium, family, site_url, functional_portal, accessible, shot, tmp_path
):
    family_file = family(64, state="active")
    close(family_file, date(2026, 7, 31))
    transaction.commit()
    package = tmp_path / "paczka.zip"
    package.write_bytes(
        requests.get(
            f"{site_url}/akta/@archive-export",
            params={"case": "AR.4010.64.2026"},
            auth=("archivist", PASSWORD),
            headers={"Accept": "application/json"},
            timeout=60,
        ).content
    )
    transaction.begin()
    with api.env.adopt_roles(["Manager"]), destruction():
        functional_portal["akta"]._delObject("ar-4010-64-2026")
    transaction.commit()
    context = chromium.new_context(locale="pl-PL")
    page = context.new_page()
    page.goto(f"{site_url}/login")
    page.fill("input[name='__ac_name']", SITE_OWNER_NAME)
    page.fill("input[name='__ac_password']", SITE_OWNER_PASSWORD)
    page.click("button[name='buttons.login']")
    page.goto(f"{site_url}/@@archiwum")
    page.click("text=Importuj paczkę archiwalną")
    page.set_input_files("#caseflow-import-package", str(package))
    page.click("#caseflow-import-check")
    assert "poprawna" in page.locator("h2").first.inner_text()
    assert "AR.4010.64.2026" in page.locator("table").inner_text()
    transaction.begin()
    assert "ar-4010-64-2026" not in functional_portal["akta"].objectIds()
    accessible(page)
    shot(page, "63-import-sprawdzenie")
    page.click("#caseflow-import-confirm")
    assert "Zaimportowano" in page.locator(".portalMessage").inner_text()
    transaction.begin()
    assert "ar-4010-64-2026" in functional_portal["akta"].objectIds()
    context.close()
