"""The legal record in the browser: the page offers no way round the decisions.

Issue 13, tried in Chromium: on an active file the head finds no button that
ends the work (only a signed decision does), the edit form shows no assistant
to change, and in monitoring the close button is disabled with the Polish
reason — there is no "close despite the rule" box any more.
"""

from mgops.caseflow.core import states

from .conftest import state_of


def test_the_head_finds_no_button_that_ends_the_work(open_as, family, site_url, shot):
    family(80, state="active", assistant="fa1")
    page = open_as("head")
    page.goto(f"{site_url}/akta/ar-4010-80-2026")
    for transition in (
        states.END_WORK,
        states.END_WORK_TO_SOCIAL_WORK,
        states.END_AND_CLOSE,
        states.REFUSE_COOPERATION,
    ):
        assert page.locator(f"#caseflow-transition-{transition}").count() == 0
    page.goto(f"{site_url}/akta/ar-4010-80-2026/@@edit")
    assert page.locator("select[name='form.widgets.assistant:list']").count() == 0
    assert page.locator("input[name='form.widgets.ended']").count() == 0
    shot(page, "80-akta-edycja-kierownik")


def test_monitoring_cannot_be_closed_early_from_the_page(
    open_as, family, site_url, shot
):
    family(81, state="monitoring", assistant="fa1")
    page = open_as("head")
    page.goto(f"{site_url}/akta/ar-4010-81-2026")
    close = page.locator(f"#caseflow-transition-{states.CLOSE}")
    assert close.is_disabled()
    assert "monitoringu" in page.locator(".caseflow-reason").first.inner_text()
    assert page.locator("textarea[name='comment']").count() == 0
    shot(page, "81-akta-monitorowanie-bez-zamkniecia")


def test_the_social_worker_cannot_hand_the_file_to_a_colleague(
    open_as, family, site_url
):
    family(82, state="active", assistant="fa1")
    page = open_as("sw1")
    page.goto(f"{site_url}/akta/ar-4010-82-2026/@@edit")
    assert page.locator("input[name='form.widgets.family_name']").count() == 1
    assert page.locator("select[name='form.widgets.social_worker:list']").count() == 0
    assert page.locator("select[name='form.widgets.assistant:list']").count() == 0


def test_the_head_cannot_sign_an_end_without_the_joint_position(
    open_as, family, pending_decision, signing, site_url, shot
):
    """DESIGN, "Process" 7: the request is worked out with the social worker."""
    family_file = family(83, state="active", assistant="fa1")
    url = pending_decision(family_file, kind="end_work", position=None)
    page = open_as("head")
    page.goto(url)
    page.fill("#caseflow-password", signing)
    page.click("#caseflow-sign")
    assert "stanowiska" in page.locator(".portalMessage").inner_text()
    shot(page, "83-decyzja-bez-stanowiska")
    page.goto(f"{site_url}/akta/ar-4010-83-2026")
    assert state_of(page) == "Praca z rodziną"
