"""The periodic assessment verifies one final plan of its file, goal by goal
(Act of 9 June 2011, art. 15 ust. 1 pkt 1 and 16)."""

from datetime import date

import pytest
from plone import api
from zope.interface import Invalid

from mgops.caseflow.content.assessment import IAssessment
from mgops.caseflow.content.correctable import final_plans
from mgops.caseflow.content.plan import IPlan
from mgops.caseflow.workflow.guards import RuleBlocked


GOALS = [
    {"goal": "Budżet domowy", "expected_effect": "Bez zaległości"},
    {"goal": "Frekwencja szkolna", "expected_effect": None},
]


def plan(make_document, family_file, title, state="final"):
    return make_document(
        family_file, "Plan", owner="fa1", state=state, title=title, goals=GOALS
    )


@pytest.fixture
def documents(make_family_file, make_document):
    own = make_family_file(1, state="active")
    other = make_family_file(2, state="active")
    found = {
        "final": plan(make_document, own, "Plan 1"),
        "draft": plan(make_document, own, "Plan szkic", state=None),
        "foreign": plan(make_document, other, "Plan cudzy"),
        "note": make_document(
            own, "Note", state="final", kind="visit", content="Wizyta."
        ),
    }
    found["assessment"] = make_document(
        own,
        "Assessment",
        owner="fa1",
        plan=found["final"].UID(),
        period_from=date(2026, 1, 20),
        period_to=date(2026, 6, 20),
        goal_progress=[{"goal": "Budżet domowy", "progress": "Tak", "achieved": "yes"}],
        recommendation="continue",
    )
    return found


def test_only_the_files_final_plans_may_be_named(documents):
    with api.env.adopt_user(username="fa1"):
        vocabulary = final_plans(documents["assessment"])
        assert [term.title for term in vocabulary] == ["Plan 1"]
        for name, allowed in [
            ("final", True),
            ("draft", False),
            ("foreign", False),
            ("note", False),
        ]:
            assert (documents[name].UID() in vocabulary) is allowed, name


def finalize_as_assistant(obj):
    """Through the workflow tool, as ``@workflow``, the UI and plone.api do."""
    with api.env.adopt_user(username="fa1"):
        api.portal.get_tool("portal_workflow").doActionFor(obj, "finalize")


def test_finalize_needs_every_goal_of_the_plan(documents):
    assessment = documents["assessment"]
    with pytest.raises(RuleBlocked, match="celów planu: Frekwencja szkolna"):
        finalize_as_assistant(assessment)
    assert api.content.get_state(assessment) == "draft"
    assessment.goal_progress = [
        *assessment.goal_progress,
        {"goal": "frekwencja  szkolna", "progress": "Nie", "achieved": "no"},
    ]
    finalize_as_assistant(assessment)
    assert api.content.get_state(assessment) == "final"


@pytest.mark.parametrize("plan_name", ["draft", "foreign", "note", None])
def test_finalize_needs_a_final_plan_of_the_same_file(documents, plan_name):
    assessment = documents["assessment"]
    assessment.plan = documents[plan_name].UID() if plan_name else None
    with pytest.raises(RuleBlocked) as refused:
        finalize_as_assistant(assessment)
    assert refused.value.refusal.rule == "rule_assessment_needs_plan"
    assert api.content.get_state(assessment) == "draft"


def test_the_invariants_refuse_unknown_and_repeated_goals(documents):
    class Data:
        plan = documents["final"].UID()
        period_from = period_to = None
        goal_progress = [{"goal": "Remont", "progress": "", "achieved": "no"}]

    with pytest.raises(Invalid):
        IAssessment.validateInvariants(Data())
    Data.goal_progress = [{"goal": "Budżet domowy"}] * 2
    with pytest.raises(Invalid):
        IAssessment.validateInvariants(Data())
    Data.goal_progress = [{"goal": "Budżet domowy"}]
    IAssessment.validateInvariants(Data())

    class PlanData:
        goals = [{"goal": "A"}, {"goal": " a "}]

    with pytest.raises(Invalid):
        IPlan.validateInvariants(PlanData())
