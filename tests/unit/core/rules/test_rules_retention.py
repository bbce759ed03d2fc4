"""Retention from the JRWA archival category and the closing date."""

from datetime import date

import pytest

from mgops.caseflow.core.rules.retention import needs_expert_assessment
from mgops.caseflow.core.rules.retention import retention_ends
from mgops.caseflow.core.rules.retention import retention_over


@pytest.mark.parametrize(
    ("category", "ends"),
    [("B10", date(2031, 1, 1)), ("B25", date(2046, 1, 1)), ("B50", date(2071, 1, 1))],
)
def test_retention_counts_from_the_next_first_of_january(category, ends):
    assert retention_ends(category, date(2020, 6, 30)) == ends


def test_category_a_is_kept_permanently():
    assert retention_ends("A", date(1990, 1, 1)) is None
    assert not retention_over("A", date(1990, 1, 1), date(2100, 1, 1))


def test_be10_needs_the_state_archives_assessment():
    assert needs_expert_assessment("BE10")
    assert retention_over("BE10", date(2010, 5, 5), date(2021, 1, 1))
    assert not retention_over("BE10", date(2010, 5, 5), date(2020, 12, 31))
