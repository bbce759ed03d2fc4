"""Caseload: Act of 9 June 2011 on supporting the family, art. 15 ust. 4."""

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.caseload import DEFAULT_CASELOAD_LIMIT
from mgops.caseflow.core.rules.caseload import caseload_free_places
from mgops.caseflow.core.rules.caseload import check_caseload


def test_default_caseload_limit_is_15_families():
    assert DEFAULT_CASELOAD_LIMIT == 15


@pytest.mark.parametrize("active", [0, 1, 14])
def test_assistant_caseload_allows_a_family_up_to_the_15th(active):
    check_caseload(active)


@pytest.mark.parametrize("active", [15, 16, 30])
def test_assistant_caseload_at_most_15_families(active):
    with pytest.raises(RuleViolation) as caught:
        check_caseload(active)
    assert caught.value.rule == "rule_caseload_limit"
    assert caught.value.mapping == {"active": active, "limit": 15}
    assert "at most 15 families" in caught.value.text


def test_centre_may_set_a_lower_caseload_limit():
    check_caseload(9, limit=10)
    with pytest.raises(RuleViolation):
        check_caseload(10, limit=10)


def test_configured_caseload_limit_cannot_exceed_the_statutory_15():
    with pytest.raises(RuleViolation) as caught:
        check_caseload(15, limit=20)
    assert caught.value.mapping["limit"] == 15


def test_caseload_limit_below_one_is_a_configuration_error():
    with pytest.raises(ValueError, match="at least 1"):
        check_caseload(0, limit=0)


@pytest.mark.parametrize(
    ("active", "limit", "free"),
    [(0, 15, 15), (14, 15, 1), (15, 15, 0), (17, 15, 0), (3, 10, 7), (3, 20, 12)],
)
def test_caseload_free_places_against_the_limit(active, limit, free):
    assert caseload_free_places(active, limit) == free
