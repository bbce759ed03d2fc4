"""Hostile and broken input over real HTTP: each refused clearly or stored safely.

Nothing here may answer 500; what is refused says why in Polish and stores nothing.
"""

import base64

import pytest
import transaction
from plone import api

from mgops.caseflow.core.rules import input_limits


FILE = "/akta/ar-4010-1-2026"
NOTE = {
    "@type": "Note",
    "title": "Notatka",
    "kind": "end_request",
    "end_reason": "plan_achieved",
    "plan_outcome": "Cele osiągnięte.",
    "content": "Wniosek o zakończenie pracy.",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def family_file(committed_file):
    return committed_file(1)


@pytest.fixture
def sw1(session_for):
    return session_for("sw1")


def message(response):
    """The error text, decoded (plone.restapi nests field errors in it)."""
    body = response.json()
    found = body.get("message") or body.get("error", {}).get("message") or ""
    return found.encode().decode("unicode_escape") if "\\u" in found else found


def attachment(data, filename, content_type):
    return {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def notes_in(functional_portal):
    transaction.begin()
    folder = functional_portal["akta"]["ar-4010-1-2026"]
    return [obj for obj in folder.objectValues() if obj.portal_type == "Note"]


def test_a_pdf_attachment_is_accepted(sw1, family_file, functional_portal):
    body = dict(NOTE, attachment=attachment(PDF, "skan.pdf", "application/pdf"))
    response = sw1.post(FILE, json=body)
    assert response.status_code == 201, response.text
    (note,) = notes_in(functional_portal)
    assert note.attachment.data == PDF


@pytest.mark.parametrize(
    ("data", "filename", "content_type"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 60, "program.exe", "application/x-msdownload"),
        (b"MZ\x90\x00\x03" + b"\x00" * 60, "skan.pdf", "application/pdf"),  # disguised
        (b"<html><script>alert(1)</script></html>", "strona.html", "text/html"),
        (b"#!/bin/sh\nrm -rf /\n", "skrypt.sh", "application/x-sh"),
        (PDF, "skan.pdf", "text/html"),  # declared type does not match
        (b"<svg onload=alert(1)>", "obraz.svg", "image/svg+xml"),
    ],
)
def test_wrong_file_types_are_refused_in_polish(
    sw1, family_file, functional_portal, data, filename, content_type
):
    body = dict(NOTE, attachment=attachment(data, filename, content_type))
    response = sw1.post(FILE, json=body)
    assert response.status_code == 400, response.text
    assert "nie jest dozwolonym rodzajem pliku" in message(response)
    assert notes_in(functional_portal) == []


def test_an_oversized_attachment_is_refused(
    sw1, family_file, functional_portal, monkeypatch
):
    monkeypatch.setattr(input_limits, "MAX_ATTACHMENT_BYTES", 64 * 1024)
    data = PDF + b"0" * (64 * 1024)
    body = dict(NOTE, attachment=attachment(data, "duzy.pdf", "application/pdf"))
    response = sw1.post(FILE, json=body)
    assert response.status_code == 400
    assert "dopuszczalne jest najwyżej 65536" in message(response)
    assert notes_in(functional_portal) == []


def test_the_real_attachment_limit_is_twenty_mebibytes():
    assert input_limits.MAX_ATTACHMENT_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize(
    "raw",
    [
        b'{"@type": "Note", "title": "\xff\xfe\xfd", "kind": "end_request"}',
        b'{"@type": "Note", "title": "\xc3\x28"}',
        b'{"@type": "Note", "title": ',
        b"\x00\x00\x00",
    ],
)
def test_broken_utf8_or_json_gives_400(sw1, family_file, functional_portal, raw):
    response = sw1.post(
        FILE,
        data=raw,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert "nie jest poprawnym dokumentem JSON" in message(response)
    assert notes_in(functional_portal) == []


def test_a_very_long_text_is_refused_in_polish(sw1, family_file, functional_portal):
    body = dict(NOTE, content="A" * (input_limits.MAX_TEXT_LENGTH + 1))
    response = sw1.post(FILE, json=body)
    assert response.status_code == 400
    assert "dopuszczalne jest najwyżej 100000" in message(response)
    assert notes_in(functional_portal) == []


def test_a_very_long_line_is_refused(session_for, family_file):
    response = session_for("sw1").patch(FILE, json={"family_name": "X" * 10_000})
    assert response.status_code == 400
    assert "Tekst ma 10000 znaków" in message(response)


@pytest.mark.parametrize(
    ("member_birth", "expected"),
    [("1800-01-01", "jest wcześniejsza niż 1900-01-01"), ("3000-01-01", "3000-01-01")],
)
def test_implausible_birth_dates_are_refused(sw1, family_file, member_birth, expected):
    member = {
        "first_name": "Jan",
        "last_name": "Kowalski",
        "role": "father",
        "birth_date": member_birth,
    }
    response = sw1.patch(FILE, json={"members": [member]})
    assert response.status_code == 400, response.text
    assert expected in message(response)


def test_a_contract_ending_in_the_year_3000_is_refused(sw1, committed_file):
    committed_file(2, state="active")
    body = {
        "@type": "Contract",
        "title": "Kontrakt",
        "parties": "Ośrodek i rodzina",
        "goals": "Cele",
        "family_obligations": "Obowiązki rodziny",
        "centre_obligations": "Obowiązki ośrodka",
        "valid_from": "2026-03-05",
        "valid_to": "3000-01-01",
    }
    response = sw1.post("/akta/ar-4010-2-2026", json=body)
    assert response.status_code == 400, response.text
    assert "Data 3000-01-01 jest późniejsza niż" in message(response)


@pytest.mark.parametrize("value", ["10000-01-01", "2026-02-30", "-0001-01-01", "x"])
def test_impossible_dates_give_400(sw1, family_file, value):
    response = sw1.patch(FILE, json={"opened": value})
    assert response.status_code == 400, response.text


INJECTIONS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE akta; --",
    "${7*7} {{7*7}} <%= 7*7 %>",
    "../../../../etc/passwd",
    "\u202eevil\u0000null",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_in_text_is_stored_as_text_and_shown_escaped(
    sw1, session_for, family_file, payload
):
    body = dict(NOTE, title="Notatka", content=payload)
    response = sw1.post(FILE, json=body)
    if response.status_code == 400:  # refused outright (the NUL byte) is fine too
        assert "error" in response.text or "message" in response.text
        return
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    stored = sw1.get(url).json()
    assert stored["content"] == payload  # JSON keeps it as plain text
    page = session_for("sw1").get(url, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<script>alert('xss')</script>" not in page.text
    assert "<img src=x onerror=alert(1)>" not in page.text


@pytest.mark.parametrize(
    "params",
    [
        {"SearchableText": "<script>alert(1)</script>"},
        {"SearchableText": "\"' OR 1=1 --"},
        {"SearchableText": "a" * 5000},
        {"SearchableText": "(((( AND NOT"},
        {"sort_on": "__class__"},
        {"sort_on": "no_such_index", "sort_order": "'; DROP"},
        {"b_size": "-1"},
        {"b_start": "abc"},
        {"portal_type": "<FamilyFile>"},
        {"path": "../../../"},
        {"path.depth": "x"},
        {"review_state": {"query": "x"}},
        {"metadata_fields": "__dict__"},
        {"created.query": "3000-13-45", "created.range": "min"},
    ],
)
def test_search_parameters_never_cause_a_server_error(session_for, family_file, params):
    response = session_for("sw1").get("/@search", params=params)
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert "Nie można zrozumieć zapytania" in message(response)
    assert "<script>alert(1)</script>" not in response.text or response.headers[
        "Content-Type"
    ].startswith("application/json")


def test_a_correction_of_another_familys_document_is_refused(
    sw1, committed_file, functional_portal
):
    committed_file(1)
    committed_file(2)
    with api.env.adopt_roles(["Manager"]):
        foreign = api.content.create(
            container=functional_portal["akta"]["ar-4010-2-2026"],
            type="Note",
            title="Cudza notatka",
            kind="control_visit",
            content="Wizyta.",
        )
        api.content.transition(obj=foreign, transition="finalize")
    transaction.commit()
    before = notes_in(functional_portal)
    response = sw1.post(FILE, json=dict(NOTE, corrects=foreign.UID()))
    assert response.status_code == 400
    assert "Nieprawidłowa wartość" in message(response)
    assert notes_in(functional_portal) == before


def test_a_note_shows_the_document_it_corrects(sw1, committed_file, functional_portal):
    committed_file(1)
    created = sw1.post(FILE, json=NOTE)
    assert created.status_code == 201
    original = created.json()["@id"]
    assert sw1.post(f"{original}/@workflow/finalize").status_code == 200
    uid = sw1.get(original).json()["UID"]
    correction = sw1.post(FILE, json=dict(NOTE, title="Korekta", corrects=uid))
    assert correction.status_code == 201
    shown = sw1.get(correction.json()["@id"]).json()["corrects"]
    assert shown == {"token": uid, "title": "Notatka"}
