"""REST over real HTTP: each role creates what it may and is refused the rest."""

import pytest
import transaction
from plone import api

from mgops.caseflow.testing.builders import create_document


FILE_BODY = {
    "@type": "FamilyFile",
    "case_reference": "AR.4010.40.2026",
    "family_name": "Wiśniewscy",
    "address": "ul. Polna 3, 05-300 Mińsk Mazowiecki",
    "support_path": "standard",
    "learned_on": "2026-03-02",
    "opened": "2026-03-03",
    "members": [
        {
            "first_name": "Maria",
            "last_name": "Wiśniewska",
            "role": "mother",
            "birth_date": "1944-05-14",
            "pesel": "44051401359",
        }
    ],
}


def test_social_worker_opens_a_file_and_becomes_its_social_worker(
    session_for, functional_portal
):
    response = session_for("sw1").post("/akta", json=FILE_BODY)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["@id"].endswith("/akta/ar-4010-40-2026")
    assert body["social_worker"]["token"] == "sw1"
    assert body["members"][0]["pesel"] == "44051401359"
    transaction.begin()
    family_file = functional_portal["akta"]["ar-4010-40-2026"]
    assert "SocialWorker" in family_file.get_local_roles_for_userid("sw1")
    assert api.content.get_state(family_file) == "intake"


@pytest.mark.parametrize("user_id", [None, "member", "fa1", "archivist"])
def test_others_cannot_open_a_file(session_for, functional_portal, user_id):
    response = session_for(user_id).post("/akta", json=FILE_BODY)
    # plone.restapi answers Unauthorized with 401, logged in or not.
    assert response.status_code in (401, 403)
    transaction.begin()
    assert "ar-4010-40-2026" not in functional_portal["akta"]


def test_bad_pesel_gives_400_in_polish_and_creates_nothing(
    session_for, functional_portal
):
    body = dict(FILE_BODY, members=[dict(FILE_BODY["members"][0], pesel="44051401358")])
    response = session_for("sw1").post("/akta", json=body)
    assert response.status_code == 400
    assert "PESEL 44051401358 jest nieprawidłowy" in response.json()["message"]
    transaction.begin()
    assert "ar-4010-40-2026" not in functional_portal["akta"]


def test_pesel_not_matching_birth_date_gives_400(session_for, functional_portal):
    member = dict(FILE_BODY["members"][0], birth_date="1944-05-15")
    response = session_for("sw1").post("/akta", json=dict(FILE_BODY, members=[member]))
    assert response.status_code == 400
    assert "zawiera datę urodzenia 1944-05-14" in response.json()["message"]
    transaction.begin()
    assert "ar-4010-40-2026" not in functional_portal["akta"]


def test_case_reference_outside_pattern_gives_400(session_for, functional_portal):
    body = dict(FILE_BODY, case_reference="40/2026")
    response = session_for("sw1").post("/akta", json=body)
    assert response.status_code == 400
    assert "nie odpowiada wzorowi AR.4010.<numer>.<rok>" in response.json()["message"]


DOCUMENTS = {
    "Interview": {
        "title": "Wywiad",
        "interview_date": "2026-03-04",
        "conducted_by": "Anna Socjalna",
        "findings": "Rodzina potrzebuje wsparcia.",
        "assistant_needed": True,
    },
    "Contract": {
        "title": "Kontrakt",
        "parties": "Ośrodek i rodzina",
        "goals": "Cele",
        "family_obligations": "Obowiązki rodziny",
        "centre_obligations": "Obowiązki ośrodka",
        "valid_from": "2026-03-05",
        "valid_to": "2026-09-05",
    },
    "Plan": {
        "title": "Plan",
        "goals": [{"goal": "Cel", "expected_effect": "Efekt"}],
        "actions": "Działania",
        "responsibilities": "Asystent co tydzień",
        "agreed_on": "2026-03-06",
    },
    "Assessment": {
        "title": "Ocena",
        "period_from": "2026-03-06",
        "period_to": "2026-09-06",
        "goal_progress": [{"goal": "Cel", "progress": "Postępy", "achieved": "yes"}],
        "recommendation": "continue",
    },
    "Note": {
        "title": "Wizyta",
        "kind": "visit",
        "content": "Wizyta w domu rodziny.",
        "visit_start": "2026-03-10T10:00:00+01:00",
        "visit_end": "2026-03-10T11:30:00+01:00",
    },
    "Decision": {
        "title": "Decyzja",
        "kind": "other",
        "content": "Rozstrzygnięcie",
        "justification": "Uzasadnienie",
    },
}

