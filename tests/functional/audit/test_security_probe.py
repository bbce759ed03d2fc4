"""Security probe: each role tries every endpoint on what it must not see or change.

The file AR.4010.1.2026 is active with sw1 and fa1 on it; it holds a final note
and a decision pending the head's signature. Every attempt below must be
refused, must not leak the family's name, and must leave a ``denied`` (or
``refused``) entry in the audit trail naming the user.
"""

import pytest
import transaction
from plone import api

from mgops.caseflow.core.audit.chain import verify


FILE = "/akta/ar-4010-1-2026"
NOTE = f"{FILE}/notatka"
DECISION = f"{FILE}/decyzja"

#: (method, path, json body) that an outsider must not get through
ATTEMPTS = [
    ("get", FILE, None),
    ("get", NOTE, None),
    ("get", DECISION, None),
    ("get", f"{NOTE}/@@download/attachment", None),
    ("patch", FILE, {"family_name": "Włamanie"}),
    ("patch", NOTE, {"content": "Włamanie"}),
    ("delete", NOTE, None),
    ("delete", FILE, None),
    (
        "post",
        FILE,
        {
            "@type": "Note",
            "title": "x",
            "kind": "end_request",
            "content": "x",
            "end_reason": "plan_achieved",
            "plan_outcome": "x",
        },
    ),
    ("post", f"{FILE}/@workflow/refuse_cooperation", None),
    ("post", f"{DECISION}/@workflow/sign", None),
    ("get", f"{FILE}/@audit", None),
    ("get", f"{FILE}/@sharing", None),
    (
        "post",
        f"{FILE}/@sharing",
        {"entries": [{"id": "fa2", "roles": {"Reader": True}}]},
    ),
    ("post", f"{DECISION}/@sign", {"password": "x"}),
    ("post", f"{DECISION}/@signed-upload", {"file": "PD94bWwvPg=="}),
    ("get", f"{DECISION}/@decision-xml", None),
    ("get", f"{DECISION}/@verify", None),
]
OUTSIDERS = [None, "member", "sw2", "fa2", "archivist"]


@pytest.fixture
def probed_file(committed_file, functional_portal):
    family_file = committed_file(1, state="active")
    with api.env.adopt_roles(["Manager"]):
        note = api.content.create(
            container=family_file,
            type="Note",
            id="notatka",
            title="Notatka",
            kind="end_request",
            content="Treść notatki o rodzinie.",
        )
        api.content.transition(obj=note, transition="finalize")
        decision = api.content.create(
            container=family_file,
            type="Decision",
            id="decyzja",
            title="Decyzja",
            kind="other",
            content="Rozstrzygnięcie",
            justification="Uzasadnienie",
        )
        decision.changeOwnership(api.user.get(userid="head").getUser())
        decision.manage_setLocalRoles("head", ["Owner"])
    with api.env.adopt_user(username="head"):
        api.content.transition(obj=decision, transition="submit")
    transaction.commit()
    return family_file


def snapshot(portal):
    transaction.begin()
    family_file = portal["akta"]["ar-4010-1-2026"]
    return (
        api.content.get_state(family_file),
        family_file.family_name,
        sorted(family_file.objectIds()),
        family_file["notatka"].content,
        api.content.get_state(family_file["decyzja"]),
        sorted(family_file.get_local_roles()),
    )


@pytest.mark.parametrize("user_id", OUTSIDERS)
def test_outsiders_get_nothing_and_are_recorded(
    session_for, probed_file, functional_portal, audit_log, user_id
):
    before = snapshot(functional_portal)
    session = session_for(user_id)
    for method, path, body in ATTEMPTS:
        kwargs = {"json": body} if body is not None else {}
        response = getattr(session, method)(path, **kwargs)
        where = f"{user_id} {method.upper()} {path}"
        assert response.status_code in (401, 403, 404), (
            f"{where}: {response.status_code}"
        )
        assert "Rodzina 1" not in response.text, where
        assert "Treść notatki" not in response.text, where
    assert snapshot(functional_portal) == before
    recorded = [
        entry
        for entry in audit_log(user=user_id)
        if entry["outcome"] in ("denied", "refused")
    ]
    assert len(recorded) >= len(ATTEMPTS) - 2, [
        (e["method"], e["path"], e.get("view")) for e in recorded
    ]
    assert all(entry["case_reference"] == "AR.4010.1.2026" for entry in recorded)
    assert all(report.broken is None for report in verify(audit_log.directory))


#: (user, method, path, body): people on the file, trying what is not theirs
INSIDER_ATTEMPTS = [
    ("fa1", "post", f"{DECISION}/@sign", {"password": "x"}),
    ("sw1", "post", f"{DECISION}/@sign", {"password": "x"}),
    ("fa1", "get", f"{FILE}/@audit", None),
    ("sw1", "get", f"{FILE}/@audit", None),
    ("sw1", "patch", NOTE, {"content": "Poprawka"}),  # final: read-only
    ("head", "patch", NOTE, {"content": "Poprawka"}),
    ("head", "delete", NOTE, None),
    ("sw1", "delete", FILE, None),
    ("fa1", "post", f"{DECISION}/@workflow/sign", None),
]


@pytest.mark.parametrize(("user_id", "method", "path", "body"), INSIDER_ATTEMPTS)
def test_people_on_the_file_cannot_overstep(
    session_for, probed_file, functional_portal, audit_log, user_id, method, path, body
):
    before = snapshot(functional_portal)
    kwargs = {"json": body} if body is not None else {}
    response = getattr(session_for(user_id), method)(path, **kwargs)
    assert response.status_code in (400, 401, 403), response.text
    assert snapshot(functional_portal) == before
    (entry,) = [
        entry
        for entry in audit_log(user=user_id)
        if entry["outcome"] in ("denied", "refused")
    ]
    assert entry["case_reference"] == "AR.4010.1.2026"


@pytest.mark.parametrize("user_id", ["fa1", "sw1"])
def test_only_the_head_assigns_the_assistant(
    session_for, probed_file, functional_portal, user_id
):
    """Nobody sets the assistant by PATCH: it is the signed decision's (400 for
    those who may edit the file, else 401/403), changing nothing."""
    before = snapshot(functional_portal)
    response = session_for(user_id).patch(FILE, json={"assistant": "fa2"})
    assert response.status_code in (400, 401, 403)
    assert snapshot(functional_portal) == before
    transaction.begin()
    assert functional_portal["akta"]["ar-4010-1-2026"].assistant == "fa1"
