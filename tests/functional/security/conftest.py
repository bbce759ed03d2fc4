"""Two committed family files with records in every kind of state, and the users.

``ar-4010-1-2026`` ("Kowalscy 1", active, sw1 and fa1 on it) holds a final note
and a draft note by fa1 and a signed decision by the head; ``ar-4010-2-2026``
("Wróblewscy 2", active, the same people) is where a record must never land.
"""

import pytest
import requests
import transaction
from plone import api

from mgops.caseflow.testing import PASSWORD


FILE = "akta/ar-4010-1-2026"
OTHER = "akta/ar-4010-2-2026"
FAMILY_NAME = "Kowalscy 1"
PESEL = "44051401359"
CASE_REFERENCE = "AR.4010.1.2026"
#: what no refused answer may contain
SECRETS = (FAMILY_NAME, PESEL, CASE_REFERENCE, "Treść notatki")
SITE_ADMIN = "siteadmin"
MANAGER = "manager"


def _put_in_state(obj, state):
    """The state a signature or a finalisation would leave, without its guards."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    status = dict(workflow_tool.getStatusOf(workflow.id, obj), review_state=state)
    workflow_tool.setStatusOf(workflow.id, obj, status)
    workflow.updateRoleMappingsFor(obj)
    obj.reindexObject()


def _document(family_file, portal_type, id, owner, state, **fields):
    with api.env.adopt_user(username=owner):
        document = api.content.create(
            container=family_file, type=portal_type, id=id, title=id, **fields
        )
    _put_in_state(document, state)
    return document


@pytest.fixture
def surface(committed_file, functional_portal):
    """The two files, committed; the site's administrator and a Manager too."""
    family_file = committed_file(1, state="active")
    other = committed_file(2, state="active")
    with api.env.adopt_roles(["Manager"]):
        family_file.family_name = FAMILY_NAME
        family_file.members = [
            {
                "first_name": "Jan",
                "last_name": "Kowalski",
                "role": "father",
                "birth_date": None,
                "pesel": PESEL,
            }
        ]
        family_file.title = family_file.Title()
        family_file.reindexObject()
        other.family_name = "Wróblewscy 2"
        other.title = other.Title()
        other.reindexObject()
        note = {
            "kind": "end_request",
            "content": "Treść notatki o rodzinie.",
            "end_reason": "plan_achieved",
            "plan_outcome": "Cele osiągnięte.",
        }
        _document(family_file, "Note", "notatka", "fa1", "final", **note)
        _document(family_file, "Note", "szkic", "fa1", "draft", **note)
        _document(
            family_file,
            "Decision",
            "decyzja",
            "head",
            "signed",
            kind="other",
            content="Rozstrzygnięcie",
            justification="Uzasadnienie",
        )
        for user_id, role in ((SITE_ADMIN, "Site Administrator"), (MANAGER, "Manager")):
            api.user.create(
                username=user_id,
                email=f"{user_id}@mgops.example.org",
                password=PASSWORD,
            )
            api.user.grant_roles(username=user_id, roles=[role])
    transaction.commit()
    return functional_portal


@pytest.fixture
def http(functional_portal):
    """``http(user, method, path, api=False, **kw)``: one real request, no redirects.

    ``api=True`` goes through ``++api++`` with ``Accept: application/json``.
    """
    base = functional_portal.absolute_url()
    sessions = {}

    def call(user, method, path, api=False, **kwargs):
        session = sessions.get((user, api))
        if session is None:
            session = sessions[(user, api)] = requests.Session()
            if user:
                session.auth = (user, PASSWORD)
            if api:
                session.headers["Accept"] = "application/json"
        url = f"{base}/++api++/{path}" if api else f"{base}/{path}"
        return session.request(
            method, url.rstrip("/"), allow_redirects=False, timeout=60, **kwargs
        )

    call.base = base
    yield call
    for session in sessions.values():
        session.close()


def refused(response):
    """401/403/404/405, or Classic UI's redirect to the login form."""
    if response.status_code in (401, 403, 404, 405):
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and "login" in location


def leaks(response):
    """The secrets of the family that the answer carries."""
    text = response.text + " ".join(response.headers.values())
    return [secret for secret in SECRETS if secret in text]


def fresh(portal, path):
    transaction.begin()
    return portal.unrestrictedTraverse(path)
