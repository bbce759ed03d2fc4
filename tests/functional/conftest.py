"""Fixtures for real HTTP: sessions per user, and committed family files."""

from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.signing.effects import signed_decision_effects
from mgops.caseflow.testing import PASSWORD


#: state → the transitions that lead there from intake, and who takes them
PATHS = {
    "intake": [],
    "awaiting_decision": [("request_assistant", "social_worker")],
    "active": [("request_assistant", "social_worker"), ("assign_assistant", "head")],
}


def recommend_assistant(family_file, social_worker):
    """The final interview recommending an assistant that a request needs."""
    with api.env.adopt_user(username=social_worker):
        interview = api.content.create(
            container=family_file,
            type="Interview",
            title="Wywiad środowiskowy",
            interview_date=date(2026, 2, 3),
            conducted_by="Pracownik socjalny",
            findings="Rodzina potrzebuje wsparcia asystenta.",
            assistant_needed=True,
        )
        api.content.transition(obj=interview, transition="finalize")


@pytest.fixture
def session_for(request_factory):
    """``session_for("sw1")``: a REST session of that user, or anonymous for None."""

    def make(user_id):
        if user_id is None:
            return request_factory()
        return request_factory(basic_auth=(user_id, PASSWORD))

    return make


@pytest.fixture
def committed_file(functional_portal):
    """Create and commit a family file with its people and workflow state."""

    def make(number, social_worker="sw1", assistant="fa1", state="intake"):
        registry = functional_portal["akta"]
        with api.env.adopt_roles(["Manager"]):
            family_file = api.content.create(
                container=registry,
                type="FamilyFile",
                id=f"ar-4010-{number}-2026",
                case_reference=f"AR.4010.{number}.2026",
                family_name=f"Rodzina {number}",
                address="ul. Krótka 2, Mińsk Mazowiecki",
                social_worker=social_worker,
                assistant=assistant,
                opened=date(2026, 2, 2),
            )
        if PATHS[state]:
            recommend_assistant(family_file, social_worker)
        for transition, actor in PATHS[state]:
            actor = social_worker if actor == "social_worker" else actor
            # ``active`` is entered only by a signed decision: stand in for one.
            with api.env.adopt_user(username=actor), signed_decision_effects():
                api.content.transition(obj=family_file, transition=transition)
        transaction.commit()
        return family_file

    return make


@pytest.fixture
def browser_login(functional_portal):
    """``browser_login("head")``: a requests session signed in by the login form,
    so authenticated by the ``__ac`` cookie as a browser is; ``.token()`` is the
    CSRF token a page of the site gives the same user."""
    import requests

    url = functional_portal.absolute_url()
    sessions = []

    def make(user_id):
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        response = session.post(
            f"{url}/login",
            data={
                "__ac_name": user_id,
                "__ac_password": PASSWORD,
                "buttons.login": "Zaloguj",
                "came_from": "",
            },
            headers={"Accept": "text/html"},
            allow_redirects=False,
            timeout=30,
        )
        assert "__ac" in session.cookies, response.status_code
        session.token = lambda: session.get(
            f"{url}/@@authenticator/token", headers={"Accept": "text/plain"}, timeout=30
        ).text.strip()
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()
