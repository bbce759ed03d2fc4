"""Minimum periods before a file may close: monitoring and social work."""

from datetime import date

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.closing import MonitoringMonth
from mgops.caseflow.core.rules.closing import check_close
from mgops.caseflow.core.rules.closing import check_monitoring_complete
from mgops.caseflow.core.rules.closing import check_social_work_period
from mgops.caseflow.core.rules.closing import monitoring_close_allowed_from
from mgops.caseflow.core.rules.closing import monitoring_complete
from mgops.caseflow.core.rules.closing import monitoring_months
from mgops.caseflow.core.rules.closing import monitoring_months_without_note
from mgops.caseflow.core.rules.closing import social_work_close_allowed_from
from mgops.caseflow.core.rules.obligations import FileFacts


def note(day):
    return ("Note", "monitoring_visit", day)


ALL_THREE = [note(date(2026, 2, 28)), note(date(2026, 3, 1)), note(date(2026, 4, 30))]


# Monitoring: centre's rules, a monitoring visit a month for at least 3 months.


def test_monitoring_after_work_ended_31_january_covers_february_to_april():
    assert monitoring_months(date(2026, 1, 31)) == [
        MonitoringMonth(2026, 2),
        MonitoringMonth(2026, 3),
        MonitoringMonth(2026, 4),
    ]
    assert monitoring_close_allowed_from(date(2026, 1, 31)) == date(2026, 4, 30)


def test_monitoring_after_work_ended_1_january_also_covers_february_to_april():
    assert monitoring_months(date(2026, 1, 1))[0] == MonitoringMonth(2026, 2)
    assert monitoring_close_allowed_from(date(2026, 1, 1)) == date(2026, 4, 30)


def test_monitoring_crosses_the_year_end():
    assert monitoring_months(date(2026, 11, 30)) == [
        MonitoringMonth(2026, 12),
        MonitoringMonth(2027, 1),
        MonitoringMonth(2027, 2),
    ]
    assert monitoring_close_allowed_from(date(2026, 11, 30)) == date(2027, 2, 28)


def test_monitoring_ends_on_29_february_in_a_leap_year():
    assert monitoring_close_allowed_from(date(2027, 11, 15)) == date(2028, 2, 29)


def test_monitoring_month_spans_first_to_last_day():
    february = MonitoringMonth(2026, 2)
    assert (february.first_day, february.last_day) == (
        date(2026, 2, 1),
        date(2026, 2, 28),
    )
    assert date(2026, 2, 28) in february
    assert date(2026, 3, 1) not in february
    assert str(february) == "02.2026"


def test_note_on_the_day_work_ended_does_not_count_for_monitoring():
    documents = [note(date(2026, 1, 31))]
    assert len(monitoring_months_without_note(date(2026, 1, 31), documents)) == 3


def test_month_without_a_note_is_listed_at_the_month_edges():
    documents = [note(date(2026, 2, 28)), note(date(2026, 4, 1))]
    assert monitoring_months_without_note(date(2026, 1, 31), documents) == [
        MonitoringMonth(2026, 3)
    ]


def test_only_monitoring_visit_notes_count_for_monitoring():
    documents = [
        ("Note", "visit", date(2026, 2, 10)),
        ("Note", "control_visit", date(2026, 3, 10)),
        ("Assessment", None, date(2026, 4, 10)),
    ]
    assert len(monitoring_months_without_note(date(2026, 1, 31), documents)) == 3


@pytest.mark.parametrize(
    ("today", "complete"),
    [
        (date(2026, 4, 29), False),  # day before the period ends
        (date(2026, 4, 30), True),  # the last day of the third month
        (date(2026, 5, 1), True),
    ],
)
def test_monitoring_complete_from_the_last_day_of_the_third_month(today, complete):
    assert monitoring_complete(date(2026, 1, 31), ALL_THREE, today) is complete


def test_closing_during_the_monitoring_period_is_refused():
    with pytest.raises(RuleViolation) as caught:
        check_monitoring_complete(date(2026, 1, 31), ALL_THREE, date(2026, 4, 29))
    assert caught.value.rule == "rule_monitoring_period_running"
    assert caught.value.mapping == {"date": date(2026, 4, 30)}


