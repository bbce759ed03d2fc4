"""Case reference (znak sprawy), office instruction of 18 January 2011, § 11."""

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.case_reference import check_case_reference
from mgops.caseflow.core.rules.case_reference import check_prefix
from mgops.caseflow.core.rules.case_reference import format_case_reference
from mgops.caseflow.core.rules.case_reference import looks_like_case_reference


def test_default_pattern_reads_number_and_year():
    assert check_case_reference("AR.4010.12.2026") == (12, 2026)


@pytest.mark.parametrize(
    "value",
    [
        "AR.4010.12",
        "AR.4010.0.2026",
        "AR.4010.12.26",
        "ar.4010.12.2026",
        "XY.4010.1.2026",
        "",
    ],
)
def test_reference_outside_the_pattern_is_refused(value):
    with pytest.raises(RuleViolation) as info:
        check_case_reference(value)
    assert info.value.rule == "rule_case_reference_pattern"


def test_configured_prefix_is_used():
    assert check_case_reference("OPS-AR.4010.3.2027", "OPS-AR.4010") == (3, 2027)
    with pytest.raises(RuleViolation):
        check_case_reference("AR.4010.3.2027", "OPS-AR.4010")


def test_prefix_must_be_usable():
    with pytest.raises(RuleViolation) as info:
        check_prefix("ar 4010")
    assert info.value.rule == "rule_case_reference_prefix"


def test_format_round_trips():
    reference = format_case_reference(7, 2026)
    assert reference == "AR.4010.7.2026"
    assert check_case_reference(reference) == (7, 2026)


@pytest.mark.parametrize(
    "value",
    ["AR.4010.12.2026", "OPS-AR.4010.3.2027", " ar.4010.1.2026 ", "DEC.1.2026"],
)
def test_what_reads_as_a_case_reference_of_any_prefix(value):
    assert looks_like_case_reference(value)


@pytest.mark.parametrize(
    "value", ["1/2026", "AR.4010.1/2026", "AR.4010.12", "AR.4010.1.26", ""]
)
def test_what_does_not_read_as_a_case_reference(value):
    assert not looks_like_case_reference(value)
