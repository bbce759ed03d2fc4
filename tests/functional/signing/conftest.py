"""Signing over real HTTP: what a refused signature must leave as it was."""

import pytest
import transaction
from plone import api

from mgops.caseflow.signing.keys import add_trusted_ca
from mgops.caseflow.signing.numbers import decision_numbers

from ..conftest import YEAR


@pytest.fixture
def trusted(functional_portal, pki):
    """The test CA trusted, no head's keys registered; committed."""
    with api.env.adopt_roles(["Manager"]):
        add_trusted_ca(pki.ca.pem)
    transaction.commit()
    return pki


@pytest.fixture
def snapshot(functional_portal):
    """What a refused signature must leave as it was."""

    def take(path):
        transaction.begin()
        decision = functional_portal.unrestrictedTraverse(path)
        family_file = decision.aq_parent
        return {
            "state": api.content.get_state(decision),
            "register_number": decision.register_number,
            "signature_file": decision.signature_file,
            "signer": decision.signer,
            "signed_at": decision.signed_at,
            "file_state": api.content.get_state(family_file),
            "file_assistant": family_file.assistant,
            "file_ended": family_file.ended,
            "next_number": decision_numbers().peek(YEAR),
            "issued": decision_numbers().issued(YEAR),
        }

    return take
