"""Register numbers: formatted from the configured pattern, parsed back the same,
and never of a case reference's shape."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.case_reference import check_case_reference
from mgops.caseflow.core.rules.case_reference import format_case_reference
from mgops.caseflow.core.rules.case_reference import looks_like_case_reference
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.number_pattern import DEFAULT_PATTERN
from mgops.caseflow.core.signing.number_pattern import format_register_number
from mgops.caseflow.core.signing.number_pattern import parse_register_number
from mgops.caseflow.core.signing.number_pattern import validate_pattern


PATTERN = DEFAULT_PATTERN
#: the shape register numbers had before the register had one of its own
LEGACY_PATTERN = "AR.4010.{n}.{year}"

NUMBERS = st.integers(min_value=1, max_value=10**7)
YEARS = st.integers(min_value=1000, max_value=9999)
#: prefixes as the settings accept them (``check_prefix``)
PREFIXES = st.from_regex(r"[A-Z][A-Z0-9-]{0,5}(\.[A-Z0-9-]{1,5}){0,3}", fullmatch=True)


def test_number_is_formatted_from_the_pattern():
    assert format_register_number(PATTERN, 12, 2026) == "12/2026"


def test_number_is_parsed_back():
    assert parse_register_number(PATTERN, "12/2026") == (12, 2026)


def test_a_number_of_the_old_shape_is_still_read_back():
    assert parse_register_number(LEGACY_PATTERN, "AR.4010.12.2026") == (12, 2026)


@given(
    n=st.integers(min_value=1, max_value=10**6),
    year=st.integers(min_value=1000, max_value=9999),
    pattern=st.sampled_from(
        [PATTERN, "{year}/{n}", "{n}_{year}", "D-{n}/{year} (MGOPS)", "{{x}}{n}.{year}"]
    ),
)
def test_every_number_parses_back_to_its_n_and_year(n, year, pattern):
    number = format_register_number(pattern, n, year)
    assert parse_register_number(pattern, number) == (n, year)


@pytest.mark.parametrize(
    "pattern",
    [
        "AR.4010.{n}",
        "AR.4010.{year}",
        "{n}.{n}.{year}",
        "{n}.{year}.{department}",
        "{n:03d}.{year}",
        "{n!r}.{year}",
        "{}.{year}",
        "AR.{n}.{year",
        "",
    ],
)
def test_pattern_without_exactly_n_and_year_is_refused(pattern):
    with pytest.raises(SignatureError) as raised:
        validate_pattern(pattern)
    assert raised.value.reason == "register_pattern_invalid"
    assert raised.value.mapping == {"pattern": pattern}


@pytest.mark.parametrize(
    "number",
    ["12/26", "0/2026", "012/2026", "12-2026", "x", "AR.4010.12.2026"],
)
def test_number_not_of_the_pattern_is_refused(number):
    with pytest.raises(SignatureError) as raised:
        parse_register_number(PATTERN, number)
    assert raised.value.reason == "register_number_invalid"


@given(n=NUMBERS, year=YEARS, case_n=NUMBERS, case_year=YEARS, prefix=PREFIXES)
def test_a_default_number_is_never_a_case_reference(n, year, case_n, case_year, prefix):
    number = format_register_number(DEFAULT_PATTERN, n, year)
    reference = format_case_reference(case_n, case_year, prefix)
    assert number != reference
    assert not looks_like_case_reference(number)
    with pytest.raises(RuleViolation):
        check_case_reference(number, prefix)


#: text around the fields, mostly of the characters case references are made of
LITERALS = st.text(alphabet="AR.4010-x ż/#()", max_size=6)


@given(
    before=LITERALS,
    between=LITERALS,
    after=LITERALS,
    year_first=st.booleans(),
    n=NUMBERS,
    year=YEARS,
)
def test_no_accepted_pattern_gives_a_case_reference(
    before, between, after, year_first, n, year
):
    """Whatever a centre configures: either refused, or never a case reference."""
    first, second = ("{year}", "{n}") if year_first else ("{n}", "{year}")
    pattern = f"{before}{first}{between}{second}{after}"
    refusal = _refusal(pattern)
    if refusal is not None:
        assert refusal == "register_pattern_like_case_reference"
    else:
        number = format_register_number(pattern, n, year)
        assert not looks_like_case_reference(number)


def _refusal(pattern: str) -> str | None:
    try:
        validate_pattern(pattern)
    except SignatureError as error:
        return error.reason
    return None


@pytest.mark.parametrize(
    "pattern",
    [
        LEGACY_PATTERN,
        "DEC.{n}.{year}",
        "ar.4010.{n}.{year}",
        "AR.4010.{n}.{year} ",
        "{n}-{year}",
        "{n}{year}",
        "Decyzja {n}.{year}",
    ],
)
def test_a_pattern_that_gives_case_reference_shapes_is_refused(pattern):
    with pytest.raises(SignatureError) as raised:
        validate_pattern(pattern)
    assert raised.value.reason == "register_pattern_like_case_reference"
    assert raised.value.mapping == {"pattern": pattern}
    with pytest.raises(SignatureError):
        format_register_number(pattern, 1, 2026)


def test_numbers_start_at_one():
    with pytest.raises(ValueError, match="start at 1"):
        format_register_number(PATTERN, 0, 2026)
