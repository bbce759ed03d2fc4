"""Retention from the JRWA archival category and the closing date."""

from datetime import date

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.retention import check_archive_consent
from mgops.caseflow.core.rules.retention import needs_archive_consent
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


CONSENT = {"archive": "Archiwum Państwowe w Kaliszu", "reference": "ZNA.1", "date": ""}


@pytest.mark.parametrize("category", ["B5", "B10", "B25", "BE10"])
def test_every_category_b_needs_the_state_archives_consent(category):
    """Act of 14 July 1983 on the national archival resource, art. 5."""
    assert needs_archive_consent(category)
    with pytest.raises(RuleViolation) as refused:
        check_archive_consent(category, None, date(2012, 3, 1), date(2026, 1, 5))
    assert refused.value.rule == "rule_destroy_archive_consent"
    assert refused.value.mapping["category"] == category


def test_category_a_needs_no_consent_as_it_is_never_destroyed():
    assert not needs_archive_consent("A")
    assert check_archive_consent("A", None, None, date(2026, 1, 5)) is None


def test_the_consent_is_kept_trimmed_with_its_iso_date():
    consent = dict(CONSENT, archive=" AP Kalisz ", date="2025-11-20")
    assert check_archive_consent(
        "B10", consent, date(2012, 3, 1), date(2026, 1, 5)
    ) == {
        "archive": "AP Kalisz",
        "reference": "ZNA.1",
        "date": "2025-11-20",
    }


@pytest.mark.parametrize(
    ("given", "rule"),
    [
        ("2026-01-06", "rule_destroy_archive_consent_date"),
        ("2012-02-29", "rule_destroy_archive_consent_date"),
        ("", "rule_destroy_archive_consent"),
        ("2025-13-01", "rule_destroy_archive_consent"),
        (20251120, "rule_destroy_archive_consent"),
    ],
)
def test_the_consent_is_dated_between_closing_and_today(given, rule):
    with pytest.raises(RuleViolation) as refused:
        check_archive_consent(
            "B10", dict(CONSENT, date=given), date(2012, 3, 1), date(2026, 1, 5)
        )
    assert refused.value.rule == rule
