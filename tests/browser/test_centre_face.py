"""The centre's face in a real browser: header, footer, statement, letterhead."""

import pytest
import transaction
from plone import api
from plone.formwidget.namedfile.converter import b64encode_file


pytestmark = pytest.mark.browser

NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej w Nowym Mieście"
ADDRESS = "ul. Kościuszki 12, 05-300 Nowe Miasto"
REGON = "711583422"
#: a shield, as a municipality's coat of arms in a centre's logo
LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" width="56" height="64"
viewBox="0 0 56 64"><path d="M2 2h52v30c0 16-12 26-26 30C14 58 2 48 2 32z"
fill="#c8102e" stroke="#0d3b66" stroke-width="3"/><path d="M28 14l5 10h10l-8 7
3 11-10-6-10 6 3-11-8-7h10z" fill="#fff"/></svg>"""


def set_centre(logo=None):
    transaction.begin()
    api.portal.set_registry_record("mgops.caseflow.centre_name", NAME)
    api.portal.set_registry_record("mgops.caseflow.centre_address", ADDRESS)
    api.portal.set_registry_record("mgops.caseflow.archive_institution_regon", REGON)
    if logo:
        api.portal.set_registry_record(
            "mgops.caseflow.centre_logo", b64encode_file("herb.svg", logo)
        )
    transaction.commit()


def logo_loaded(page) -> bool:
    return page.eval_on_selector(
        "#portal-logo img", "img => img.complete && img.naturalWidth > 0"
    )


def test_without_a_logo_the_header_shows_the_centres_name(
    functional_portal, chromium, site_url, shot
):
    set_centre()
    context = chromium.new_context(locale="pl-PL")
    page = context.new_page()
    page.goto(f"{site_url}/login")
    header = page.locator("#portal-logo")
    assert header.is_visible()
    assert header.inner_text().strip() == NAME
    assert page.locator("#portal-logo img").count() == 0
    footer = page.locator("#portal-footer-wrapper")
    assert footer.is_visible()
    assert " ".join(footer.inner_text().split()) == (
        f"{NAME} {ADDRESS} REGON {REGON} Deklaracja dostępności"
    )
    shot(page, "40-osrodek-bez-logo-logowanie")
    context.close()


def test_header_and_footer_are_the_centres_and_lead_to_the_statement(
    functional_portal, open_as, shot
):
    set_centre(LOGO)
    page = open_as("sw1")
    header = page.locator("#portal-logo")
    assert header.is_visible()
    assert header.inner_text().strip() == NAME
    assert logo_loaded(page)
    box = page.locator("#portal-logo img").bounding_box()
    assert 0 < box["height"] <= 64
    footer = page.locator("#portal-footer-wrapper")
    assert footer.is_visible()
    text = footer.inner_text()
    for part in (NAME, ADDRESS, f"REGON {REGON}"):
        assert part in text
    assert "Plone" not in text
    shot(page, "41-osrodek-naglowek-stopka")
    footer.get_by_role("link", name="Deklaracja dostępności").click()
    page.wait_for_load_state()
    assert page.url.endswith("/@@deklaracja-dostepnosci")
    assert page.locator("h1").inner_text() == "Deklaracja dostępności"
    assert page.locator("#a11y-podmiot").inner_text() == NAME
    assert page.get_by_role("heading", name="Dostępność architektoniczna").is_visible()
    shot(page, "42-deklaracja-dostepnosci")


def test_the_printed_page_carries_the_letterhead(
    functional_portal, open_as, family, site_url, printed
):
    set_centre(LOGO)
    family(7)
    page = open_as("sw1")
    page.goto(f"{site_url}/akta/ar-4010-7-2026")
    assert not page.locator(".caseflow-print-header").is_visible()
    pages = printed(page, "43-akta-wydruk-naglowek")
    assert pages
    page.emulate_media(media="print")
    letterhead = page.locator(".caseflow-print-header")
    assert letterhead.is_visible()
    assert " ".join(letterhead.inner_text().split()) == (
        f"{NAME} {ADDRESS} REGON {REGON} Asystentura rodziny"
    )
    assert page.eval_on_selector(
        ".caseflow-print-logo", "img => img.complete && img.naturalWidth > 0"
    )
    assert not page.locator("#portal-footer-wrapper").is_visible()
