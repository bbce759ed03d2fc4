"""The centre's face over real HTTP: header, footer, letterhead, statement, logo."""

import io

import lxml.html
import pytest
import transaction
from PIL import Image
from plone import api
from plone.formwidget.namedfile.converter import b64encode_file

from mgops.caseflow.testing import PASSWORD


NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej w Nowym Mieście"
ADDRESS = "ul. Kościuszki 12, 05-300 Nowe Miasto"
REGON = "711583422"


def png(size=(40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (13, 59, 102)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def centre(functional_portal):
    """The centre's name, address and REGON in the settings, committed."""
    api.portal.set_registry_record("mgops.caseflow.centre_name", NAME)
    api.portal.set_registry_record("mgops.caseflow.centre_address", ADDRESS)
    api.portal.set_registry_record("mgops.caseflow.archive_institution_regon", REGON)
    transaction.commit()


@pytest.fixture
def page_of(request_factory):
    """``page_of(user_id, path)``: the parsed HTML of a page; anonymous for None."""

    def get(user_id, path):
        auth = (user_id, PASSWORD) if user_id else None
        session = request_factory(basic_auth=auth, api=False)
        response = session.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, path
        return lxml.html.fromstring(response.text)

    return get


def text_of(html, selector):
    (element,) = html.cssselect(selector)
    return " ".join(element.text_content().split())


@pytest.mark.parametrize(
    ("user_id", "path"),
    [(None, "/login"), ("sw1", "/@@moje-sprawy"), ("head", "/akta")],
)
def test_every_page_header_shows_the_centre_not_plone(centre, page_of, user_id, path):
    html = page_of(user_id, path)
    assert text_of(html, "#portal-logo") == NAME
    assert not html.cssselect("#portal-logo img")
    assert not html.cssselect("img[src*=plone-logo]")


def test_the_header_shows_the_logo_which_the_site_serves(
    centre, functional_portal, page_of, request_factory
):
    api.portal.set_registry_record(
        "mgops.caseflow.centre_logo", b64encode_file("herb.png", png())
    )
    transaction.commit()
    (logo,) = page_of("sw1", "/@@moje-sprawy").cssselect("#portal-logo img")
    assert (
        logo.get("src") == f"{functional_portal.absolute_url()}/@@logo-osrodka/herb.png"
    )
    response = request_factory(api=False).get("/@@logo-osrodka/herb.png")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.content == png()


def test_without_a_logo_there_is_none_to_serve(functional_portal, request_factory):
    response = request_factory(api=False).get("/@@logo-osrodka")
    assert response.status_code == 404


@pytest.mark.parametrize("user_id", [None, "fa1"])
def test_the_footer_is_the_centres(centre, functional_portal, page_of, user_id):
    html = page_of(user_id, "/login" if user_id is None else "/@@moje-sprawy")
    footer = text_of(html, "#portal-footer-wrapper")
    assert NAME in footer
    assert ADDRESS in footer
    assert f"REGON {REGON}" in footer
    assert "Plone" not in footer
    (link,) = html.cssselect("#portal-footer-wrapper a")
    assert link.text_content().strip() == "Deklaracja dostępności"
    statement = f"{functional_portal.absolute_url()}/@@deklaracja-dostepnosci"
    assert link.get("href") == statement
    (meta,) = html.cssselect('meta[name="deklaracja-dostępności"]')
    assert meta.get("content") == statement


def test_without_address_and_regon_the_footer_leaves_them_out(
    functional_portal, page_of
):
    footer = text_of(page_of(None, "/login"), "#portal-footer-wrapper")
    assert footer == "Miejsko-Gminny Ośrodek Pomocy Społecznej Deklaracja dostępności"


def test_the_print_letterhead_carries_the_centre(centre, committed_file, page_of):
    committed_file(41)
    html = page_of("sw1", "/akta/ar-4010-41-2026")
    header = text_of(html, ".caseflow-print-header")
    assert header == f"{NAME} {ADDRESS} REGON {REGON} Asystentura rodziny"


def test_the_statement_is_open_to_everyone_in_polish(
    centre, functional_portal, page_of
):
    html = page_of(None, "/@@deklaracja-dostepnosci")
    assert text_of(html, "h1") == "Deklaracja dostępności"
    assert text_of(html, "#a11y-podmiot") == NAME
    assert text_of(html, "#a11y-wstep").startswith(
        f"{NAME} zobowiązuje się zapewnić dostępność swojej aplikacji zgodnie z "
        "przepisami ustawy z dnia 4 kwietnia 2019 r."
    )
    url = functional_portal.absolute_url()
    assert text_of(html, "#a11y-wstep").endswith(
        f"Deklaracja dostępności dotyczy aplikacji Akta rodziny pod adresem {url}."
    )
    assert html.cssselect("#a11y-url")[0].get("href") == url
    headings = [h.text_content() for h in html.cssselect(".caseflow h2")]
    assert "Status pod względem zgodności z ustawą" in headings
    assert "Obsługa wniosków i skarg związanych z dostępnością" in headings


def test_the_statement_shows_the_centres_own_text(functional_portal, page_of):
    api.portal.set_registry_record(
        "mgops.caseflow.accessibility_statement",
        "## Status\nAplikacja jest w pełni zgodna\nz ustawą.\n\n<b>Kontakt</b>: 22 1",
    )
    transaction.commit()
    html = page_of(None, "/@@deklaracja-dostepnosci")
    assert [h.text_content() for h in html.cssselect(".caseflow h2")] == ["Status"]
    paragraphs = [p.text_content() for p in html.cssselect(".caseflow p")]
    assert paragraphs[1:] == [
        "Aplikacja jest w pełni zgodna z ustawą.",
        "<b>Kontakt</b>: 22 1",
    ]