def test_closing_with_a_month_without_a_monitoring_note_is_refused():
    documents = [note(date(2026, 2, 28)), note(date(2026, 4, 30))]
    with pytest.raises(RuleViolation) as caught:
        check_monitoring_complete(date(2026, 1, 31), documents, date(2026, 5, 4))
    assert caught.value.rule == "rule_monitoring_notes_missing"
    assert "03.2026" in caught.value.text
    assert not monitoring_complete(date(2026, 1, 31), documents, date(2026, 5, 4))


def test_closing_after_complete_monitoring_is_allowed():
    check_monitoring_complete(date(2026, 1, 31), ALL_THREE, date(2026, 4, 30))


# Social work after refusal: centre's rules, at least 3 months.


@pytest.mark.parametrize(
    ("started", "allowed_from"),
    [
        (date(2026, 1, 15), date(2026, 4, 15)),
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2026, 11, 30), date(2027, 2, 28)),
    ],
)
def test_social_work_lasts_three_months_clamped_to_month_end(started, allowed_from):
    assert social_work_close_allowed_from(started) == allowed_from


def test_closing_social_work_the_day_before_three_months_is_refused():
    with pytest.raises(RuleViolation) as caught:
        check_social_work_period(date(2026, 1, 31), date(2026, 4, 29))
    assert caught.value.rule == "rule_social_work_three_months"
    assert "2026-04-30" in caught.value.text


CONTROL_VISITS = [
    ("Note", "control_visit", day)
    for day in (date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 10))
]


@pytest.mark.parametrize("today", [date(2026, 4, 30), date(2026, 5, 1)])
def test_closing_social_work_on_or_after_three_months_is_allowed(today):
    check_social_work_period(date(2026, 1, 31), today, CONTROL_VISITS)


def test_social_work_without_control_visits_cannot_close_even_after_three_months():
    """Centre's rules: social work *and control visits* for at least 3 months."""
    with pytest.raises(RuleViolation) as caught:
        check_social_work_period(
            date(2026, 1, 31), date(2026, 6, 1), CONTROL_VISITS[:2]
        )
    assert caught.value.rule == "rule_social_work_control_visits_missing"
    assert "31.03.2026–29.04.2026" in caught.value.text


def test_the_control_visits_per_month_is_never_zero():
    with pytest.raises(RuleViolation):
        check_social_work_period(date(2026, 1, 31), date(2026, 6, 1), (), per_month=0)


@pytest.mark.parametrize("state", ["monitoring", "social_work"])
def test_a_file_with_no_end_decision_closes_only_by_decision(state):
    with pytest.raises(RuleViolation) as caught:
        check_close(FileFacts(state=state), date(2030, 1, 1))
    assert caught.value.rule == "rule_close_needs_end_decision"


# check_close: the guard's single entry point.


def test_check_close_refuses_early_close_from_social_work():
    facts = FileFacts(state="social_work", social_work_started=date(2026, 1, 31))
    with pytest.raises(RuleViolation, match="3 months"):
        check_close(facts, date(2026, 3, 31))


def test_check_close_refuses_monitoring_with_a_missing_note():
    facts = FileFacts(
        state="monitoring", work_ended=date(2026, 1, 31), documents=ALL_THREE[:2]
    )
    with pytest.raises(RuleViolation) as caught:
        check_close(facts, date(2026, 5, 4))
    assert caught.value.rule == "rule_monitoring_notes_missing"


def test_check_close_allows_complete_monitoring():
    facts = FileFacts(
        state="monitoring", work_ended=date(2026, 1, 31), documents=ALL_THREE
    )
    check_close(facts, date(2026, 4, 30))


def test_only_the_social_workers_control_visits_count():
    """Process 9: control visits *by the social worker*."""
    by_others = [(*visit, "piotr.fa") for visit in CONTROL_VISITS]
    with pytest.raises(RuleViolation) as caught:
        check_social_work_period(
            date(2026, 1, 31), date(2026, 6, 1), by_others, social_worker="anna.sw"
        )
    assert caught.value.rule == "rule_social_work_control_visits_missing"
    mine = [(*visit, "anna.sw") for visit in CONTROL_VISITS]
    check_social_work_period(
        date(2026, 1, 31), date(2026, 6, 1), mine, social_worker="anna.sw"
    )
