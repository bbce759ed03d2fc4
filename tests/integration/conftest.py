"""Fixtures that build family files and documents and put them into any state.

Thin wrappers over ``mgops.caseflow.testing.builders``; nothing is committed (the
integration layer rolls each test back).
"""

from pathlib import Path

import pytest

from mgops.caseflow.core.archive.validation import NDAP_DIR_VARIABLE
from mgops.caseflow.testing.builders import close
from mgops.caseflow.testing.builders import create_document
from mgops.caseflow.testing.builders import create_family_file
from mgops.caseflow.testing.builders import force_state


ROOT = Path(__file__).resolve().parents[2]
#: The state archives' schemas live beside the checkout (CI has shared/ there).
NDAP_DIR = ROOT.parent / "shared" / "standards" / "ndap"


@pytest.fixture
def registry(portal):
    return portal["akta"]


@pytest.fixture
def make_family_file(portal, registry):
    """Create a family file as Manager, with sw1 and fa1 named on it."""

    def make(number=1, social_worker="sw1", assistant="fa1", state=None, **fields):
        family_name = fields.pop("family_name", f"Kowalscy {number}")
        return create_family_file(
            registry,
            number,
            social_worker=social_worker,
            assistant=assistant,
            state=state,
            title=family_name,  # plone.api wants one; the file names itself
            family_name=family_name,
            **fields,
        )

    return make


@pytest.fixture
def make_document(portal):
    """Create a document of ``portal_type`` in a file as Manager, owned by ``owner``."""
    return create_document


@pytest.fixture
def set_state():
    """``set_state(obj, state)``: move an object to a state, guards aside."""
    return force_state


@pytest.fixture
def ndap_schemas(monkeypatch):
    """The state archives' schemas, where the archive finds them."""
    monkeypatch.setenv(NDAP_DIR_VARIABLE, str(NDAP_DIR))
    return NDAP_DIR


@pytest.fixture
def every_kind_file(make_family_file, make_document):
    """A closed, ended family file with every document type in every state,
    attachments, and a correction (the demo's closed files hold the signed
    decisions)."""
    from datetime import date
    from datetime import datetime

    from plone.namedfile.file import NamedBlobFile

    def blob(name, data, content_type="application/pdf"):
        return NamedBlobFile(data=data, contentType=content_type, filename=name)

    family_file = make_family_file(
        90,
        state="active",  # documents of every kind may be added
        members=[
            {
                "first_name": "Maria",
                "last_name": "Zielińska",
                "role": "mother",
                "birth_date": date(1990, 4, 12),
                "pesel": "90041212345",
            }
        ],
    )
    make_document(
        family_file,
        "Interview",
        state="final",
        interview_date=date(2026, 1, 7),
        conducted_by="Anna Socjalna",
        findings="Rodzina: 3 osoby.\nDochód < 1000 zł & brak pracy.",
        assistant_needed=True,
        attachment=blob("skan wywiadu.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 50),
    )
    make_document(
        family_file,
        "Contract",
        state="final",
        parties="Anna Socjalna, Maria Zielińska",
        goals="Podjęcie pracy",
        family_obligations="Szukać pracy",
        centre_obligations="Pomoc w CV",
        valid_from=date(2026, 1, 12),
        valid_to=date(2026, 7, 12),
    )
    plan = make_document(
        family_file,
        "Plan",
        owner="fa1",
        goals=[{"goal": "Stabilizacja finansowa", "expected_effect": None}],
        actions="Budżet domowy",
        responsibilities="asystent, co tydzień",
        agreed_on=date(2026, 1, 20),
    )
    make_document(
        family_file,
        "Assessment",
        owner="fa1",
        state="final",
        plan=plan.UID(),
        period_from=date(2026, 1, 20),
        period_to=date(2026, 6, 20),
        goal_progress=[
            {
                "goal": "Stabilizacja finansowa",
                "progress": "Częściowy postęp",
                "achieved": "partly",
            }
        ],
        recommendation="end",
    )
    note = make_document(
        family_file,
        "Note",
        owner="fa1",
        state="final",
        kind="visit",
        visit_start=datetime(2026, 2, 3, 10, 0),
        visit_end=datetime(2026, 2, 3, 11, 30),
        place="mieszkanie rodziny",
        content="Wizyta przebiegła spokojnie.",
        services_notified=[],
        attachment=blob("notatka.txt", "Zażółć gęślą jaźń".encode(), "text/plain"),
    )
    make_document(
        family_file,
        "Note",
        owner="fa1",
        state="final",
        title="Korekta notatki",
        kind="control_visit",
        content="Korekta: wizyta trwała do 11:30.",
        corrects=note.UID(),
    )
    make_document(
        family_file,
        "Decision",
        owner="head",
        kind="other",
        content="Projekt decyzji.",
        justification="Uzasadnienie.",
    )
    make_document(
        family_file,
        "Decision",
        owner="head",
        state="pending_signature",
        kind="end_work",
        content="Zakończenie pracy z rodziną.",
        justification="Cele osiągnięte.",
    )
    close(family_file, date(2026, 7, 31))
    return family_file
