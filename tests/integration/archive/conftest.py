"""Archival export and import in a site: NDAP schemas, demo data, packages."""

import io
import zipfile
from pathlib import Path

import pytest
from plone import api

from mgops.caseflow.core.archive.validation import NDAP_DIR_VARIABLE


ROOT = Path(__file__).resolve().parents[3]
#: The state archives' schemas live beside the checkout (CI has shared/ there).
NDAP_DIR = ROOT.parent / "shared" / "standards" / "ndap"


@pytest.fixture(autouse=True)
def ndap_schemas(monkeypatch):
    monkeypatch.setenv(NDAP_DIR_VARIABLE, str(NDAP_DIR))
    return NDAP_DIR


@pytest.fixture
def zip_files():
    """The files of a zip package: path → bytes."""

    def files(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return {name: package.read(name) for name in package.namelist()}

    return files


def without_export_time(files: dict[str, bytes]) -> dict[str, bytes]:
    """Every file but the manifest, whose export time differs between exports."""
    return {path: data for path, data in files.items() if path != "manifest.xml"}


def delete_unrestricted(family_files):
    """Remove files as the destruction protocol does (``destruction()``): nothing
    else removes a family file, not even the administrator."""
    from mgops.caseflow.workflow.deletion import destruction

    with api.env.adopt_roles(["Manager"]), destruction():
        for family_file in list(family_files):
            family_file.aq_parent._delObject(family_file.getId())


@pytest.fixture
def demo(portal):
    """The demo data: families in every state, signed decisions among them."""
    from plone import api

    from mgops.caseflow.demo.loader import load_demo

    with api.env.adopt_roles(["Manager"]):
        return load_demo(portal)


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
    make_document(
        family_file,
        "Plan",
        owner="fa1",
        goals="Stabilizacja finansowa",
        actions="Budżet domowy",
        responsibilities="asystent, co tydzień",
        agreed_on=date(2026, 1, 20),
    )
    make_document(
        family_file,
        "Assessment",
        owner="fa1",
        state="final",
        period_from=date(2026, 1, 20),
        period_to=date(2026, 6, 20),
        progress="Częściowy postęp",
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


def close(family_file, ended):
    """End and close a family file, guards aside (as a finished case would be)."""
    from plone import api

    from ..conftest import force_state

    with api.env.adopt_roles(["Manager"]):
        family_file.ended = ended
        force_state(family_file, "closed")
