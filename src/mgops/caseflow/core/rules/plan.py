"""Who does each action of the work plan.

The plan names, for every action, who carries it out: the family itself, the
assistant — by instructing the family, never in its stead (the centre's rules
of the family-assistant programme, §3: the assistant supports the family in
doing things, does not do them for it) — or another institution, named (Act of
9 June 2011 on supporting the family, art. 15 ust. 3: the plan's actions and
who carries them out).
"""

from mgops.caseflow.core.errors import RuleViolation


FAMILY = "family"
ASSISTANT_INSTRUCTION = "assistant_instruction"
INSTITUTION = "institution"
PERFORMERS = (FAMILY, ASSISTANT_INSTRUCTION, INSTITUTION)


def check_plan_actions(rows) -> None:
    """Each row says what is done and by whom; an institution's row names it."""
    for number, row in enumerate(rows or (), start=1):
        if not (row.get("action") or "").strip() or row.get("performer") not in (
            PERFORMERS
        ):
            raise RuleViolation(
                "rule_plan_action_incomplete",
                "Action ${n} of the plan says what is done and who does it.",
                n=number,
            )
        if (
            row["performer"] == INSTITUTION
            and not (row.get("institution") or "").strip()
        ):
            raise RuleViolation(
                "rule_plan_action_institution",
                "Action ${n} of the plan is done by another institution: name it.",
                n=number,
            )
