"""Fixtures for signing in a site: test PKI, the head's keystore, pending decisions."""

import pytest
from plone import api

from mgops.caseflow.testing.pki import install_pki
from mgops.caseflow.testing.pki import make_pki


@pytest.fixture(scope="session")
def pki():
    return make_pki()


@pytest.fixture
def signing_ready(portal, pki):
    with api.env.adopt_roles(["Manager"]):
        install_pki(pki)
    return pki


@pytest.fixture
def pending_decision(make_family_file, make_document, signing_ready):
    """``pending_decision(kind, file_state, number=…)``: a decision to sign."""

    def make(kind="assign_assistant", file_state="awaiting_decision", number=1, **kw):
        family_file = kw.pop("family_file", None) or make_family_file(
            number, state=file_state
        )
        fields = {
            "kind": kind,
            "content": "Przydzielam rodzinie asystenta rodziny.",
            "justification": "Wniosek pracownika socjalnego.",
        }
        if kind in ("assign_assistant", "change_assistant"):
            fields["assistant"] = "fa2"
        fields.update(kw)
        return make_document(
            family_file,
            "Decision",
            owner="head",
            state="pending_signature",
            **fields,
        )

    return make
