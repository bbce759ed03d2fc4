"""The office's process end to end in headless Chromium, each step as its user."""

import re
import zipfile
from datetime import date
from datetime import timedelta

import pytest
import transaction

from mgops.caseflow.testing.builders import record_decision

from .conftest import TABLET
from .conftest import fill_date
from .conftest import save
from .conftest import state_of


pytestmark = pytest.mark.browser

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


def test_social_worker_opens_file_and_records_interview(
    open_as, family, site_url, shot
):
    family(11)
    page = open_as("sw1")
    page.click("text=AR.4010.11.2026")
    assert state_of(page) == "Przyjęcie"
    # No request without an interview: the button says why, and is disabled.
    request = page.locator("#caseflow-transition-request_assistant")
    assert request.is_disabled()
    assert "wywiad" in page.locator("#reason-request_assistant").inner_text()
    shot(page, "10-akta-przyjecie-sw1")

    page.click("#caseflow-add-Interview")
    page.fill("input[name='form.widgets.IBasic.title']", "Wywiad środowiskowy")
    fill_date(page, "interview_date", "2026-02-05")
    page.fill("input[name='form.widgets.conducted_by']", "Anna Socjalna")
    page.fill("textarea[name='form.widgets.findings']", "Rodzina wymaga wsparcia.")
    page.check("input[name='form.widgets.assistant_needed:list']")
    shot(page, "11-formularz-wywiadu")
    save(page)

    page.goto(f"{site_url}/akta/ar-4010-11-2026")
    page.click("button:has-text('Zatwierdź jako ostateczny')")
    page.click("#caseflow-transition-request_assistant")
    assert state_of(page) == "Oczekuje na decyzję"
    shot(page, "12-akta-oczekuje-na-decyzje")


def test_social_worker_sees_polish_pesel_error(open_as, family, site_url, shot):
    family(12)
    page = open_as("sw1")
    page.goto(f"{site_url}/akta/ar-4010-12-2026/edit")
    page.fill("input[name='form.widgets.members.0.widgets.pesel']", "12345678901")
    save(page)
    errors = page.locator(".invalid-feedback, .fieldErrorBox, .alert-danger")
    assert "PESEL" in " ".join(errors.all_inner_texts())
    shot(page, "13-blad-pesel")


def test_head_signs_the_assignment(
    open_as, family, pending_decision, signing, site_url, shot, printed
):
    family_file = family(21, state="awaiting_decision")
    url = pending_decision(family_file)
    page = open_as("head")
    page.goto(f"{site_url}/@@do-podpisu")
    shot(page, "20-do-podpisu")
    page.click("text=Decyzja o przydziale asystenta")
    assert page.url == url
    shot(page, "21-decyzja-do-podpisu")

    page.fill("#caseflow-password", "zle-haslo")
    page.click("#caseflow-sign")
    assert "hasło" in page.locator(".portalMessage").inner_text().lower()

    page.fill("#caseflow-password", signing)
    page.click("#caseflow-sign")
    assert "podpisana" in page.locator(".portalMessage").inner_text()
    number = page.locator(".caseflow-signed-box dd").first.inner_text()
    assert re.fullmatch(r"\d+/\d{4}", number), number  # decyzja nr n/rok
    page.click("#caseflow-verify")
    assert "Podpis jest ważny" in page.locator(".caseflow-verified").inner_text()
    shot(page, "22-decyzja-podpisana")
    pages = printed(page, "23-decyzja-podpisana-wydruk")
    assert len(pages) == 1  # a short decision fits on one A4 sheet
    page.emulate_media(media="print")
    letterhead = page.locator(".caseflow-print-header").inner_text()
    page.emulate_media(media="screen")
    assert "Miejsko-Gminny Ośrodek Pomocy Społecznej" in letterhead

    page.click("text=Wróć do akt rodziny")
    assert state_of(page) == "Praca z rodziną"
    page.goto(f"{site_url}/rejestr-decyzji")
    assert number in page.locator("table").inner_text()
    shot(page, "24-rejestr-decyzji")


def test_assistant_writes_plan_and_visit_note_not_at_night(
    open_as, family, site_url, shot
):
    family(31, state="active", assistant="fa1")
    page = open_as("fa1", viewport=TABLET)
    page.click("text=AR.4010.31.2026")
    shot(page, "30-akta-asystent-tablet")

    page.click("#caseflow-add-Plan")
    page.fill("input[name='form.widgets.IBasic.title']", "Plan pracy z rodziną")
    page.fill(
        "input[name='form.widgets.goals.0.widgets.goal']",
        "Poprawa sytuacji mieszkaniowej",
    )
    page.fill("textarea[name='form.widgets.actions']", "Wizyty co tydzień.")
    page.fill("textarea[name='form.widgets.responsibilities']", "Asystent i rodzina.")
    fill_date(page, "agreed_on", "2026-03-02")
    save(page)
    assert "Plan pracy z rodziną" in page.locator("h1").inner_text()

    page.goto(f"{site_url}/akta/ar-4010-31-2026")
    page.click("#caseflow-add-Note")
    page.fill("input[name='form.widgets.IBasic.title']", "Wizyta w domu rodziny")
    page.select_option("select[name='form.widgets.kind:list']", "visit")
    fill_date(page, "visit_start", f"{YESTERDAY}T22:30")
    fill_date(page, "visit_end", f"{YESTERDAY}T23:00")
    page.fill("textarea[name='form.widgets.content']", "Rozmowa z rodziną.")
    save(page)
    message = page.locator("#content-core, #content").first.inner_text()
    assert "między 07:00 a 21:00" in message
    shot(page, "31-notatka-odmowa-22-30")

    fill_date(page, "visit_start", f"{YESTERDAY}T10:00")
    fill_date(page, "visit_end", f"{YESTERDAY}T11:00")
    save(page)
    assert "Wizyta w domu rodziny" in page.locator("h1").inner_text()


