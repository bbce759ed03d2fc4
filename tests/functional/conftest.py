"""Fixtures for real HTTP: sessions per user, committed family files, signing, audit.

Content comes from ``mgops.caseflow.testing.builders`` and is committed, so that
the server thread sees it.
"""

from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.core.audit.chain import read_entries
from mgops.caseflow.groups import HEADS_GROUP
from mgops.caseflow.signing.signing import local_day
from mgops.caseflow.signing.signing import now_utc
from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.builders import create_document
from mgops.caseflow.testing.builders import create_family_file
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.pki import install_pki
from mgops.caseflow.testing.pki import make_pki


#: the year of the decision register now
YEAR = local_day(now_utc()).year


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
        family_file = create_family_file(
            functional_portal["akta"],
            number,
            social_worker=social_worker,
            assistant=assistant,
            state=state,
            by_process=True,
            id=f"ar-4010-{number}-2026",
            family_name=f"Rodzina {number}",
            address="ul. Krótka 2, Mińsk Mazowiecki",
            opened=date(2026, 2, 2),
        )
        transaction.commit()
        return family_file

    return make


@pytest.fixture
def audit_log(tmp_path, monkeypatch):
    """``audit_log()``: the entries written so far (the server runs in-process)."""
    directory = tmp_path / "audit"
    monkeypatch.setenv("CASEFLOW_AUDIT_DIR", str(directory))
    # A name of its own: the chain's anchor (in the database) starts with the file.
    monkeypatch.setenv("CASEFLOW_AUDIT_INSTANCE", f"test-{tmp_path.name}")

    def entries(**match):
        return [
            entry
            for entry in read_entries(directory)
            if all(entry.get(key) == value for key, value in match.items())
        ]

    def listed(user_id):
        """The files ``user_id`` was shown in a listing, as a set of UIDs."""
        return {
            entry.get("file_uid")
            for entry in entries(user=user_id)
            if entry["action"] == "list"
        }

    entries.directory = directory
    entries.listed = listed
    return entries


@pytest.fixture
def html_page(request_factory):
    """``html_page(user_id, path)``: a Classic UI page's HTML (its 200 checked)."""

    def get(user_id, path):
        session = request_factory(basic_auth=(user_id, PASSWORD), api=False)
        session.headers["Accept"] = "text/html"
        response = session.get(path)
        assert response.status_code == 200, response.text[:300]
        return response.text

    return get


@pytest.fixture(scope="session")
def pki():
    return make_pki()


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
            decision = create_document(
                family_file,
                "Decision",
                owner="head",
                id=f"decyzja-{index}",
                title=f"Decyzja {index}",
                kind=kind,
                assistant="fa2" if kind == "assign_assistant" else None,
                # ending the work answers the assistant's request (Process 7)
                **(
                    {
                        "end_reason": "plan_achieved",
                        "end_request": end_request(family_file),
                    }
                    if kind == "end_work"
                    else {}
                ),
                content="Przydzielam rodzinie asystenta rodziny.",
                justification="Wniosek pracownika socjalnego.",
            )
            with api.env.adopt_user(username="head"):
                api.content.transition(obj=decision, transition="submit")
            paths.append(f"akta/{family_file.getId()}/{decision.getId()}")
        transaction.commit()
        return paths if count else paths[0]

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
