"""``@@retencja``: files past retention, their destruction by the archivist with
the state archive's consent, and the protocols (GET @retention / POST @destroy
on screen)."""

from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.testing.builders import closed_long_ago

from .conftest import html
from .conftest import text_of


@pytest.fixture
def old_files(committed_file):
    b10, be10, fresh = committed_file(1), committed_file(2), committed_file(3)
    with api.env.adopt_roles(["Manager"]):
        closed_long_ago(b10, "B10", date(2012, 3, 1))
        closed_long_ago(be10, "BE10", date(2012, 3, 1))
        closed_long_ago(fresh, "B10", date(2025, 3, 1))
    transaction.commit()
    return b10, be10, fresh


def _destroy_form(page, number):
    tree = html(page.get("/@@retencja"))
    (form,) = [
        form
        for form in tree.cssselect("form.caseflow-destroy")
        if f"AR.4010.{number}.2026" in form.getparent().getparent().text_content()
    ]
    names = form.inputs.keys()  # iterating the inputs gives elements, not names
    return {name: form.inputs[name].value or "" for name in names}


CONSENT = {
    "archive": "Archiwum Państwowe w Kaliszu",
    "consent_reference": "ZNA.4231.17.2025",
    "consent_date": "2025-11-20",
}


def test_the_head_sees_the_list_but_no_destruction(page_for, old_files, audit_log):
    response = page_for("head").get("/@@retencja")
    assert response.status_code == 200
    text = text_of(response)
    assert "AR.4010.1.2026" in text
    assert "AR.4010.2.2026" in text
    assert "AR.4010.3.2026" not in text  # retention runs until 2036
    assert "01.01.2023" in text
    assert not html(response).cssselect("form.caseflow-destroy")
    assert {entry["case_reference"] for entry in audit_log(action="list")} >= {
        "AR.4010.1.2026",
        "AR.4010.2.2026",
    }


def test_the_archivist_destroys_with_consent_and_the_protocol_is_listed(
    page_for, old_files, functional_portal, audit_log
):
    archivist = page_for("archivist")
    values = _destroy_form(archivist, 1)
    values.update(CONSENT, reason="Upływ okresu przechowywania.", confirm="1")
    response = archivist.post("/@@retencja", data=values)
    assert response.status_code == 200
    text = text_of(response)
    assert "Akta AR.4010.1.2026 zostały zniszczone; protokół brakowania nr 1." in text
    protocols = html(response).cssselect("table.caseflow-protocols tbody tr")
    assert len(protocols) == 1
    assert "Archiwum Państwowe w Kaliszu" in protocols[0].text_content()
    (link,) = protocols[0].cssselect("a")
    pdf = archivist.get(link.get("href"))
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    transaction.begin()
    assert "ar-4010-1-2026" not in functional_portal["akta"].objectIds()
    assert audit_log(action="destroy")


def test_without_consent_or_confirmation_nothing_is_destroyed(
    page_for, old_files, functional_portal
):
    archivist = page_for("archivist")
    values = _destroy_form(archivist, 1)
    values.update(reason="Upływ okresu.", confirm="1")
    refused = archivist.post("/@@retencja", data=values)
    assert "zgodą dyrektora" in text_of(refused)
    values.update(CONSENT)
    values.pop("confirm")
    unconfirmed = archivist.post("/@@retencja", data=values)
    assert "Potwierdź, że akta AR.4010.1.2026" in text_of(unconfirmed)
    transaction.begin()
    assert "ar-4010-1-2026" in functional_portal["akta"].objectIds()


def test_a_be_file_needs_the_expert_assessment(page_for, old_files, functional_portal):
    archivist = page_for("archivist")
    values = _destroy_form(archivist, 2)
    assert "expert_consent" in values
    values.update(CONSENT, reason="Upływ okresu.", confirm="1", expert_consent="")
    response = archivist.post("/@@retencja", data=values)
    assert "ekspertyz" in text_of(response).lower()
    transaction.begin()
    assert "ar-4010-2-2026" in functional_portal["akta"].objectIds()


def test_the_head_cannot_destroy_by_posting_the_form(
    page_for, old_files, functional_portal
):
    archivist_values = _destroy_form(page_for("archivist"), 1)
    head = page_for("head")
    # the head's own valid token (from a form the head has), so the refusal is
    # the destruction rule's, not the CSRF check's
    (token,) = html(head.get("/@@dane-osoby")).cssselect("input[name=_authenticator]")
    values = dict(archivist_values, **CONSENT, reason="x", confirm="1")
    values["_authenticator"] = token.get("value")
    response = head.post("/@@retencja", data=values)
    assert "Akta rodzin niszczy tylko archiwista." in text_of(response)
    transaction.begin()
    assert "ar-4010-1-2026" in functional_portal["akta"].objectIds()


@pytest.mark.parametrize("user_id", ["sw1", "fa1"])
def test_staff_without_the_archive_do_not_open_it(page_for, old_files, user_id):
    response = page_for(user_id).get("/@@retencja", allow_redirects=False)
    assert response.status_code in (302, 401, 403)