def test_assistant_cannot_open_another_assistants_family(
    open_as, family, site_url, shot
):
    family(41, state="active", assistant="fa2")
    page = open_as("fa1")
    page.goto(f"{site_url}/akta/ar-4010-41-2026")
    assert "Kowalscy 41" not in page.content()
    shot(page, "40-obca-rodzina-odmowa")
    page.goto(f"{site_url}/@@moje-sprawy")
    assert "AR.4010.41.2026" not in page.content()


def test_head_ends_the_work_then_monitoring_notes(
    open_as, family, pending_decision, site_url, signing, shot
):
    family_file = family(51, state="active", assistant="fa1")
    url = pending_decision(family_file, kind="end_work")
    page = open_as("head")
    page.goto(url)
    page.fill("#caseflow-password", signing)
    page.click("#caseflow-sign")
    page.click("text=Wróć do akt rodziny")
    assert state_of(page) == "Monitorowanie"
    shot(page, "50-akta-monitorowanie-kierownik")

    page = open_as("fa1")
    page.goto(f"{site_url}/akta/ar-4010-51-2026")
    page.click("#caseflow-add-Note")
    page.fill("input[name='form.widgets.IBasic.title']", "Wizyta monitorująca")
    page.select_option("select[name='form.widgets.kind:list']", "monitoring_visit")
    fill_date(page, "visit_start", f"{YESTERDAY}T12:00")
    fill_date(page, "visit_end", f"{YESTERDAY}T13:00")
    page.fill("textarea[name='form.widgets.content']", "Rodzina radzi sobie.")
    save(page)
    page.goto(f"{site_url}/akta/ar-4010-51-2026")
    assert "Wizyta monitorująca" in page.locator(".caseflow-timeline").inner_text()
    shot(page, "51-akta-monitorowanie-notatka")


def test_head_lists_deadlines_and_caseload(open_as, family, site_url, shot):
    family(61)
    family(62, state="active", assistant="fa1")
    page = open_as("head")
    shot(page, "60-moje-sprawy-kierownik")
    page.goto(f"{site_url}/@@terminy")
    assert "Po terminie" in page.locator("h2").all_inner_texts()
    shot(page, "61-terminy")
    page.goto(f"{site_url}/@@obciazenie")
    assert "Celina Asystentka" in page.locator(".caseflow-bars").inner_text()
    shot(page, "62-obciazenie")


def test_archivist_exports_a_period_then_marks_archived(
    open_as, family, functional_portal, site_url, shot, ndap_schemas
):
    family_file = family(71, state="monitoring")
    transaction.begin()
    family_file = functional_portal.unrestrictedTraverse(
        "/".join(family_file.getPhysicalPath())
    )
    # the family moved away: the head's signed decision closes the file early
    record_decision(family_file, "close_early", close_reason="moved_away")
    transaction.commit()
    page = open_as("archivist")
    page.goto(f"{site_url}/@@archiwum")
    assert "AR.4010.71.2026" in page.locator("table").inner_text()
    shot(page, "70-archiwum")
    # Marking before the export is refused, in Polish; nothing changes.
    page.click("button:has-text('Oznacz jako zarchiwizowane')")
    assert "nie zostały jeszcze" in page.locator(".portalMessage").inner_text()
    assert "Zamknięte" in page.locator("table").inner_text()

    today = date.today().isoformat()
    page.fill("#caseflow-closed-from", today)
    page.fill("#caseflow-closed-to", today)
    page.click("#caseflow-export-check")
    summary = page.locator(".caseflow-export-progress").inner_text()
    assert "Akta rodzin: 1" in summary, summary
    assert "AR.4010.71.2026" in page.locator("table").inner_text()
    shot(page, "71-archiwum-eksport-podsumowanie")
    with page.expect_download() as download:
        page.click("#caseflow-export-download")
    assert download.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.value.path()) as package:
        names = package.namelist()
        assert package.testzip() is None
    assert "manifest.xml" in names

    page.click("#caseflow-export-mark")
    assert "AR.4010.71.2026" in page.locator(".portalMessage").inner_text()
    assert "Zarchiwizowane" in page.locator("table").inner_text()
    shot(page, "72-archiwum-zarchiwizowane")


def test_contract_prints_with_signature_places(
    open_as, family, contract, site_url, printed
):
    contract = contract(family(81, state="active", assistant="fa1"))
    page = open_as("sw1")
    page.goto(contract.absolute_url())
    # Polish and DD.MM.RRRR on Plone's standard view of our types too.
    content = page.locator("#content").inner_text()
    assert "01.03.2026" in content
    assert "Autor: Anna Socjalna" in content
    assert "last modified" not in content
    pages = printed(page, "80-kontrakt-wydruk")
    assert pages
