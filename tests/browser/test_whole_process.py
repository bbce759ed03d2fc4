"""Each role's whole part in the browser, from the add forms on (no fixtures
create the documents the users make themselves)."""

import pytest

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
