"""Printed documents as PDF over real HTTP: the contract, plan, assessment and
decision from their pages' ``@@pdf`` and over REST (``@pdf``), the destruction
protocol; poppler reads them back (A4, the letterhead, Polish names, the
register number); only who may view a document gets its PDF; audited."""

import subprocess
from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.builders import create_document
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD

from ..conftest import YEAR


CENTRE = "Miejsko-Gminny Ośrodek Pomocy Społecznej w Źródłach"
FAMILY = "Gęślak-Żółćwińscy"


def read_pdf(data: bytes, tmp_path) -> tuple[str, str]:
    """(text, pdfinfo) of a PDF, by poppler's pdftotext and pdfinfo."""
    assert data.startswith(b"%PDF-"), data[:200]
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return text, info


@pytest.fixture
def page_session(request_factory):
    """``page_session("sw1")``: the user's session on the Classic UI pages."""

    def make(user_id):
        session = request_factory(basic_auth=(user_id, PASSWORD), api=False)
        session.headers["Accept"] = "text/html"
        return session

    return make


def assert_a4(info: str):
    assert "595.276 x 841.89 pts (A4)" in info, info


@pytest.fixture
def documents(functional_portal, committed_file):
    """An active file of a family with Polish letters in its name, with a final
    contract, plan and assessment; the centre's name on the letterhead."""
    api.portal.set_registry_record("mgops.caseflow.centre_name", CENTRE)
    family_file = committed_file(1, state="active")
    family_file.family_name = FAMILY
    family_file.reindexObject()
    create_document(
        family_file,
        "Contract",
        owner="sw1",
        state="final",
        id="kontrakt",
        title="Kontrakt socjalny",
        parties=f"Ośrodek i rodzina {FAMILY}",
        goals="Łagodzenie skutków bezrobocia",
        family_obligations="Udział w zajęciach",
        centre_obligations="Pomoc w znalezieniu pracy",
        valid_from=date(2026, 3, 2),
        valid_to=date(2026, 9, 30),
    )
    create_document(
        family_file,
        "Plan",
        owner="fa1",
        state="final",
        id="plan",
        title="Plan pracy z rodziną",
        goals=[{"goal": "Uregulowanie zaległości czynszowych", "expected_effect": ""}],
        actions="Spotkania z doradcą zadłużenia",
        responsibilities="Rodzina; asystent jako instruktaż",
        agreed_on=date(2026, 3, 9),
    )
    create_document(
        family_file,
        "Assessment",
        owner="fa1",
        id="ocena",
        title="Okresowa ocena sytuacji rodziny",
    )
    transaction.commit()
    return "akta/ar-4010-1-2026"


def test_the_contract_as_pdf_from_its_page_and_over_rest(
    session_for, page_session, documents, tmp_path, audit_log
):
    sw1 = page_session("sw1")
    page = sw1.get(f"/{documents}/kontrakt")
    assert page.status_code == 200
    assert f"{documents}/kontrakt/@@pdf" in page.text  # the link on its page
    from_page = sw1.get(f"/{documents}/kontrakt/@@pdf")
    assert from_page.status_code == 200, from_page.text
    assert from_page.headers["Content-Type"] == "application/pdf"
    assert from_page.headers["Content-Disposition"] == (
        'attachment; filename="kontrakt.pdf"'
    )
    rest = session_for("sw1").get(f"/{documents}/kontrakt/@pdf")
    assert rest.status_code == 200, rest.text
    assert rest.headers["Content-Type"] == "application/pdf"
    for data in (from_page.content, rest.content):
        text, info = read_pdf(data, tmp_path)
        assert_a4(info)
        assert CENTRE in text  # the letterhead
        assert "Asystentura rodziny" in text
        assert "Kontrakt socjalny" in text
        assert f"Ośrodek i rodzina {FAMILY}" in text
        assert "Łagodzenie skutków bezrobocia" in text
        assert "Podpis rodziny" in text  # the signature places of the paper
    downloads = audit_log(action="download", user="sw1")
    assert {entry["view"] for entry in downloads} == {"@@pdf", "@pdf"}


