"""Each role's whole part in the browser, from the add forms on (no fixtures
create the documents the users make themselves)."""

from pathlib import Path

import pytest

from mgops.caseflow.core.signing import xades

from .conftest import fill_date
from .conftest import save
from .conftest import state_of


pytestmark = pytest.mark.browser

#: born 17.05.1990, female; the check digit is right
VALID_PESEL = "90051712344"
#: the same with a wrong check digit
WRONG_PESEL = "90051712345"


def member(page, field, row=0):
    """A field of the ``row``-th member in the members table (datagrid)."""
    return page.locator(
        f"[name^='form.widgets.members.'][name$='.widgets.{field}']:visible"
    ).nth(row)


def test_social_worker_opens_a_family_file_through_the_add_form(open_as, shot):
    page = open_as("sw1")
    page.click(".caseflow-add-file")
    assert "/++add++FamilyFile" in page.url
    heading = page.locator("h1").inner_text()
    assert heading.startswith("Dodaj"), heading
    page.fill("input[name='form.widgets.case_reference']", "AR.4010.101.2026")
    page.fill("input[name='form.widgets.family_name']", "Nowakowie")
    page.fill("textarea[name='form.widgets.address']", "ul. Długa 5, Mińsk Mazowiecki")
    fill_date(page, "learned_on", "2026-02-02")
    fill_date(page, "opened", "2026-02-02")
    # The members table starts with one empty row, which becomes a member
    # once it is filled in.
    member(page, "first_name").fill("Anna")
    member(page, "last_name").fill("Nowak")
    member(page, "role:list").select_option("mother")
    member(page, "birth_date").fill("1990-05-17")
    member(page, "pesel").fill(WRONG_PESEL)
    shot(page, "14-nowe-akta-formularz")
    save(page)
    errors = " ".join(
        page.locator(
            ".invalid-feedback, .fieldErrorBox, .alert-danger"
        ).all_inner_texts()
    )
    assert "PESEL" in errors, errors
    assert "nieprawidłowy" in errors, errors
    assert "There were some errors" not in page.content()
    assert (
        "Formularz zawiera błędy"
        in page.locator(".alert-danger, .portalMessage").first.inner_text()
    )
    shot(page, "15-nowe-akta-blad-pesel")

    assert member(page, "first_name").input_value() == "Anna"
    member(page, "pesel").fill(VALID_PESEL)
    save(page)
    assert state_of(page) == "Przyjęcie"
    header = page.locator(".caseflow-file-header").inner_text()
    assert "AR.4010.101.2026" in header
    members = page.locator(
        "section[aria-labelledby=caseflow-members-heading]"
    ).inner_text()
    assert "Anna Nowak" in members
    shot(page, "16-nowe-akta-zalozone")


def add_assignment_decision(page, site_url, number):
    """The head writes the assignment decision in the family file's add form
    and submits it for signature; the page is then the decision's."""
    page.goto(f"{site_url}/akta/ar-4010-{number}-2026")
    page.click("#caseflow-add-Decision")
    assert page.locator("h1").inner_text().startswith("Dodaj")
    page.fill("input[name='form.widgets.IBasic.title']", "Decyzja o przydziale")
    page.select_option("select[name='form.widgets.kind:list']", "assign_assistant")
    page.select_option("select[name='form.widgets.assistant:list']", "fa1")
    page.fill("textarea[name='form.widgets.content']", "Przydzielam asystenta.")
    page.fill("textarea[name='form.widgets.justification']", "Wniosek po wywiadzie.")
    save(page)
    assert "Projekt" in page.locator(".caseflow-state").inner_text()
    page.click("button:has-text('Przekaż do podpisu')")
    page.wait_for_load_state()
    assert "Do podpisu" in page.locator(".caseflow-state").inner_text()


def test_head_writes_submits_and_signs_the_assignment(
    open_as, family, signing, site_url, shot
):
    family(102, state="awaiting_decision")
    page = open_as("head")
    add_assignment_decision(page, site_url, 102)
    shot(page, "25-decyzja-z-formularza-do-podpisu")
    page.fill("#caseflow-password", signing)
    page.click("#caseflow-sign")
    assert "podpisana" in page.locator(".portalMessage").inner_text()
    assert "Podpisana" in page.locator(".caseflow-state").inner_text()
    page.click("text=Wróć do akt rodziny")
    assert state_of(page) == "Praca z rodziną"


def test_head_signs_with_her_own_tool_and_uploads(
    open_as, family, signing, pki, site_url, shot, tmp_path
):
    family(103, state="awaiting_decision")
    page = open_as("head")
    add_assignment_decision(page, site_url, 103)
    with page.expect_download() as download:
        page.click("a[href$='/@@decyzja.xml']")
    unsigned = Path(download.value.path()).read_bytes()
    assert b"AR.4010.103.2026" in unsigned
    signed = tmp_path / "decyzja-podpisana.xml"
    signed.write_bytes(
        xades.sign(
            unsigned,
            pki.head.key,
            pki.head.certificate,
            chain=(pki.ca.certificate,),
        )
    )
    page.set_input_files("#caseflow-signed-file", str(signed))
    page.click("#caseflow-upload")
    assert "podpisana" in page.locator(".portalMessage").inner_text()
    assert page.locator(".caseflow-signed-box").is_visible()
    page.click("#caseflow-verify")
    assert "Podpis jest ważny" in page.locator(".caseflow-verified").inner_text()
    shot(page, "26-decyzja-podpisana-poza-systemem")
    page.click("text=Wróć do akt rodziny")
    assert state_of(page) == "Praca z rodziną"
