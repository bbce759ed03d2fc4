"""The periodic assessment verifies one work plan, goal by goal (pure, no Plone).

Act of 9 June 2011 on supporting the family, art. 15 ust. 1 pkt 16: the
assistant assesses the family's situation at least every six months; what is
assessed is the work plan of art. 15 ust. 1 pkt 1 (*plan pracy z rodziną*),
whose content art. 15 ust. 3 names: the actions, their deadlines and their
expected effects. So an assessment names the plan and gives, for every goal of
that plan, the progress made and whether the goal was achieved; it names no
goal the plan does not have. A draft may be incomplete; a final one may not.
"""

import re

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation


#: how far a goal was achieved (vocabulary ``GoalAchievement``)
ACHIEVED = ("yes", "partly", "no")


def goal_key(text) -> str:
    """A goal as compared: the same words, whatever the spacing and case."""
    return " ".join(str(text or "").split()).casefold()


#: where a goal of a free-text list starts: a new line, a number ("2." "3)")
#: or a bullet
_GOAL_START = re.compile(r"\n|(?:^|\s)\d+[.)]\s+|^\s*[-•*]\s+", re.MULTILINE)


def goal_rows_from_text(text) -> list[dict]:
    """The goals of a plan written before they were rows (profile < 1011):
    one row per line, numbered item or bullet, in their order, each once."""
    rows, seen = [], set()
    for part in _GOAL_START.split(str(text or "")):
        goal = " ".join(part.split()).rstrip(";")
        if goal and goal_key(goal) not in seen:
            seen.add(goal_key(goal))
            rows.append({"goal": goal, "expected_effect": None})
    return rows


def check_plan_goals(goals) -> None:
    """A plan's goals are distinct, so an assessment row names one of them."""
    seen = set()
    for row in goals or ():
        key = goal_key(row.get("goal"))
        if key in seen:
            raise RuleViolation(
                "rule_plan_goal_twice",
                "The goal “${goal}” is listed twice in the plan.",
                goal=row.get("goal"),
            )
        seen.add(key)


def check_goal_progress(plan_goals, rows, *, complete: bool) -> None:
    """Refuse a row naming a goal the plan lacks or a goal twice; with
    ``complete`` (at finalize) also a goal of the plan without a row.

    ``plan_goals`` are the goal texts of the plan, ``rows`` the assessment's
    rows (``goal``, ``progress``, ``achieved``).
    """
    known = {goal_key(goal): goal for goal in plan_goals}
    assessed = set()
    for row in rows or ():
        key = goal_key(row.get("goal"))
        if key not in known:
            raise RuleViolation(
                "rule_assessment_unknown_goal",
                "The plan the assessment verifies has no goal “${goal}”; its goals "
                "are: ${goals}.",
                goal=row.get("goal"),
                goals="; ".join(plan_goals) or "—",
            )
        if key in assessed:
            raise RuleViolation(
                "rule_assessment_goal_twice",
                "The goal “${goal}” is assessed twice.",
                goal=known[key],
            )
        assessed.add(key)
    missing = [goal for key, goal in known.items() if key not in assessed]
    if complete and missing:
        raise RuleViolation(
            "rule_assessment_goal_missing",
            "The assessment gives no progress for these goals of the plan: ${goals}.",
            goals="; ".join(missing),
        )


def check_assessed_plan(plan) -> None:
    """``plan`` is what the assessment's reference found: a final Plan of the
    same file as a dict (``portal_type``, ``state``, ``same_file``) or None."""
    if (
        plan is None
        or plan.get("portal_type") != "Plan"
        or plan.get("state") != states.FINAL
        or not plan.get("same_file")
    ):
        raise RuleViolation(
            "rule_assessment_needs_plan",
            "The assessment must name the final work plan of this family file "
            "that it verifies.",
        )