def test_the_plan_as_pdf_with_the_assistants_signature_place(
    session_for, documents, tmp_path
):
    response = session_for("fa1").get(f"/{documents}/plan/@pdf")
    assert response.status_code == 200, response.text
    text, info = read_pdf(response.content, tmp_path)
    assert_a4(info)
    assert CENTRE in text
    assert "Uregulowanie zaległości czynszowych" in " ".join(text.split())
    assert "-1" not in text  # the goals' table without its form markers
    assert "Asystent rodziny" in text  # who signs it beside the family
    assert "Celina Asystentka" in text


def test_the_assessment_as_pdf(session_for, documents, tmp_path):
    response = session_for("fa1").get(f"/{documents}/ocena/@pdf")
    assert response.status_code == 200, response.text
    text, info = read_pdf(response.content, tmp_path)
    assert_a4(info)
    assert CENTRE in text
    assert "Okresowa ocena sytuacji rodziny" in text
    assert "Podpis rodziny" not in text


@pytest.mark.parametrize("user_id", ["fa2", "sw2", "archivist", None])
def test_nobody_else_gets_the_pdf(
    session_for, request_factory, documents, audit_log, user_id
):
    auth = {"basic_auth": (user_id, PASSWORD)} if user_id else {}
    pages = request_factory(api=False, **auth)
    for session, path in (
        (session_for(user_id), f"/{documents}/kontrakt/@pdf"),
        (pages, f"/{documents}/kontrakt/@@pdf"),
    ):
        response = session.get(path)
        assert response.status_code == 401, (path, response.status_code)
        assert not response.content.startswith(b"%PDF")
    assert audit_log(action="download", outcome="ok") == []


def test_the_signed_decision_as_pdf(
    session_for, page_session, pending, functional_portal, tmp_path
):
    api.portal.set_registry_record("mgops.caseflow.centre_name", CENTRE)
    transaction.commit()
    path = pending()
    head = session_for("head")
    signed = head.post(f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD})
    assert signed.status_code == 200, signed.text
    number = f"1/{YEAR}"
    html = page_session("head")
    assert f"{path}/@@pdf" in html.get(f"/{path}").text
    for response in (html.get(f"/{path}/@@pdf"), head.get(f"/{path}/@pdf")):
        assert response.status_code == 200, response.text
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="decyzja-1-{YEAR}.pdf"'
        )
        text, info = read_pdf(response.content, tmp_path)
        assert_a4(info)
        assert CENTRE in text
        assert number in text
        assert "Ewa Kierownik" in text  # the signer
        assert "Podpis jest ważny." in text  # verified when the PDF was made
        assert "Przydzielam rodzinie asystenta rodziny." in text
    # the file's assistant reads the decision, and so its PDF; another does not
    assert session_for("fa2").get(f"/{path}/@pdf").status_code == 200
    assert session_for("fa1").get(f"/{path}/@pdf").status_code == 401


def test_the_destruction_protocol_as_pdf(
    session_for, committed_file, functional_portal, tmp_path, audit_log
):
    from mgops.caseflow.testing.builders import closed_long_ago

    from ..gdpr.test_gdpr import CONSENT

    family_file = committed_file(1)
    family_file.family_name = FAMILY
    with api.env.adopt_roles(["Manager"]):
        closed_long_ago(family_file, "B10", date(2012, 3, 1))
    transaction.commit()
    archivist = session_for("archivist")
    destroyed = archivist.post(
        "/akta/ar-4010-1-2026/@destroy",
        json={"reason": "Upływ okresu przechowywania", "archive_consent": CONSENT},
    )
    assert destroyed.status_code == 200, destroyed.text
    number = destroyed.json()["protocol"]["number"]
    response = archivist.get(f"/akta/@pdf?protocol={number}")
    assert response.status_code == 200, response.text
    text, info = read_pdf(response.content, tmp_path)
    assert_a4(info)
    assert f"Protokół zniszczenia nr {number}" in text
    assert "AR.4010.1.2026" in text
    assert "Upływ okresu przechowywania" in text
    assert "Archiwum Państwowe w Kaliszu" in text
    assert "Filip Archiwista" in text
    (entry,) = audit_log(action="download", protocol=number)
    assert (entry["user"], entry["case_reference"]) == ("archivist", "AR.4010.1.2026")
    assert session_for("archivist").get("/akta/@pdf?protocol=99").status_code == 404
    assert session_for("sw1").get(f"/akta/@pdf?protocol={number}").status_code == 401
