"""Headless Debian Chromium driven by Playwright against the functional layer's
WSGI server. Content is committed so the server thread sees it; each scenario
logs in through the real login form."""

from datetime import date
from pathlib import Path

import pytest
import transaction
from plone import api

from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.builders import create_family_file
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD
from mgops.caseflow.testing.pki import install_pki
from mgops.caseflow.testing.pki import make_pki


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
TABLET = {"width": 800, "height": 1100}


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run make system-deps")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site_url(functional_portal):
    return functional_portal.absolute_url()


@pytest.fixture
def open_as(chromium, site_url):
    """``open_as("sw1")``: a new browser context, logged in through the form."""
    contexts = []

    def login(user_id, viewport=DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="pl-PL")
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{site_url}/login")
        page.fill("input[name='__ac_name']", user_id)
        page.fill("input[name='__ac_password']", PASSWORD)
        page.click("button[name='buttons.login']")
        page.wait_for_load_state()
        return page

    yield login
    for context in contexts:
        context.close()


@pytest.fixture
def shot():
    """``shot(page, "name")``: a full-page screenshot under test-artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def printed(tmp_path):
    """``printed(page, "name")``: Chromium's PDF of the page, as PNG pages."""
    import subprocess

    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def render(page, name):
        for stale in ARTIFACTS.glob(f"{name}-*.png"):
            stale.unlink()
        page.emulate_media(media="print")
        pdf = ARTIFACTS / f"{name}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        page.emulate_media(media="screen")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(pdf), str(ARTIFACTS / name)],
            check=True,
        )
        return sorted(ARTIFACTS.glob(f"{name}-*.png"))

    return render


@pytest.fixture(scope="session")
def pki():
    return make_pki()


@pytest.fixture
def family(functional_portal):
    """Create and commit a family file in ``state`` with its documents."""

    def make(number, state="intake", social_worker="sw1", assistant="fa1"):
        transaction.begin()
        family_file = create_family_file(
            functional_portal["akta"],
            number,
            social_worker=social_worker,
            assistant=assistant,
            state=state,
            by_process=True,
            interviewer="Anna Socjalna",
            id=f"ar-4010-{number}-2026",
            address="ul. Krótka 2, Mińsk Mazowiecki",
            opened=date(2026, 2, 2),
            learned_on=date(2026, 2, 2),
            members=[
                {
                    "first_name": "Anna",
                    "last_name": f"Kowalska {number}",
                    "role": "mother",
                    "birth_date": date(1990, 5, 17),
                    "pesel": None,
                }
            ],
        )
        transaction.commit()
        return family_file

    return make


@pytest.fixture
def contract(functional_portal):
    """``contract(family_file, parties)``: the social worker's contract in the
    file (a draft, as the social worker writes it); committed."""

    def make(family_file, parties="Rodzina Kowalskich i MGOPS"):
        transaction.begin()
        family_file = functional_portal.unrestrictedTraverse(
            "/".join(family_file.getPhysicalPath())
        )
        with api.env.adopt_user(username="sw1"):
            new = api.content.create(
                container=family_file,
                type="Contract",
                title="Kontrakt socjalny",
                parties=parties,
                goals="Podjęcie pracy przez rodzica.",
                family_obligations="Udział w spotkaniach.",
                centre_obligations="Wsparcie asystenta.",
                valid_from=date(2026, 3, 1),
                valid_to=date(2026, 8, 31),
            )
        transaction.commit()
        return new

    return make


@pytest.fixture
def signing(functional_portal, pki):
    """The head's keystore and certificate, the test CA trusted; committed."""
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        install_pki(pki)
    transaction.commit()
    return KEYSTORE_PASSWORD


def refresh():
    """See what the server thread committed."""
    transaction.begin()


@pytest.fixture
def pending_decision(functional_portal, signing):
    """A decision of the head, pending signature in the family file; committed."""

    def make(family_file, kind="assign_assistant", assistant="fa1", position="agree"):
        transaction.begin()
        family_file = functional_portal.unrestrictedTraverse(
            "/".join(family_file.getPhysicalPath())
        )
        ending = (
            {
                "end_reason": "plan_achieved",
                "end_request": end_request(family_file, position=position),
            }
            if kind == "end_work"
            else {}
        )
        with api.env.adopt_user(username="head"):
            decision = api.content.create(
                container=family_file,
                type="Decision",
                title="Decyzja o przydziale asystenta"
                if kind == "assign_assistant"
                else "Decyzja o zakończeniu pracy z rodziną",
                kind=kind,
                assistant=assistant if kind == "assign_assistant" else None,
                content="Przydzielam rodzinie asystenta rodziny."
                if kind == "assign_assistant"
                else "Kończę pracę asystenta z rodziną.",
                justification="Wniosek pracownika socjalnego po wywiadzie.",
                **ending,
            )
            api.content.transition(obj=decision, transition="submit")
        transaction.commit()
        return decision.absolute_url()

    return make


def fill_date(page, name, value):
    page.fill(f"input[name='form.widgets.{name}']", value)


def save(page):
    page.click("button[name='form.buttons.save']")
    page.wait_for_load_state()


def state_of(page):
    return page.locator(".caseflow-file-header .caseflow-state").inner_text()


@pytest.fixture
def ndap_schemas(monkeypatch):
    """The state archives' schemas the export validates against (not ours)."""
    from mgops.caseflow.core.archive.validation import NDAP_DIR_VARIABLE

    ndap = Path(__file__).resolve().parents[3] / "shared" / "standards" / "ndap"
    if not ndap.is_dir():
        pytest.fail(
            f"the NDAP schemas are not at {ndap} (../shared beside the checkout)"
        )
    monkeypatch.setenv(NDAP_DIR_VARIABLE, str(ndap))
    return ndap


# The WCAG 2.1 A and AA rules: public bodies must meet WCAG 2.1 AA (Act of 4 April
# 2019 on the digital accessibility of public bodies' websites, art. 5, by reference
# to EN 301 549).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe_runner():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def accessible(axe_runner):
    """``accessible(page)``: axe-core's WCAG 2.1 AA rules find no violation on the
    page as it is now (call it after each page or state a scenario visits)."""

    def check(page):
        results = axe_runner.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_21_AA},
                "resultTypes": ["violations"],
            },
        )
        assert results.violations_count == 0, (
            f"axe on {page.url}:\n{results.generate_report()}"
        )
        return results

    return check
