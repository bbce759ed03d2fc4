"""The notes' rules over real HTTP: each bypass refused in Polish, nothing stored.

Issue 13: the introduction note is the file's social worker's (DESIGN, Process
3); every note of an act of the assistant in the family lies in 07:00–21:00,
and the window cannot be set outside it (Process 5); the "Za życiem" request
rests on the application document (Process 11, Act of 4 November 2016, art. 8
ust. 1).
"""

import base64
from datetime import date
from datetime import datetime
from datetime import timedelta

import lxml.html
import pytest
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile

from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.builders import create_document
from mgops.caseflow.testing.builders import create_family_file
from mgops.caseflow.testing.builders import record_decision


FILE = "/akta/ar-4010-1-2026"
ZA_ZYCIEM = "/akta/ar-4010-2-2026"
DAY = (date.today() - timedelta(days=1)).isoformat()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

INTRODUCTION_ONLY_SW = (
    "Adnotację o wprowadzeniu asystenta rodziny sporządza i zatwierdza wyłącznie "
    "pracownik socjalny odpowiedzialny za akta"
)
OUTSIDE_HOURS = "między 07:00 a 21:00, w godzinach pracy asystenta rodziny"
#: what the assistant's request to end the work gives besides its times
END_REQUEST = {"end_reason": "plan_achieved", "plan_outcome": "Cele osiągnięte."}


def note(kind, start="10:00", end="11:00", **fields):
    body = {"@type": "Note", "title": "Adnotacja", "kind": kind, "content": "Treść."}
    if start:
        body["visit_start"] = f"{DAY}T{start}:00+01:00"
        body["visit_end"] = f"{DAY}T{end}:00+01:00"
    body.update(fields)
    return body


def message(response):
    """The error text (plone.restapi nests field errors, JSON-escaped, in it)."""
    body = response.json()
    found = body.get("message") or body.get("error", {}).get("message") or ""
    return found.encode().decode("unicode_escape") if "\\u" in found else found


