"""WCAG 2.1 AA on every staff page, as each role sees it (axe-core), and the main
flows done with the keyboard alone (WCAG 2.1.1): a note added, a decision signed.

Public bodies must meet WCAG 2.1 AA: Act of 4 April 2019 on the digital
accessibility of public bodies' websites, art. 5 (by reference to EN 301 549).
"""

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
import transaction

from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.testing.builders import create_document


pytestmark = pytest.mark.browser


@pytest.fixture
def documented_file(functional_portal, family, pending_decision):
    """An active file with one document of every type and a decision pending
    signature; the documents' URLs by type."""
    family_file = family(601, state="active", assistant="fa1")
    decision = pending_decision(family_file)
    transaction.begin()
    family_file = functional_portal.unrestrictedTraverse(
        "/".join(family_file.getPhysicalPath())
    )
    plan = create_document(
        family_file,
        "Plan",
        owner="fa1",
        state="final",
        title="Plan pracy",
        goals=[{"goal": "Praca dla rodzica", "expected_effect": "Zatrudnienie"}],
        actions="Wizyty co tydzień.",
        responsibilities="Rodzina i asystent.",
        agreed_on=date(2026, 3, 2),
    )
    documents = {
        "Plan": plan,
        "Note": create_document(
            family_file,
            "Note",
            owner="fa1",
            title="Wizyta",
            kind="visit",
            content="Rozmowa z rodziną.",
        ),
        "Assessment": create_document(
            family_file,
            "Assessment",
            owner="fa1",
            title="Ocena",
            plan=plan.UID(),
            period_from=date(2026, 3, 2),
            period_to=date(2026, 3, 20),
            goal_progress=[
                {"goal": "Praca dla rodzica", "progress": "Szuka.", "achieved": "no"}
            ],
            recommendation="continue",
        ),
        "Contract": create_document(
            family_file,
            "Contract",
            owner="sw1",
            title="Kontrakt socjalny",
            parties="Rodzina i MGOPS",
            goals="Praca.",
            family_obligations="Spotkania.",
            centre_obligations="Wsparcie.",
            valid_from=date(2026, 3, 1),
            valid_to=date(2026, 8, 31),
        ),
    }
    transaction.commit()
    urls = {kind: document.absolute_url() for kind, document in documents.items()}
    urls["FamilyFile"] = family_file.absolute_url()
    urls["Decision"] = decision
    return urls


#: the pages each role works on: the centre's pages ("@@…" on the site), the
#: family file and its forms ("{FamilyFile}/…"), the documents' views and edit forms
PAGES = {
    "sw1": (
        "@@moje-sprawy",
        "@@terminy",
        "{FamilyFile}",
        "{FamilyFile}/edit",
        "{FamilyFile}/++add++Interview",
        "{FamilyFile}/++add++Contract",
        "{FamilyFile}/++add++Note",
        "{Contract}",
        "{Contract}/edit",
        "{Plan}",
    ),
    "fa1": (
        "@@moje-sprawy",
        "@@terminy",
        "{FamilyFile}",
        "{FamilyFile}/++add++Note",
        "{FamilyFile}/++add++Plan",
        "{FamilyFile}/++add++Assessment",
        "{Note}",
        "{Note}/edit",
        "{Plan}",
        "{Assessment}",
        "{Assessment}/edit",
    ),
    "head": (
        "@@moje-sprawy",
        "@@terminy",
        "@@do-podpisu",
        "@@obciazenie",
        "rejestr-decyzji",
        "@@archiwum",
        "{FamilyFile}",
        "{FamilyFile}/++add++Decision",
        "{Decision}",
        "{Decision}/edit",
        "{FamilyFile}/@@dziennik",
        "@@dane-osoby",
        "@@retencja",
        "@@sprawozdania",
        "@@import-spraw",
        "@@moje-certyfikaty",
        "@@mgops-caseflow-controlpanel",
    ),
    "archivist": ("@@moje-sprawy", "@@archiwum", "@@archiwum-eksport", "@@retencja"),
}


