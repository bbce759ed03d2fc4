"""@deadlines, @caseload and rule errors over real HTTP."""

from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.core.rules.calendar import add_working_days


@pytest.fixture
def files(committed_file):
    """Two families in intake (interview due) and one active family of fa1."""
    committed_file(1, social_worker="sw1", assistant="fa1")
    committed_file(2, social_worker="sw2", assistant="fa2")
    committed_file(3, social_worker="sw1", assistant="fa1", state="active")


def references(response):
    return sorted({item["case_reference"] for item in response.json()["items"]})


@pytest.mark.parametrize(
    ("user_id", "expected"),
    [
        # an assistant sees a family only from its assignment on
        ("fa1", ["AR.4010.3.2026"]),
        ("fa2", []),
        ("sw1", ["AR.4010.1.2026", "AR.4010.3.2026"]),
        ("sw2", ["AR.4010.2.2026"]),
        ("head", ["AR.4010.1.2026", "AR.4010.2.2026", "AR.4010.3.2026"]),
        ("archivist", []),
    ],
)
def test_deadlines_show_only_the_users_families(session_for, files, user_id, expected):
    response = session_for(user_id).get("/@deadlines")
    assert response.status_code == 200
    assert references(response) == expected


def test_deadline_items_name_file_rule_due_date_and_overdue(
    session_for, functional_portal, files
):
    response = session_for("sw2").get("/@deadlines", params={"today": "2026-11-25"})
    (item,) = response.json()["items"]
    learned_on = functional_portal["akta"]["ar-4010-2-2026"].learned_on
    assert item["kind"] == "interview"
    assert item["rule"] == "rule_interview_deadline"
    assert item["rule_text"].startswith(
        "Rodzinny wywiad środowiskowy należy przeprowadzić"
    )
    assert item["due"] == add_working_days(learned_on, 14).isoformat()
    assert item["family_file"]["@id"].endswith("/akta/ar-4010-2-2026")
    assert item["responsible"] == "sw2"
    assert item["overdue"] is (date(2026, 11, 25) > add_working_days(learned_on, 14))


def test_deadlines_filter_by_kind_and_sort_by_due(session_for, files):
    response = session_for("head").get("/@deadlines", params={"kind": "assessment"})
    items = response.json()["items"]
    assert [item["case_reference"] for item in items] == ["AR.4010.3.2026"]
    response = session_for("head").get("/@deadlines")
    dues = [item["due"] for item in response.json()["items"]]
    assert dues == sorted(dues)


def test_overdue_only_and_due_before(session_for, files):
    far_future = session_for("head").get(
        "/@deadlines", params={"overdue": "1", "today": "2099-01-01"}
    )
    assert far_future.json()["items_total"] == len(
        session_for("head").get("/@deadlines").json()["items"]
    )
    long_ago = session_for("head").get(
        "/@deadlines", params={"overdue": "1", "today": "2000-01-01"}
    )
    assert long_ago.json()["items"] == []
    before = session_for("head").get("/@deadlines", params={"due_before": "2000-01-01"})
    assert before.json()["items"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"due_before": "jutro"},
        # found by schemathesis: a negative start was an IndexError (500)
        {"b_start": "-1", "b_size": "0"},
        {"b_size": "-5"},
    ],
)
def test_bad_deadline_parameters_give_400_in_polish(session_for, files, params):
    response = session_for("head").get("/@deadlines", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Daty należy podawać")


def test_caseload_for_the_head(session_for, files):
    response = session_for("head").get("/@caseload")
    assert response.status_code == 200
    by_assistant = {item["assistant"]: item for item in response.json()["items"]}
    assert by_assistant["fa1"]["active"] == 1
    assert by_assistant["fa1"]["limit"] == 15
    assert by_assistant["fa1"]["free"] == 14
    assert by_assistant["fa2"]["active"] == 0


@pytest.mark.parametrize("user_id", ["fa1", "sw1", "archivist", None])
def test_caseload_is_for_the_head_only(session_for, files, user_id):
    assert session_for(user_id).get("/@caseload").status_code in (401, 403)


def test_rule_broken_through_rest_gives_400_and_changes_nothing(
    session_for, functional_portal, files
):
    response = session_for("sw1").post(
        "/akta/ar-4010-1-2026/@workflow/request_assistant"
    )
    assert response.status_code == 400
    assert "zatwierdzonym rodzinnym wywiadzie" in response.json()["error"]["message"]
    transaction.begin()
    assert (
        api.content.get_state(functional_portal["akta"]["ar-4010-1-2026"]) == "intake"
    )


def test_visit_at_22_30_through_rest_is_refused(session_for, functional_portal, files):
    body = {
        "@type": "Note",
        "title": "Wizyta wieczorna",
        "kind": "visit",
        "content": "Treść",
        "visit_start": "2026-03-10T22:30:00+01:00",
        "visit_end": "2026-03-10T22:50:00+01:00",
    }
    response = session_for("fa1").post("/akta/ar-4010-3-2026", json=body)
    assert response.status_code == 400
    assert "między 07:00 a 21:00" in response.json()["message"]
    transaction.begin()
    assert "Note" not in [
        obj.portal_type
        for obj in functional_portal["akta"]["ar-4010-3-2026"].objectValues()
    ]
