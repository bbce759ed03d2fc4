"""Who does each action of the work plan (the centre's rules §3; Act of 9 June
2011, art. 15 ust. 3)."""

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.plan import check_plan_actions


def test_each_performer_with_its_action_passes():
    check_plan_actions(
        [
            {"action": "Rejestracja w urzędzie pracy", "performer": "family"},
            {"action": "Nauka budżetu", "performer": "assistant_instruction"},
            {
                "action": "Terapia",
                "performer": "institution",
                "institution": "Poradnia",
            },
        ]
    )
    check_plan_actions([])
    check_plan_actions(None)


@pytest.mark.parametrize(
    ("row", "rule"),
    [
        ({"action": "", "performer": "family"}, "rule_plan_action_incomplete"),
        ({"action": "Zakupy", "performer": None}, "rule_plan_action_incomplete"),
        # the assistant does not act for the family, only instructs it (§3)
        ({"action": "Zakupy", "performer": "assistant"}, "rule_plan_action_incomplete"),
        (
            {"action": "Terapia", "performer": "institution", "institution": " "},
            "rule_plan_action_institution",
        ),
    ],
)
def test_a_row_without_what_or_who_is_refused_by_its_number(row, rule):
    with pytest.raises(RuleViolation) as refused:
        check_plan_actions([{"action": "Spotkania", "performer": "family"}, row])
    assert refused.value.rule == rule
    assert refused.value.mapping == {"n": 2}