@pytest.mark.parametrize("user", sorted(PAGES))
def test_every_page_of_the_role_passes_axe(
    user, open_as, documented_file, site_url, accessible
):
    page = open_as(user)
    accessible(page)  # where the login lands
    for path in PAGES[user]:
        url = path.format(**documented_file)
        response = page.goto(url if url.startswith("http") else f"{site_url}/{url}")
        assert response.ok, (url, response.status)
        accessible(page)


def test_login_and_statement_pass_axe(chromium, site_url, accessible):
    context = chromium.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/login")
        accessible(page)
        page.goto(f"{site_url}/@@deklaracja-dostepnosci")
        accessible(page)
    finally:
        context.close()


def test_a_refused_form_passes_axe(open_as, family, site_url, accessible):
    """The form again with the server's Polish errors is accessible too."""
    family(602, state="active", assistant="fa1")
    page = open_as("fa1")
    page.goto(f"{site_url}/akta/ar-4010-602-2026/++add++Note")
    yesterday = datetime.now(OFFICE_ZONE).date() - timedelta(days=1)
    page.fill("input[name='form.widgets.IBasic.title']", "Wizyta")
    page.select_option("select[name='form.widgets.kind:list']", "visit")
    page.fill("input[name='form.widgets.visit_start']", f"{yesterday}T22:30")
    page.fill("input[name='form.widgets.visit_end']", f"{yesterday}T23:00")
    page.fill("textarea[name='form.widgets.content']", "Rozmowa.")
    page.click("button[name='form.buttons.save']")
    page.wait_for_load_state()
    assert "między 07:00 a 21:00" in page.locator("#content").inner_text()
    accessible(page)


def tab_to(page, selector, limit=250):
    """Press Tab until the element matching ``selector`` has the focus."""
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def follow(page, key):
    """Press ``key`` on the focused link or button and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_keyboard_only_the_assistant_adds_a_visit_note(
    open_as, family, site_url, accessible
):
    """From the file's page to the saved note with Tab, Enter, Space and typing."""
    family(603, state="active", assistant="fa1")
    page = open_as("fa1")
    page.goto(f"{site_url}/akta/ar-4010-603-2026")
    tab_to(page, "#caseflow-add-Note")
    follow(page, "Enter")
    assert "++add++Note" in page.url
    accessible(page)

    yesterday = datetime.now(OFFICE_ZONE).date() - timedelta(days=1)
    tab_to(page, "[name='form.widgets.IBasic.title']")
    page.keyboard.type("Wizyta w domu rodziny")
    tab_to(page, "[name='form.widgets.kind:list']")
    page.keyboard.press("Home")  # the first kind: a visit
    assert page.locator("[name='form.widgets.kind:list']").input_value() == "visit"
    for name, moment in (
        ("form.widgets.visit_start", "10:00"),
        ("form.widgets.visit_end", "11:00"),
    ):
        tab_to(page, f"[name='{name}']")
        page.keyboard.type(f"{yesterday:%d.%m.%Y} {moment}")
    tab_to(page, "[name='form.widgets.content']")
    page.keyboard.type("Rozmowa z rodziną o planie.")
    tab_to(page, "button[name='form.buttons.save']")
    follow(page, "Space")
    assert "Wizyta w domu rodziny" in page.locator("h1").inner_text()
    accessible(page)


def test_keyboard_only_the_head_signs_a_decision(
    open_as, family, pending_decision, signing, site_url, accessible
):
    family_file = family(604, state="awaiting_decision")
    pending_decision(family_file)
    page = open_as("head")
    tab_to(page, "a[href$='/@@do-podpisu']")
    follow(page, "Enter")
    accessible(page)
    tab_to(page, "a:has-text('Decyzja o przydziale asystenta')")
    follow(page, "Enter")
    tab_to(page, "#caseflow-password")
    page.keyboard.type(signing)
    tab_to(page, "#caseflow-sign")  # a button: Space presses it
    follow(page, "Space")
    assert "podpisana" in page.locator(".portalMessage").inner_text()
    accessible(page)
    tab_to(page, "#caseflow-verify")  # a link: Enter follows it
    follow(page, "Enter")
    assert "Podpis jest ważny" in page.locator(".caseflow-verified").inner_text()
    accessible(page)