#: (document type, user) pairs allowed to add in an active file; all others get 403
ALLOWED_IN_ACTIVE = {
    ("Interview", "sw1"),
    ("Contract", "sw1"),
    ("Plan", "fa1"),
    ("Assessment", "fa1"),
    ("Note", "sw1"),
    ("Note", "fa1"),
    ("Decision", "head"),
}


@pytest.mark.parametrize("portal_type", list(DOCUMENTS))
@pytest.mark.parametrize(
    "user_id", ["sw1", "fa1", "fa2", "head", "archivist", "member"]
)
def test_document_creation_in_an_active_file(
    session_for, committed_file, portal_type, user_id
):
    family_file = committed_file(1, state="active")
    body = dict(DOCUMENTS[portal_type], **{"@type": portal_type})
    if portal_type == "Assessment":  # it names the final plan it verifies
        plan = create_document(
            family_file, "Plan", owner="fa1", state="final", **DOCUMENTS["Plan"]
        )
        transaction.commit()
        body["plan"] = plan.UID()
    response = session_for(user_id).post("/akta/ar-4010-1-2026", json=body)
    if (portal_type, user_id) in ALLOWED_IN_ACTIVE:
        assert response.status_code == 201, response.text
        assert response.json()["review_state"] in ("draft",)
    else:
        assert response.status_code in (401, 403), response.text


def test_anonymous_is_asked_to_log_in(session_for, committed_file):
    committed_file(1, state="active")
    body = dict(DOCUMENTS["Note"], **{"@type": "Note"})
    response = session_for(None).post("/akta/ar-4010-1-2026", json=body)
    assert response.status_code == 401


@pytest.mark.parametrize("user_id", ["sw1", "head"])
def test_nobody_assigns_the_assistant_by_patch(
    session_for, committed_file, functional_portal, user_id
):
    """Only a signed decision names the assistant (issue 13): the head too is
    refused, in Polish, and nothing changes."""
    committed_file(1, assistant=None)
    response = session_for(user_id).patch(
        "/akta/ar-4010-1-2026", json={"assistant": "fa2"}
    )
    assert response.status_code == 400, response.text
    assert "podpisana decyzja" in response.json()["error"]["message"]
    transaction.begin()
    family_file = functional_portal["akta"]["ar-4010-1-2026"]
    assert family_file.assistant is None
    assert "FamilyAssistant" not in family_file.get_local_roles_for_userid("fa2")


def test_final_document_cannot_be_changed_even_by_the_site_owner(
    session_for, committed_file, request_factory
):
    committed_file(1, state="active")
    sw1 = session_for("sw1")
    url = "/akta/ar-4010-1-2026"
    created = sw1.post(url, json=dict(DOCUMENTS["Interview"], **{"@type": "Interview"}))
    document_url = created.json()["@id"]
    assert sw1.post(f"{document_url}/@workflow/finalize").status_code == 200
    for session in (sw1, session_for("head"), request_factory(role="Manager")):
        response = session.patch(document_url, json={"findings": "Zmienione"})
        assert response.status_code in (401, 403)
    assert (
        sw1.get(document_url).json()["findings"] == DOCUMENTS["Interview"]["findings"]
    )
