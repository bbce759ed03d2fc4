"""The periodic assessment names the work plan it verifies and assesses each of
its goals (Act of 9 June 2011, art. 15 ust. 1 pkt 1 and 16), over real HTTP.

Every bypass is refused in Polish and changes nothing: no plan, a draft plan,
another file's plan, a goal the plan lacks, and finalizing with a goal left out.
"""

from datetime import date

import pytest
import transaction
from plone import api

from mgops.caseflow.testing.builders import create_document


FILE = "/akta/ar-4010-1-2026"
GOALS = [
    {"goal": "Uporządkowanie budżetu domowego", "expected_effect": None},
    {"goal": "Poprawa frekwencji szkolnej dzieci", "expected_effect": None},
]
ROWS = [
    {"goal": "Uporządkowanie budżetu domowego", "progress": "Tak", "achieved": "yes"},
    {
        "goal": "Poprawa frekwencji szkolnej dzieci",
        "progress": "Częściowo",
        "achieved": "partly",
    },
]


def make_plan(family_file, state="final"):
    return create_document(
        family_file,
        "Plan",
        owner="fa1",
        state=state,
        goals=GOALS,
        actions="Działania",
        responsibilities="Asystent co tydzień",
        agreed_on=date(2026, 3, 6),
    )


@pytest.fixture
def plans(committed_file):
    """The active file's final plan, its draft plan, and another file's plan."""
    own = committed_file(1, state="active")
    other = committed_file(2, state="active")
    found = {
        "final": make_plan(own).UID(),
        "draft": make_plan(own, state="draft").UID(),
        "other_file": make_plan(other).UID(),
    }
    transaction.commit()
    return found


def body(plan, rows=ROWS):
    return {
        "@type": "Assessment",
        "title": "Ocena",
        "plan": plan,
        "period_from": "2026-03-06",
        "period_to": "2026-09-06",
        "goal_progress": rows,
        "recommendation": "continue",
    }


def assessments(functional_portal):
    transaction.begin()
    family_file = functional_portal["akta"]["ar-4010-1-2026"]
    return [d for d in family_file.objectValues() if d.portal_type == "Assessment"]


@pytest.mark.parametrize("plan", [None, "draft", "other_file", "no-such-uid"])
def test_an_assessment_must_name_a_final_plan_of_its_file(
    session_for, plans, functional_portal, plan
):
    data = body(plans.get(plan, plan))
    if plan is None:
        del data["plan"]
    response = session_for("fa1").post(FILE, json=data)
    assert response.status_code == 400, response.text
    assert "plan" in response.text
    assert assessments(functional_portal) == []


def test_a_goal_the_plan_lacks_is_refused_in_polish(
    session_for, plans, functional_portal
):
    rows = [*ROWS, {"goal": "Remont mieszkania", "progress": "—", "achieved": "no"}]
    response = session_for("fa1").post(FILE, json=body(plans["final"], rows))
    assert response.status_code == 400, response.text
    assert "nie zawiera celu „Remont mieszkania”" in response.json()["message"]
    assert assessments(functional_portal) == []


def test_a_goal_assessed_twice_is_refused(session_for, plans, functional_portal):
    rows = [*ROWS, dict(ROWS[0], goal="  uporządkowanie budżetu  DOMOWEGO ")]
    response = session_for("fa1").post(FILE, json=body(plans["final"], rows))
    assert response.status_code == 400, response.text
    assert "oceniony dwukrotnie" in response.json()["message"]
    assert assessments(functional_portal) == []


def test_finalizing_with_a_goal_left_out_is_refused_then_allowed(
    session_for, plans, functional_portal
):
    fa1 = session_for("fa1")
    created = fa1.post(FILE, json=body(plans["final"], ROWS[:1]))
    assert created.status_code == 201, created.text  # a draft may be incomplete
    url = created.json()["@id"]
    refused = fa1.post(f"{url}/@workflow/finalize")
    assert refused.status_code == 400, refused.text
    assert (
        "Ocena nie podaje postępów w realizacji tych celów planu: "
        "Poprawa frekwencji szkolnej dzieci." in refused.json()["error"]["message"]
    )
    (assessment,) = assessments(functional_portal)
    assert api.content.get_state(assessment) == "draft"
    assert fa1.patch(url, json={"goal_progress": ROWS}).status_code == 204
    done = fa1.post(f"{url}/@workflow/finalize")
    assert done.status_code == 200, done.text
    (assessment,) = assessments(functional_portal)
    assert api.content.get_state(assessment) == "final"
    assert assessment.plan == plans["final"]
    assert [row["achieved"] for row in assessment.goal_progress] == ["yes", "partly"]


def test_a_plan_lists_each_goal_once(session_for, plans, functional_portal):
    plan = {
        "@type": "Plan",
        "title": "Plan",
        "goals": [GOALS[0], dict(GOALS[0], goal="Uporządkowanie budżetu domowego ")],
        "actions": "Działania",
        "responsibilities": "Asystent",
        "agreed_on": "2026-03-06",
    }
    response = session_for("fa1").post(FILE, json=plan)
    assert response.status_code == 400, response.text
    assert "występuje w planie dwukrotnie" in response.json()["message"]
