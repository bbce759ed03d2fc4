"""PESEL: checksum and the birth date encoded in it (Act of 24 September 2010, art. 15)."""

from datetime import date

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.pesel import check_pesel


def test_valid_pesel_is_accepted_and_compacted():
    assert check_pesel("440514 01359") == "44051401359"


def test_pesel_of_child_born_in_2000s_encodes_month_plus_20():
    assert check_pesel("21272812342", date(2021, 7, 28)) == "21272812342"


@pytest.mark.parametrize("number", ["4405140135", "440514013590", "4405140135X", ""])
def test_pesel_must_have_eleven_digits(number):
    with pytest.raises(RuleViolation) as info:
        check_pesel(number)
    assert info.value.rule == "rule_pesel_format"


def test_pesel_with_wrong_check_digit_is_refused():
    with pytest.raises(RuleViolation) as info:
        check_pesel("44051401358")
    assert info.value.rule == "rule_pesel_checksum"
    assert "44051401358" in info.value.text


def test_pesel_must_match_the_members_birth_date():
    with pytest.raises(RuleViolation) as info:
        check_pesel("44051401359", date(1944, 5, 15))
    assert info.value.rule == "rule_pesel_birth_date"
    assert info.value.mapping == {
        "number": "44051401359",
        "encoded": "1944-05-14",
        "given": "1944-05-15",
    }
