"""Site Setup → Akta rodziny (MGOPS), the centre's page: REGON, address, logo."""

import lxml.html
import pytest
import transaction
from plone import api
from plone.formwidget.namedfile.converter import b64decode_file

from .test_centre_face import png
from .test_controlpanel import PANEL
from .test_controlpanel import form_values
from .test_controlpanel import save


REGON = "mgops.caseflow.archive_institution_regon"


@pytest.fixture
def manager_page(request_factory):
    return request_factory(role="Manager", api=False)


def test_the_centres_page_has_name_address_regon_and_logo(manager_page):
    values = form_values(manager_page.get(f"/{PANEL}").text)
    for name in ("centre_name", "centre_address", "archive_institution_regon"):
        assert f"form.widgets.{name}" in values
    page = manager_page.get(f"/{PANEL}").text
    html = lxml.html.fromstring(page)
    assert html.cssselect('input[type=file][name="form.widgets.centre_logo"]')
    assert "Logo ośrodka" in page
    assert "Deklaracja dostępności" in page


def test_a_valid_regon_and_the_address_are_stored(manager_page, functional_portal):
    response = save(
        manager_page,
        archive_institution_regon="711583422",
        centre_address="ul. Polna 1",
    )
    assert response.status_code == 200
    transaction.begin()
    assert api.portal.get_registry_record(REGON) == "711583422"
    assert (
        api.portal.get_registry_record("mgops.caseflow.centre_address") == "ul. Polna 1"
    )


@pytest.mark.parametrize(
    ("regon", "message"),
    [
        ("711583423", "REGON 711583423 jest nieprawidłowy: błędna cyfra kontrolna."),
        ("7115 8342", "REGON musi składać się z 9 albo 14 cyfr"),
    ],
)
def test_a_bad_regon_is_refused_in_polish_and_changes_nothing(
    manager_page, functional_portal, regon, message
):
    api.portal.set_registry_record(REGON, "711583422")
    transaction.commit()
    response = save(
        manager_page, archive_institution_regon=regon, centre_address="ul. Polna 1"
    )
    assert response.status_code == 200
    assert message in response.text
    transaction.begin()
    assert api.portal.get_registry_record(REGON) == "711583422"
    assert api.portal.get_registry_record("mgops.caseflow.centre_address") == ""


def upload(session, filename, data, content_type):
    values = form_values(session.get(f"/{PANEL}").text)
    values["form.buttons.save"] = "Zapisz"
    files = {"form.widgets.centre_logo": (filename, data, content_type)}
    return session.post(f"/{PANEL}", data=values, files=files)


def test_a_logo_is_uploaded_as_plone_stores_its_own(manager_page, functional_portal):
    response = upload(manager_page, "herb.png", png(), "image/png")
    assert response.status_code == 200
    transaction.begin()
    stored = api.portal.get_registry_record("mgops.caseflow.centre_logo")
    assert b64decode_file(stored) == ("herb.png", png())


def test_a_file_that_is_no_image_is_refused_as_logo(manager_page, functional_portal):
    response = upload(manager_page, "herb.png", b"%PDF-1.4 not a picture", "image/png")
    assert response.status_code == 200
    assert (
        "Plik herb.png nie jest obrazem PNG, JPEG, GIF, SVG ani WebP" in response.text
    )
    transaction.begin()
    assert api.portal.get_registry_record("mgops.caseflow.centre_logo") is None


def test_controlpanel_patch_refuses_a_bad_regon(manager_request, functional_portal):
    url = "/@controlpanels/mgops-caseflow"
    response = manager_request.patch(url, json={"archive_institution_regon": "12345"})
    assert response.status_code == 400
    assert "REGON musi składać się z 9 albo 14 cyfr" in response.json()["message"]
    transaction.begin()
    assert api.portal.get_registry_record(REGON) == ""
