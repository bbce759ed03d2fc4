"""Forms made for the job, in the browser (Polish, Debian's Chromium): the note's
form per kind, the plan's actions with who does each."""

from datetime import datetime
from datetime import timedelta

import pytest

from mgops.caseflow.core.office import OFFICE_ZONE

from .conftest import save


pytestmark = pytest.mark.browser


def visible(page, name):
    return page.locator(f"[name^='form.widgets.{name}']:visible").count() > 0


def test_a_visit_note_asks_only_for_what_a_visit_needs(
    open_as, family, site_url, shot, accessible
):
    family(701, state="active", assistant="fa1")
    page = open_as("fa1")
    page.goto(f"{site_url}/akta/ar-4010-701-2026")
    page.click("#caseflow-add-Note-visit")
    assert page.locator("h1").inner_text() == "Dodaj adnotację: Wizyta"
    today = datetime.now(OFFICE_ZONE).date()
    title = page.locator("[name='form.widgets.IBasic.title']")
    assert title.input_value() == f"Wizyta {today:%d.%m.%Y}"  # and editable
    assert (
        page.locator("[name='form.widgets.place']").input_value()
        == "ul. Krótka 2, Mińsk Mazowiecki"
    )
    for needed in ("visit_start", "visit_end", "place", "content"):
        assert visible(page, needed), needed
    for not_needed in (
        "IBasic.description",
        "services_notified",
        "end_reason",
        "received_on",
        "corrected_learned_on",
    ):
        assert not visible(page, not_needed), not_needed
    help_text = page.locator("#formfield-form-widgets-visit_start").inner_text()
    assert "Między 07:00 a 21:00" in help_text
    assert page.locator("#form-widgets-visit_start").get_attribute("placeholder") == (
        "DD.MM.RRRR GG:MM"
    )
    accessible(page)
    shot(page, "32-adnotacja-wizyta-formularz")

    # 22:30 is refused before the form is sent
    yesterday = today - timedelta(days=1)
    start = page.locator("#form-widgets-visit_start")
    start.fill(f"{yesterday:%d.%m.%Y} 22:30")
    assert start.evaluate("input => input.validity.patternMismatch")
    # the browser's bubble names the hours (the input's title)
    assert "Między 07:00 a 21:00" in start.get_attribute("title")

    start.fill(f"{yesterday:%d.%m.%Y} 10:00")
    page.fill("#form-widgets-visit_end", f"{yesterday:%d.%m.%Y} 11:30")
    assert start.evaluate("input => input.validity.valid")
    page.fill("textarea[name='form.widgets.content']", "Rozmowa z rodziną.")
    save(page)
    assert page.locator("h1").inner_text() == f"Wizyta {today:%d.%m.%Y}"
    content = page.locator("#content").inner_text()
    assert f"{yesterday:%d.%m.%Y} 10:00" in content

    # the edit form is the visit's too
    page.goto(page.url.removesuffix("/view") + "/edit")
    assert not visible(page, "services_notified")
    assert page.locator("#form-widgets-visit_start").input_value() == (
        f"{yesterday:%d.%m.%Y} 10:00"
    )
    accessible(page)


def test_an_intervention_asks_whom_the_worker_notified(
    open_as, family, site_url, accessible
):
    family(702, state="active", assistant="fa1")
    page = open_as("sw1")
    page.goto(f"{site_url}/akta/ar-4010-702-2026/++add++Note?kind=intervention")
    assert visible(page, "services_notified")
    assert not visible(page, "end_reason")
    page.fill("textarea[name='form.widgets.content']", "Zagrożenie dziecka.")
    save(page)  # no service named: refused next to the form, in Polish
    assert "Policja" in page.content()
    errors = page.locator(".alert-danger, .invalid-feedback").all_inner_texts()
    assert errors, page.url
    assert visible(page, "services_notified")  # still the intervention's form
    accessible(page)


def action_cell(page, field, row=0):
    return page.locator(
        f"[name^='form.widgets.action_rows.'][name$='.widgets.{field}']:visible"
    ).nth(row)


def test_plan_actions_say_who_does_each(open_as, family, site_url, shot, accessible):
    family(703, state="active", assistant="fa1")
    page = open_as("fa1")
    page.goto(f"{site_url}/akta/ar-4010-703-2026/++add++Plan")
    reminder = page.locator("#formfield-form-widgets-action_rows").inner_text()
    assert "Asystent nie działa za rodzinę, a jedynie ją instruuje" in reminder
    assert "§ 3" in reminder
    page.fill("input[name='form.widgets.IBasic.title']", "Plan pracy z rodziną")
    page.fill("input[name='form.widgets.goals.0.widgets.goal']", "Praca dla rodzica")
    action_cell(page, "action").fill("Terapia rodzinna")
    action_cell(page, "performer:list").select_option("institution")
    page.fill("textarea[name='form.widgets.actions']", "Według wierszy.")
    page.fill("textarea[name='form.widgets.responsibilities']", "Jak w wierszach.")
    page.fill("input[name='form.widgets.agreed_on']", "02.03.2026")
    accessible(page)
    save(page)
    assert "podaj jej nazwę" in page.locator("#content").inner_text()
    accessible(page)
    shot(page, "33-plan-dzialania-bez-instytucji")

    action_cell(page, "institution").fill("Poradnia rodzinna")
    save(page)
    assert page.locator("h1").inner_text() == "Plan pracy z rodziną"
    content = page.locator("#content").inner_text()
    assert "Poradnia rodzinna" in content
    assert "Inna instytucja" in content