def attachment(data, filename, content_type="application/pdf"):
    return {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def notes(functional_portal, path=FILE):
    transaction.begin()
    folder = functional_portal.unrestrictedTraverse(path.lstrip("/"))
    return [obj for obj in folder.objectValues() if obj.portal_type == "Note"]


def browser_of(request_factory, user_id):
    """A Classic UI session of the user (HTML, not the API)."""
    browser = request_factory(basic_auth=(user_id, PASSWORD), api=False)
    browser.headers["Accept"] = "text/html"
    return browser


@pytest.fixture
def active(committed_file):
    """Assigned by a decision signed a week ago: yesterday's visit is after it."""
    family_file = committed_file(1, state="awaiting_decision")
    week_ago = date.today() - timedelta(days=7)
    record_decision(family_file, "assign_assistant", week_ago, assistant="fa1")
    transaction.commit()
    return family_file


@pytest.fixture
def za_zyciem(functional_portal):
    family_file = create_family_file(
        functional_portal["akta"], 2, id="ar-4010-2-2026", support_path="za_zyciem"
    )
    transaction.commit()
    return family_file


# -- the introduction note is written by the file's social worker -------------


def test_the_assistant_posting_an_introduction_is_refused_in_polish(
    session_for, active, functional_portal
):
    response = session_for("fa1").post(FILE, json=note("introduction"))
    assert response.status_code == 400, response.text
    assert INTRODUCTION_ONLY_SW in message(response)
    assert notes(functional_portal) == []


def test_the_assistant_cannot_patch_a_visit_into_an_introduction(
    session_for, active, functional_portal
):
    fa1 = session_for("fa1")
    created = fa1.post(FILE, json=note("visit"))
    assert created.status_code == 201, created.text
    response = fa1.patch(created.json()["@id"], json={"kind": "introduction"})
    assert response.status_code == 400, response.text
    assert INTRODUCTION_ONLY_SW in message(response)
    assert [n.kind for n in notes(functional_portal)] == ["visit"]


def test_the_assistant_cannot_finalize_an_introduction_written_past_the_api(
    session_for, active, functional_portal
):
    create_document(
        active,
        "Note",
        owner="fa1",
        id="wprowadzenie",
        kind="introduction",
        content="Asystent przedstawił się rodzinie.",
    )
    transaction.commit()
    response = session_for("fa1").post(f"{FILE}/wprowadzenie/@workflow/finalize")
    assert response.status_code == 400, response.text
    assert INTRODUCTION_ONLY_SW in message(response)
    (introduction,) = notes(functional_portal)
    assert api.content.get_state(introduction) == "draft"
    assert "introduction" in [o["kind"] for o in introduction.aq_parent.obligations]


def test_the_social_workers_introduction_meets_the_deadline(
    session_for, active, functional_portal
):
    sw1 = session_for("sw1")
    created = sw1.post(FILE, json=note("introduction"))
    assert created.status_code == 201, created.text
    finalized = sw1.post(f"{created.json()['@id']}/@workflow/finalize")
    assert finalized.status_code == 200, finalized.text
    transaction.begin()
    family_file = functional_portal["akta"]["ar-4010-1-2026"]
    assert "introduction" not in [o["kind"] for o in family_file.obligations]


@pytest.mark.parametrize(
    ("kind", "start", "end", "expected"),
    [
        ("introduction", "10:00", "11:00", INTRODUCTION_ONLY_SW),
        # z3c.form's add form validates without a context: the assistant's
        # own note is still recognised as theirs
        ("end_request", "21:30", "22:00", OUTSIDE_HOURS),
    ],
)
def test_the_add_form_refuses_the_assistants_bypass(
    request_factory, active, functional_portal, kind, start, end, expected
):
    browser = browser_of(request_factory, "fa1")
    page = browser.get(f"{FILE}/++add++Note")
    assert page.status_code == 200, page.text
    (form,) = [
        f for f in lxml.html.fromstring(page.text).forms if "++add++" in f.action
    ]
    values = dict(form.form_values())
    values.update(
        {
            "form.widgets.IBasic.title": "Adnotacja asystenta",
            "form.widgets.kind:list": kind,
            "form.widgets.content": "Treść adnotacji.",
            "form.widgets.visit_start": f"{DAY}T{start}",
            "form.widgets.visit_end": f"{DAY}T{end}",
            "form.widgets.end_reason:list": END_REQUEST["end_reason"],
            "form.widgets.plan_outcome": END_REQUEST["plan_outcome"],
            "form.buttons.save": "Zapisz",
        }
    )
    response = browser.post(f"{FILE}/++add++Note", data=values)
    assert response.status_code == 200
    assert expected in response.text
    assert notes(functional_portal) == []


# -- the assistant's hours -------------------------------------------------------


def test_an_introduction_at_22_30_is_refused(session_for, active, functional_portal):
    response = session_for("sw1").post(
        FILE, json=note("introduction", "22:30", "22:50")
    )
    assert response.status_code == 400, response.text
    assert OUTSIDE_HOURS in message(response)
    assert notes(functional_portal) == []


def test_the_assistants_request_giving_22_00_is_refused(
    session_for, active, functional_portal
):
    body = note("end_request", "21:30", "22:00", **END_REQUEST)
    response = session_for("fa1").post(FILE, json=body)
    assert response.status_code == 400, response.text
    assert OUTSIDE_HOURS in message(response)
    assert notes(functional_portal) == []


def test_the_social_workers_intervention_at_night_is_recorded(session_for, active):
    """Process 10: in danger the social worker intervenes at any hour."""
    body = note("intervention", "23:00", "23:40", services_notified=["police"])
    response = session_for("sw1").post(FILE, json=body)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    ("record", "value", "stored"),
    [("visit_hours_start", "06:00", "07:00"), ("visit_hours_end", "22:00", "21:00")],
)
def test_the_registry_endpoint_refuses_a_window_outside_07_21(
    request_factory, functional_portal, record, value, stored
):
    manager = request_factory(role="Manager")
    response = manager.patch("/@registry", json={f"mgops.caseflow.{record}": value})
    assert response.status_code == 400, response.text
    assert f"Godzina {value} wykracza poza 07:00–21:00" in message(response)
    transaction.begin()
    assert api.portal.get_registry_record(f"mgops.caseflow.{record}") == stored


# -- the "Za życiem" application --------------------------------------------------


def application(**fields):
    body = note(
        "za_zyciem_application",
        start=None,
        received_on=DAY,
        certificate_kind="pregnancy_document",
        attachment=attachment(PDF, "zaswiadczenie.pdf"),
    )
    body.update(fields)
    return body


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "expected"),
    [
        # a text file named .pdf: no attachment may lie about its kind
        (
            b"ZASWIADCZENIE LEKARSKIE",
            "zaswiadczenie.pdf",
            "application/pdf",
            "jego treść nie odpowiada nazwie",
        ),
        # an honest text file or document: allowed elsewhere, not as the scan
        (
            b"Zaswiadczenie lekarskie",
            "zaswiadczenie.txt",
            "text/plain",
            "Dołączony plik zaswiadczenie.txt nie jest dokumentem PDF, JPEG ani PNG",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "zaswiadczenie.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Dołączony plik zaswiadczenie.docx nie jest dokumentem PDF, JPEG ani PNG",
        ),
    ],
)
def test_an_application_whose_document_is_no_scan_is_refused(
    session_for, za_zyciem, functional_portal, data, filename, content_type, expected
):
    body = application(attachment=attachment(data, filename, content_type))
    response = session_for("sw1").post(ZA_ZYCIEM, json=body)
    assert response.status_code == 400, response.text
    assert expected in message(response)
    assert notes(functional_portal, ZA_ZYCIEM) == []


