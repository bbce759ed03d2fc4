"""1008 → 1011: a plan's goals text becomes rows; old assessments keep their text."""

from datetime import date

from zope.annotation.interfaces import IAnnotations

from mgops.caseflow.upgrades.v1011 import PREVIOUS_GOALS
from mgops.caseflow.upgrades.v1011 import plan_goals_as_rows


PROFILE = "mgops.caseflow:default"
OLD_GOALS = (
    "1. Uporządkowanie budżetu domowego. 2. Poprawa frekwencji szkolnej dzieci.\n"
    "- Wzmocnienie kompetencji wychowawczych"
)


def test_a_site_at_1009_goes_on_through_1011(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1009")
    assert "1011" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def test_plan_goals_become_rows_and_assessments_keep_their_text(
    make_family_file, make_document
):
    family_file = make_family_file(state="active")
    plan = make_document(family_file, "Plan", owner="fa1", state="final")
    plan.goals = OLD_GOALS  # as profile 1008 stored it
    assessment = make_document(
        family_file,
        "Assessment",
        owner="fa1",
        state="final",
        period_from=date(2026, 1, 20),
        period_to=date(2026, 6, 20),
        progress="Budżet: poprawa. Frekwencja: bez zmian.",
        recommendation="continue",
    )
    plan_goals_as_rows(None)
    assert [row["goal"] for row in plan.goals] == [
        "Uporządkowanie budżetu domowego.",
        "Poprawa frekwencji szkolnej dzieci.",
        "Wzmocnienie kompetencji wychowawczych",
    ]
    assert IAnnotations(plan)[PREVIOUS_GOALS] == OLD_GOALS
    assert assessment.progress == "Budżet: poprawa. Frekwencja: bez zmian."
    assert assessment.plan is None
    assert assessment.goal_progress == []
    plan_goals_as_rows(None)  # again: nothing more to do
    assert len(plan.goals) == 3
