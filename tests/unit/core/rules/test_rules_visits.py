"""Visit hours and intervention notes (centre's rules)."""

from datetime import UTC
from datetime import datetime
from datetime import time

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules import visits
from mgops.caseflow.core.rules.visits import check_intervention_services
from mgops.caseflow.core.rules.visits import check_visit_time


NOW = datetime(2026, 3, 10, 23, 30)


def at(hour, minute=0, day=10):
    return datetime(2026, 3, day, hour, minute)


def refused_rule(start, end, now=NOW, **window):
    with pytest.raises(RuleViolation) as caught:
        check_visit_time(start, end, now, **window)
    return caught.value.rule


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(7, 0), at(8, 0)),  # starts at 07:00 exactly
        (at(20, 0), at(21, 0)),  # ends at 21:00 exactly
        (at(7, 0), at(21, 0)),  # the whole window
    ],
)
def test_visit_between_07_and_21_is_allowed(start, end):
    check_visit_time(start, end, NOW)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(6, 59), at(8, 0)),  # starts at 06:59
        (at(20, 0), at(21, 1)),  # ends at 21:01
        (at(20, 0), at(22, 30)),  # ends at 22:30
        (at(21, 30), at(22, 30)),  # wholly after hours
        (at(5, 0), at(6, 0)),  # wholly before hours
    ],
)
def test_visit_hours_window_07_to_21(start, end):
    assert refused_rule(start, end) == "rule_visit_hours_window"


def test_visit_hours_window_message_names_the_hours():
    with pytest.raises(RuleViolation) as caught:
        check_visit_time(at(20, 0), at(21, 1), NOW)
    assert caught.value.text.startswith(
        "The visit must start and end between 07:00 and 21:00"
    )


def test_visit_across_midnight_is_refused():
    assert refused_rule(at(20, 0, day=9), at(1, 0, day=10)) == "rule_visit_same_day"


def test_visit_must_end_after_it_starts():
    assert refused_rule(at(10, 0), at(10, 0)) == "rule_visit_end_after_start"
    assert refused_rule(at(10, 0), at(9, 0)) == "rule_visit_end_after_start"


def test_visit_in_the_future_is_refused():
    now = at(9, 0)
    assert refused_rule(at(10, 0), at(11, 0), now=now) == "rule_visit_not_in_future"


def test_visit_still_running_now_is_refused():
    now = at(10, 30)
    assert refused_rule(at(10, 0), at(11, 0), now=now) == "rule_visit_not_in_future"


def test_visit_that_ended_just_now_is_allowed():
    check_visit_time(at(10, 0), at(11, 0), at(11, 0))


def test_visit_window_is_configurable():
    window = {"window_start": time(8, 0), "window_end": time(16, 0)}
    check_visit_time(at(8, 0), at(16, 0), NOW, **window)
    assert refused_rule(at(7, 30), at(9, 0), **window) == "rule_visit_hours_window"
    assert refused_rule(at(15, 0), at(16, 1), **window) == "rule_visit_hours_window"


def test_visit_hours_are_checked_in_polish_local_time():
    # 06:30 UTC in March is 07:30 in Warsaw (CET); 19:30 UTC in July is 21:30
    # in Warsaw (CEST).
    utc_now = datetime(2026, 12, 31, tzinfo=UTC)
    check_visit_time(
        datetime(2026, 3, 10, 6, 30, tzinfo=UTC),
        datetime(2026, 3, 10, 7, 30, tzinfo=UTC),
        utc_now,
    )
    with pytest.raises(RuleViolation) as caught:
        check_visit_time(
            datetime(2026, 7, 10, 18, 0, tzinfo=UTC),
            datetime(2026, 7, 10, 19, 30, tzinfo=UTC),
            utc_now,
        )
    assert caught.value.rule == "rule_visit_hours_window"


# Interventions: DESIGN "Process" 10.


@pytest.mark.parametrize("services", [[], (), None])
def test_intervention_note_must_name_a_service_notified(services):
    with pytest.raises(RuleViolation) as caught:
        check_intervention_services(services)
    assert caught.value.rule == "rule_intervention_services"


@pytest.mark.parametrize(
    "services",
    [["police"], ["ambulance", "prosecutor"], ("court_curators",), {"other"}, "police"],
)
def test_intervention_note_with_a_known_service_is_allowed(services):
    check_intervention_services(services)


def test_intervention_note_with_an_unknown_service_is_refused():
    with pytest.raises(RuleViolation) as caught:
        check_intervention_services(["police", "fire_brigade"])
    assert caught.value.rule == "rule_intervention_service_unknown"
    assert caught.value.mapping == {"services": "fire_brigade"}


def test_visit_ending_a_minute_from_now_is_refused():
    now = at(10, 59)
    assert refused_rule(at(10, 0), at(11, 0), now=now) == "rule_visit_not_in_future"


def test_visit_from_a_form_with_naive_local_times_against_an_aware_now():
    """The add form gives naive local times; the note's invariant passes an aware
    "now" in Polish time: they compare as local times instead of failing."""
    from mgops.caseflow.core.office import OFFICE_ZONE

    now = datetime(2026, 3, 10, 12, 0, tzinfo=OFFICE_ZONE)
    check_visit_time(at(10), at(11), now)
    assert refused_rule(at(12), at(12, 30), now=now) == "rule_visit_not_in_future"


@pytest.mark.parametrize("text", ["07:00", "12:15", "21:00", " 08:30 "])
def test_a_window_hour_inside_07_to_21_is_taken(text):
    assert visits.parse_window_hour(text) >= visits.VISIT_WINDOW_START


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("06:59", "rule_window_hour_outside"),
        ("21:01", "rule_window_hour_outside"),
        ("00:00", "rule_window_hour_outside"),
        ("7", "rule_window_hour_format"),
        ("", "rule_window_hour_format"),
        ("25:00", "rule_window_hour_format"),
    ],
)
def test_a_window_hour_outside_or_malformed_is_refused(text, rule):
    with pytest.raises(RuleViolation) as caught:
        visits.parse_window_hour(text)
    assert caught.value.rule == rule


def test_the_window_must_not_be_empty():
    with pytest.raises(RuleViolation) as caught:
        visits.check_visit_window("12:00", "12:00")
    assert caught.value.rule == "rule_window_order"
    assert visits.check_visit_window("08:00", "16:00") == (time(8, 0), time(16, 0))
