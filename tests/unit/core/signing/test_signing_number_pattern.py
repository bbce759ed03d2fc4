"""Register numbers: formatted from the configured pattern, parsed back the same."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.number_pattern import format_register_number
from mgops.caseflow.core.signing.number_pattern import parse_register_number
from mgops.caseflow.core.signing.number_pattern import validate_pattern


PATTERN = "AR.4010.{n}.{year}"


def test_number_is_formatted_from_the_pattern():
    assert format_register_number(PATTERN, 12, 2026) == "AR.4010.12.2026"


def test_number_is_parsed_back():
    assert parse_register_number(PATTERN, "AR.4010.12.2026") == (12, 2026)


@given(
    n=st.integers(min_value=1, max_value=10**6),
    year=st.integers(min_value=1000, max_value=9999),
    pattern=st.sampled_from(
        [PATTERN, "{year}/{n}", "{n}{year}", "D-{n}/{year} (MGOPS)", "{{x}}{n}.{year}"]
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
    ["AR.4010.12.26", "AR.4010.0.2026", "AR.4010.012.2026", "AR-4010.12.2026", "x"],
)
def test_number_not_of_the_pattern_is_refused(number):
    with pytest.raises(SignatureError) as raised:
        parse_register_number(PATTERN, number)
    assert raised.value.reason == "register_number_invalid"


def test_numbers_start_at_one():
    with pytest.raises(ValueError, match="start at 1"):
        format_register_number(PATTERN, 0, 2026)
