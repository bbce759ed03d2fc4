"""Signing over real HTTP: PKI, a second head, committed pending decisions."""

import pytest
import transaction
from plone import api

from mgops.caseflow.groups import HEADS_GROUP
from mgops.caseflow.signing.keys import add_trusted_ca
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.signing import local_day
from mgops.caseflow.signing.signing import now_utc
from mgops.caseflow.signing.testing import install_pki
from mgops.caseflow.signing.testing import make_pki
from mgops.caseflow.testing import PASSWORD


YEAR = local_day(now_utc()).year


@pytest.fixture(scope="session")
def pki():
    return make_pki()


@pytest.fixture
def trusted(functional_portal, pki):
    """The test CA trusted, no head's keys registered; committed."""
    with api.env.adopt_roles(["Manager"]):
        add_trusted_ca(pki.ca.pem)
    transaction.commit()
    return pki


@pytest.fixture
def signing_site(functional_portal, pki):
    """Two heads with keystores, the test CA trusted; committed."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            username="head2",
            email="head2@mgops.example.org",
            password=PASSWORD,
            properties={"fullname": "Zofia Zastępczyni"},
        )
        api.group.add_user(groupname=HEADS_GROUP, username="head2")
        install_pki(pki, heads=(("head", "head"), ("head2", "head2")))
    transaction.commit()
    return pki


@pytest.fixture
def pending(functional_portal, committed_file, signing_site):
    """``pending(number, kind, file_state, count=1)``: committed pending decisions.

    Returns the decisions' paths (relative to the site) — a list when ``count``
    is given, else one path.
    """

    def make(
        number=1, kind="assign_assistant", file_state="awaiting_decision", count=None
    ):
        transaction.begin()  # see what earlier requests committed
        family_file = committed_file(number, state=file_state)
        paths = []
        for index in range(count or 1):
            with api.env.adopt_roles(["Manager"]):
                decision = api.content.create(
                    container=family_file,
                    type="Decision",
                    id=f"decyzja-{index}",
                    title=f"Decyzja {index}",
                    kind=kind,
                    assistant="fa2" if kind == "assign_assistant" else None,
                    content="Przydzielam rodzinie asystenta rodziny.",
                    justification="Wniosek pracownika socjalnego.",
                )
                decision.changeOwnership(api.user.get(userid="head").getUser())
                decision.manage_setLocalRoles("head", ["Owner"])
            with api.env.adopt_user(username="head"):
                api.content.transition(obj=decision, transition="submit")
            paths.append(f"akta/{family_file.getId()}/{decision.getId()}")
        transaction.commit()
        return paths if count else paths[0]

    return make


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
