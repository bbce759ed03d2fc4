"""Site Setup → Akta rodziny (MGOPS) over real HTTP: the form and @controlpanels."""

import lxml.html
import pytest
import transaction
from plone import api

from mgops.caseflow.testing import PASSWORD


PANEL = "@@mgops-caseflow-controlpanel"


@pytest.fixture
def manager_page(request_factory):
    return request_factory(role="Manager", api=False)


def form_values(page_text):
    """The control panel form's fields as the browser would send them."""
    (form,) = (
        form
        for form in lxml.html.fromstring(page_text).forms
        if form.action.endswith(PANEL)
    )
    return dict(form.form_values())


def save(session, **changes):
    """Open the form, change some fields (by field name) and press Zapisz."""
    values = form_values(session.get(f"/{PANEL}").text)
    values.update({f"form.widgets.{name}": value for name, value in changes.items()})
    values["form.buttons.save"] = "Zapisz"
    return session.post(f"/{PANEL}", data=values)


def test_site_setup_lists_the_panel_in_polish(manager_page):
    response = manager_page.get("/@@overview-controlpanel")
    assert response.status_code == 200
    assert "Akta rodziny (MGOPS)" in response.text
    assert PANEL in response.text


def test_the_form_shows_the_settings_but_not_the_trust_list(manager_page):
    response = manager_page.get(f"/{PANEL}")
    assert response.status_code == 200
    values = form_values(response.text)
    assert values["form.widgets.register_pattern"] == "{n}/{year}"
    assert values["form.widgets.caseload_limit"] == "15"
    assert "form.widgets.archive_institution_regon" in values
    assert "form.widgets.archive_ndap_schemas" in values
    assert not any("trusted_ca_certificates" in name for name in values)
    assert "Wzór numeru w rejestrze" in response.text
    assert "Folder schematów NDAP" in response.text


def test_saving_the_form_stores_the_values(manager_page, functional_portal):
    response = save(
        manager_page,
        register_pattern="DEC/{year}/{n}",
        archive_institution_regon="123456785",
    )
    assert response.status_code == 200
    transaction.begin()
    assert (
        api.portal.get_registry_record("mgops.caseflow.register_pattern")
        == "DEC/{year}/{n}"
    )
    assert (
        api.portal.get_registry_record("mgops.caseflow.archive_institution_regon")
        == "123456785"
    )


def test_values_outside_the_rules_are_refused_in_polish(
    manager_page, functional_portal
):
    response = save(
        manager_page,
        caseload_limit="16",
        case_reference_prefix="ar 4010",
        register_pattern="AR.4010.{n}.{year}",
    )
    assert response.status_code == 200
    assert "Wartość jest za duża." in response.text
    assert "Prefiks znaku sprawy ar 4010 jest nieprawidłowy" in response.text
    assert "daje numery podobne do znaków sprawy" in response.text
    transaction.begin()
    assert api.portal.get_registry_record("mgops.caseflow.caseload_limit") == 15
    assert (
        api.portal.get_registry_record("mgops.caseflow.case_reference_prefix")
        == "AR.4010"
    )
    assert (
        api.portal.get_registry_record("mgops.caseflow.register_pattern")
        == "{n}/{year}"
    )


@pytest.mark.parametrize("user_id", ["head", "sw1", "member"])
def test_the_panel_is_refused_to_the_staff(request_factory, functional_portal, user_id):
    session = request_factory(basic_auth=(user_id, PASSWORD), api=False)
    for response in (
        session.get(f"/{PANEL}", allow_redirects=False),
        session.post(
            f"/{PANEL}",
            data={"form.widgets.caseload_limit": "5", "form.buttons.save": "Zapisz"},
            allow_redirects=False,
        ),
    ):
        assert response.status_code in (302, 401, 403)
        if response.status_code == 302:
            assert "login" in response.headers["Location"]
    transaction.begin()
    assert api.portal.get_registry_record("mgops.caseflow.caseload_limit") == 15


def test_controlpanels_lists_the_panel(manager_request):
    response = manager_request.get("/@controlpanels")
    assert response.status_code == 200
    (panel,) = (
        panel
        for panel in response.json()
        if panel["@id"].endswith("/@controlpanels/mgops-caseflow")
    )
    assert panel["title"] == "Akta rodziny (MGOPS)"


def test_controlpanel_shows_the_values(manager_request, functional_portal):
    api.portal.set_registry_record("mgops.caseflow.caseload_limit", 12)
    transaction.commit()
    response = manager_request.get("/@controlpanels/mgops-caseflow")
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["caseload_limit"] == 12
    assert body["data"]["register_pattern"] == "{n}/{year}"
    assert body["data"]["centre_name"] == "Miejsko-Gminny Ośrodek Pomocy Społecznej"
    properties = body["schema"]["properties"]
    assert properties["register_pattern"]["title"] == "Wzór numeru w rejestrze"
    assert "trusted_ca_certificates" not in properties


def test_controlpanel_patch_stores_a_valid_value_only(
    manager_request, functional_portal
):
    url = "/@controlpanels/mgops-caseflow"
    assert manager_request.patch(url, json={"caseload_limit": 16}).status_code == 400
    refused = manager_request.patch(url, json={"register_pattern": "DEC.{n}.{year}"})
    assert refused.status_code == 400
    assert manager_request.patch(url, json={"caseload_limit": 10}).status_code == 204
    transaction.begin()
    assert api.portal.get_registry_record("mgops.caseflow.caseload_limit") == 10


def test_controlpanels_are_refused_to_the_head(session_for):
    response = session_for("head").get("/@controlpanels/mgops-caseflow")
    assert response.status_code in (401, 403)


def test_an_empty_password_field_keeps_the_directory_password(
    manager_page, functional_portal
):
    response = save(manager_page, directory_bind_password="bind-secret")
    assert response.status_code == 200
    response = save(manager_page, directory_uri="ldap://127.0.0.1:1")
    assert response.status_code == 200
    transaction.begin()
    assert api.portal.get_registry_record("mgops.caseflow.directory_uri") == (
        "ldap://127.0.0.1:1"
    )
    assert api.portal.get_registry_record("mgops.caseflow.directory_bind_password") == (
        "bind-secret"
    )


def test_saved_directory_settings_reach_the_ldap_plugin(
    manager_page, functional_portal
):
    api.portal.get_tool("portal_setup").runAllImportStepsFromProfile(
        "profile-mgops.caseflow:ldap"
    )
    transaction.commit()
    save(manager_page, directory_uri="ldap://127.0.0.1:2", directory_timeout="7")
    transaction.begin()
    settings = functional_portal.acl_users["pasldap"].settings
    assert settings["server.uri"] == "ldap://127.0.0.1:2"
    assert settings["server.conn_timeout"] == 7
