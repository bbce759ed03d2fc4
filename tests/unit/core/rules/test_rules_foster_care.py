"""A child placed in foster care, since when (seed rule 1; Act of 9 June 2011,
art. 15 ust. 1 pkt 2)."""

from datetime import date

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.foster_care import check_foster_care
from mgops.caseflow.core.rules.foster_care import placed_children


def test_a_child_placed_after_birth_is_recorded():
    check_foster_care("child", date(2015, 9, 1), date(2024, 2, 1), "Jan")
    check_foster_care("child", date(2015, 9, 1), date(2015, 9, 1), "Jan")
    check_foster_care("mother", date(1990, 1, 1), None, "Maria")


@pytest.mark.parametrize("role", ["mother", "father", "applicant", "other", None])
def test_only_a_child_is_placed_in_foster_care(role):
    with pytest.raises(RuleViolation) as refused:
        check_foster_care(role, date(1990, 1, 1), date(2024, 2, 1), "Maria Nowak")
    assert refused.value.rule == "rule_foster_care_child_only"
    assert refused.value.mapping["name"] == "Maria Nowak"


def test_no_placement_before_birth():
    with pytest.raises(RuleViolation) as refused:
        check_foster_care("child", date(2015, 9, 1), date(2015, 8, 31), "Jan")
    assert refused.value.rule == "rule_foster_care_before_birth"


def test_placed_children_on_a_day():
    members = [
        {"role": "mother", "foster_care_since": None},
        {"role": "child", "first_name": "Jan", "foster_care_since": date(2024, 2, 1)},
        {"role": "child", "first_name": "Ola"},
    ]
    assert placed_children(members, date(2024, 1, 31)) == []
    assert [
        row["first_name"] for row in placed_children(members, date(2024, 2, 1))
    ] == ["Jan"]
    assert placed_children(None, date(2024, 2, 1)) == []