def test_an_application_received_tomorrow_is_refused(
    session_for, za_zyciem, functional_portal
):
    tomorrow = (datetime.now(OFFICE_ZONE).date() + timedelta(days=1)).isoformat()
    response = session_for("sw1").post(
        ZA_ZYCIEM, json=application(received_on=tomorrow)
    )
    assert response.status_code == 400, response.text
    assert f"Data {tomorrow} jest w przyszłości" in message(response)
    assert notes(functional_portal, ZA_ZYCIEM) == []


def test_the_medical_certificate_alone_no_longer_allows_the_request(
    session_for, za_zyciem, functional_portal
):
    za_zyciem.medical_certificate = NamedBlobFile(
        data=PDF, filename="stare.pdf", contentType="application/pdf"
    )
    transaction.commit()
    response = session_for("sw1").post(f"{ZA_ZYCIEM}/@workflow/request_assistant")
    assert response.status_code == 400, response.text
    assert "wymaga zatwierdzonej adnotacji z wnioskiem „Za życiem”" in message(response)
    transaction.begin()
    assert (
        api.content.get_state(functional_portal["akta"]["ar-4010-2-2026"]) == "intake"
    )


def test_the_final_application_allows_the_request_without_interview(
    session_for, za_zyciem, functional_portal
):
    sw1 = session_for("sw1")
    created = sw1.post(ZA_ZYCIEM, json=application())
    assert created.status_code == 201, created.text
    assert sw1.post(f"{created.json()['@id']}/@workflow/finalize").status_code == 200
    response = sw1.post(f"{ZA_ZYCIEM}/@workflow/request_assistant")
    assert response.status_code == 200, response.text
    transaction.begin()
    family_file = functional_portal["akta"]["ar-4010-2-2026"]
    assert api.content.get_state(family_file) == "awaiting_decision"


def test_the_file_forms_no_longer_offer_the_medical_certificate(
    request_factory, za_zyciem
):
    browser = browser_of(request_factory, "sw1")
    for page in ("/akta/++add++FamilyFile", f"{ZA_ZYCIEM}/edit"):
        response = browser.get(page)
        assert response.status_code == 200, page
        assert "form.widgets.medical_certificate" not in response.text
        assert "form.widgets.support_path" in response.text


# -- who of the family was present is picked from the file's members ---------


def test_a_visit_names_the_members_present_from_the_file(
    session_for, active, functional_portal
):
    active.members = [
        {"first_name": "Anna", "last_name": "Kowalska", "role": "mother"},
        {"first_name": "Jan", "last_name": "Kowalski", "role": "child"},
    ]
    transaction.commit()
    assistant = session_for("fa1")
    response = assistant.post(FILE, json=note("visit", present=["Jan Kowalski"]))
    assert response.status_code == 201, response.text
    (visit,) = notes(functional_portal)
    assert visit.present == ["Jan Kowalski"]
    stranger = assistant.post(FILE, json=note("visit", present=["Ewa Obca"]))
    assert stranger.status_code == 400, stranger.text
    assert len(notes(functional_portal)) == 1


def test_the_visit_form_offers_the_members_as_check_boxes(request_factory, active):
    active.members = [{"first_name": "Anna", "last_name": "Kowalska", "role": "mother"}]
    transaction.commit()
    page = browser_of(request_factory, "fa1").get(f"{FILE}/++add++Note")
    form = lxml.html.fromstring(page.text)
    labels = [label.text_content().strip() for label in form.cssselect("label")]
    assert "Anna Kowalska" in labels
    assert form.cssselect("input[type=checkbox][name='form.widgets.present:list']")


def test_a_patch_cannot_name_someone_outside_the_file_as_present(
    session_for, active, functional_portal
):
    active.members = [{"first_name": "Anna", "last_name": "Kowalska", "role": "mother"}]
    transaction.commit()
    assistant = session_for("fa1")
    created = assistant.post(FILE, json=note("visit", present=["Anna Kowalska"]))
    assert created.status_code == 201, created.text
    path = created.json()["@id"].split("/++api++", 1)[-1]
    response = assistant.patch(path, json={"present": ["Ewa Obca"]})
    assert response.status_code == 400, response.text
    (visit,) = notes(functional_portal)
    assert visit.present == ["Anna Kowalska"]
