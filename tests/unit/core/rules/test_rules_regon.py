"""REGON: nine or fourteen digits with a check digit (Act on official statistics)."""

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.regon import check_regon


@pytest.mark.parametrize("number", ["123456785", "12345678512347"])
def test_a_valid_regon_is_accepted(number):
    assert check_regon(number) == number


@pytest.mark.parametrize(
    "number", ["12345678", "1234567850", "123 456 785", "", "12345678X"]
)
def test_regon_must_be_nine_or_fourteen_digits(number):
    with pytest.raises(RuleViolation) as info:
        check_regon(number)
    assert info.value.rule == "rule_regon_format"


@pytest.mark.parametrize("number", ["123456784", "12345678512346"])
def test_regon_with_a_wrong_check_digit_is_refused(number):
    with pytest.raises(RuleViolation) as info:
        check_regon(number)
    assert info.value.rule == "rule_regon_checksum"
    assert number in info.value.text
