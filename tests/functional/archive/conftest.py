"""Archival export, marking and import over real HTTP: closed files, sessions."""

from datetime import date
from pathlib import Path

import pytest
import transaction
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

from mgops.caseflow.core.archive.validation import NDAP_DIR_VARIABLE
from mgops.caseflow.testing.builders import close


ROOT = Path(__file__).resolve().parents[3]
NDAP_DIR = ROOT.parent / "shared" / "standards" / "ndap"


@pytest.fixture(autouse=True)
def ndap_schemas(monkeypatch):
    monkeypatch.setenv(NDAP_DIR_VARIABLE, str(NDAP_DIR))
    return NDAP_DIR


@pytest.fixture
def closed_file(functional_portal, committed_file):
    """``closed_file(number, ended=…)``: a committed closed family file with a note."""

    def make(number, ended=date(2026, 7, 31)):
        family_file = committed_file(number, state="active")
        close(family_file, ended, note=f"Notatka {number}")
        transaction.commit()
        return family_file

    return make


@pytest.fixture
def session(session_for, request_factory):
    """A REST session of a user; ``"admin"`` is the site owner (Manager)."""

    def make(user_id):
        if user_id == "admin":
            return request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        return session_for(user_id)

    return make
