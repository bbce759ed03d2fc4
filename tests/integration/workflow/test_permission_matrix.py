"""The permission matrix as data: every principal × type × state, all asserted.

Principals: Anonymous, a plain member, the file's social worker (sw1), another
social worker (sw2), the file's assistant (fa1), another assistant (fa2), the
head and the archivist. Deny by default: whoever is not listed must be refused.
"""

from contextlib import contextmanager

import pytest
from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from plone import api


PRINCIPALS = ["anonymous", "member", "sw1", "sw2", "fa1", "fa2", "head", "archivist"]
SW, FA, H, AR = "sw1", "fa1", "head", "archivist"
DOCUMENT_TYPES = ["Interview", "Contract", "Plan", "Assessment", "Note", "Decision"]
ADD = {t: f"mgops.caseflow: Add {t}" for t in DOCUMENT_TYPES}
OPEN_STATES = ["intake", "awaiting_decision", "active", "monitoring", "social_work"]


def _family_file_row(state, view, add, transitions):
    modify = {SW, H} if state in OPEN_STATES else set()
    row = {"View": view, "Modify portal content": modify}
    for portal_type in DOCUMENT_TYPES:
        row[ADD[portal_type]] = add.get(portal_type, set())
    row["transitions"] = transitions
    return row


FAMILY_FILE = {
    "intake": _family_file_row(
        "intake",
        view={SW, H},
        add={"Interview": {SW}, "Note": {SW}, "Decision": {H}},
        transitions={"request_assistant": {SW}, "refuse_cooperation": {SW}},
    ),
    "awaiting_decision": _family_file_row(
        "awaiting_decision",
        view={SW, H},
        add={"Interview": {SW}, "Note": {SW}, "Decision": {H}},
        # assign_assistant and end_work are fired only by a signed decision
        transitions={"assign_assistant": set(), "withdraw_request": {SW, H}},
    ),
    "active": _family_file_row(
        "active",
        view={SW, FA, H},
        add={
            "Interview": {SW},
            "Contract": {SW},
            "Plan": {FA},
            "Assessment": {FA},
            "Note": {SW, FA},
            "Decision": {H},
        },
        # the work ends only by a signed decision, whatever its reason
        transitions={
            "end_work": set(),
            "end_work_to_social_work": set(),
            "end_and_close": set(),
        },
    ),
    "monitoring": _family_file_row(
        "monitoring",
        view={SW, FA, H},
        add={"Note": {SW, FA}, "Decision": {H}},
        transitions={"close": {SW, H}},
    ),
    "social_work": _family_file_row(
        "social_work",
        view={SW, FA, H},
        add={"Interview": {SW}, "Contract": {SW}, "Note": {SW}, "Decision": {H}},
        transitions={"close": {SW, H}},
    ),
    "closed": _family_file_row(
        "closed",
        view={SW, FA, H, AR},
        add={},
        transitions={"archive": {AR}},
    ),
    "archived": _family_file_row("archived", view={H, AR}, add={}, transitions={}),
}

#: document type → its author, who owns the draft
AUTHORS = {
    "Interview": SW,
    "Contract": SW,
    "Plan": FA,
    "Assessment": FA,
    "Note": FA,
    "Decision": H,
}


def _document_rows(portal_type):
    author = AUTHORS[portal_type]
    if portal_type == "Decision":
        return {
            "draft": {
                "View": {SW, FA, H},
                "Modify portal content": {H},
                "mgops.caseflow: Sign decision": set(),
                "transitions": {"submit": {H}},
            },
            "pending_signature": {
                "View": {SW, FA, H},
                "Modify portal content": set(),
                "mgops.caseflow: Sign decision": {H},
                # sign only through @sign / @signed-upload
                "transitions": {"sign": set(), "send_back": {H}},
            },
            "signed": {
                "View": {SW, FA, H},
                "Modify portal content": set(),
                "mgops.caseflow: Sign decision": set(),
                "transitions": {},
            },
        }
    return {
        "draft": {
            "View": {SW, FA, H},
            "Modify portal content": {author},
            "transitions": {"finalize": {author}},
        },
        "final": {
            "View": {SW, FA, H},
            "Modify portal content": set(),
            "transitions": {},
        },
    }


CASES = [("FamilyFile", state, row) for state, row in FAMILY_FILE.items()] + [
    (portal_type, state, row)
    for portal_type in DOCUMENT_TYPES
    for state, row in _document_rows(portal_type).items()
]


@contextmanager
def acting_as(principal):
    previous = getSecurityManager()
    if principal == "anonymous":
        newSecurityManager(None, nobody)
    else:
        user = api.user.get(userid=principal).getUser()
        newSecurityManager(None, user.__of__(api.portal.get().acl_users))
    try:
        yield
    finally:
        setSecurityManager(previous)


def _allowed_transitions(obj):
    workflow_tool = api.portal.get_tool("portal_workflow")
    return {t["id"] for t in workflow_tool.getTransitionsFor(obj)}


def _mismatches(obj, row):
    found = []
    for principal in PRINCIPALS:
        with acting_as(principal):
            checker = getSecurityManager()
            for permission, allowed in row.items():
                if permission == "transitions":
                    continue
                has = bool(checker.checkPermission(permission, obj))
                if has != (principal in allowed):
                    found.append(
                        (principal, permission, "allowed" if has else "denied")
                    )
            transitions = _allowed_transitions(obj)
            for transition, allowed in row["transitions"].items():
                has = transition in transitions
                if has != (principal in allowed):
                    found.append(
                        (principal, transition, "allowed" if has else "denied")
                    )
            extra = transitions - set(row["transitions"])
            if extra:
                found.append((principal, sorted(extra), "unexpected transitions"))
    return found


@pytest.mark.parametrize(
    ("portal_type", "state", "row"),
    CASES,
    ids=[f"{portal_type}-{state}" for portal_type, state, _ in CASES],
)
def test_permission_matrix(make_family_file, make_document, portal_type, state, row):
    if portal_type == "FamilyFile":
        obj = make_family_file(state=state)
    else:
        family_file = make_family_file(state="active")
        obj = make_document(
            family_file, portal_type, owner=AUTHORS[portal_type], state=state
        )
    assert _mismatches(obj, row) == []


@pytest.mark.parametrize("file_state", list(FAMILY_FILE))
def test_documents_are_seen_exactly_by_who_sees_their_file(
    make_family_file, make_document, set_state, file_state
):
    family_file = make_family_file()
    note = make_document(family_file, "Note", owner=FA, state="final")
    set_state(family_file, file_state)
    expected = FAMILY_FILE[file_state]["View"]
    seen_by = set()
    for principal in PRINCIPALS:
        with acting_as(principal):
            if getSecurityManager().checkPermission("View", note):
                seen_by.add(principal)
    assert seen_by == expected


@pytest.mark.parametrize(
    ("portal_type", "state"), [("Note", "final"), ("Decision", "signed")]
)
def test_final_and_signed_are_read_only_for_manager_too(
    make_family_file, make_document, portal_type, state
):
    family_file = make_family_file(state="active")
    document = make_document(
        family_file, portal_type, owner=AUTHORS[portal_type], state=state
    )
    with api.env.adopt_roles(["Manager"]):
        assert not api.user.has_permission("Modify portal content", obj=document)
        assert not api.user.has_permission("Delete objects", obj=document)
