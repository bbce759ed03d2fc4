"""Which decision does what (DESIGN, "Workflows"; centre's rules, "Process" 7–9)."""

from datetime import date

import pytest

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.ending import CLOSE_REASONS
from mgops.caseflow.core.rules.ending import DECISION_KINDS
from mgops.caseflow.core.rules.ending import END_REASON_STATES
from mgops.caseflow.core.rules.ending import SignedDecision
from mgops.caseflow.core.rules.ending import check_decision_complete
from mgops.caseflow.core.rules.ending import check_end_request_ready
from mgops.caseflow.core.rules.ending import check_status_agrees
from mgops.caseflow.core.rules.ending import effect_of
from mgops.caseflow.core.rules.ending import legal_dates


@pytest.mark.parametrize(
    ("reason", "transition"),
    [
        ("plan_achieved", states.END_WORK),  # → monitoring (Process 8)
        ("no_cooperation", states.END_WORK_TO_SOCIAL_WORK),  # → social work (Process 9)
        ("children_placed", states.END_WORK_TO_SOCIAL_WORK),
        ("moved_away", states.END_AND_CLOSE),
    ],
)
def test_ending_the_work_moves_the_file_as_its_reason_says(reason, transition):
    effect = effect_of("end_work", reason)
    assert effect.required_states == (states.ACTIVE,)
    assert effect.transition == transition


def test_every_end_reason_leads_to_a_state_after_active():
    assert set(END_REASON_STATES.values()) <= {
        states.MONITORING,
        states.SOCIAL_WORK,
        states.CLOSED,
    }


def test_a_change_of_assistant_keeps_the_file_active():
    effect = effect_of("change_assistant")
    assert effect.required_states == (states.ACTIVE,)
    assert effect.transition is None


def test_an_early_close_closes_monitoring_or_social_work():
    effect = effect_of("close_early")
    assert set(effect.required_states) == {states.MONITORING, states.SOCIAL_WORK}
    assert effect.transition == states.CLOSE


def test_another_decision_moves_nothing():
    assert effect_of("other") is None
    assert "other" in DECISION_KINDS


@pytest.mark.parametrize(
    ("kind", "fields", "rule"),
    [
        ("assign_assistant", {}, "rule_assignment_needs_assistant"),
        ("change_assistant", {}, "rule_assignment_needs_assistant"),
        (
            "change_assistant",
            {"assistant": "fa1", "current_assistant": "fa1"},
            "rule_change_needs_other_assistant",
        ),
        ("end_work", {"end_request": "uid"}, "rule_end_work_needs_reason"),
        ("end_work", {"end_reason": "typed by hand"}, "rule_end_work_needs_reason"),
        ("end_work", {"end_reason": "plan_achieved"}, "rule_end_work_needs_request"),
        ("close_early", {}, "rule_close_early_needs_reason"),
        (
            "close_early",
            {"close_reason": "any comment"},
            "rule_close_early_needs_reason",
        ),
    ],
)
def test_a_decision_must_say_what_its_kind_needs(kind, fields, rule):
    with pytest.raises(RuleViolation) as caught:
        check_decision_complete(kind, **fields)
    assert caught.value.rule == rule


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("assign_assistant", {"assistant": "fa1"}),
        ("change_assistant", {"assistant": "fa2", "current_assistant": "fa1"}),
        ("end_work", {"end_reason": "no_cooperation", "end_request": "uid"}),
        ("close_early", {"close_reason": CLOSE_REASONS[0]}),
        ("other", {}),
    ],
)
def test_a_complete_decision_passes(kind, fields):
    check_decision_complete(kind, **fields)


@pytest.mark.parametrize(
    ("final", "by_assistant", "position", "rule"),
    [
        (False, True, True, "rule_end_request_not_final"),
        (True, False, True, "rule_end_request_not_final"),
        (True, True, False, "rule_end_request_needs_position"),
    ],
)
def test_work_ends_only_on_the_assistants_request_with_the_joint_position(
    final, by_assistant, position, rule
):
    with pytest.raises(RuleViolation) as caught:
        check_end_request_ready(final, by_assistant, position)
    assert caught.value.rule == rule


def test_legal_dates_come_from_the_decisions():
    dates = legal_dates(
        [
            SignedDecision("end_work", date(2026, 9, 30), "no_cooperation"),
            SignedDecision("assign_assistant", date(2026, 2, 2)),
            SignedDecision("change_assistant", date(2026, 5, 4)),
            SignedDecision("other", date(2026, 6, 1)),
        ]
    )
    assert dates.assignment_signed == date(2026, 2, 2)
    assert dates.handed_over == date(2026, 5, 4)
    assert dates.work_ended == date(2026, 9, 30)
    assert dates.social_work_started == date(2026, 9, 30)


def test_plan_achieved_starts_no_social_work():
    dates = legal_dates(
        [SignedDecision("end_work", date(2026, 9, 30), "plan_achieved")]
    )
    assert dates.work_ended == date(2026, 9, 30)
    assert dates.social_work_started is None


def test_no_decision_no_dates():
    assert legal_dates([]) == legal_dates(())
    assert legal_dates([]).assignment_signed is None


@pytest.mark.parametrize(
    ("state", "assistant", "decisions"),
    [
        ("active", "fa1", []),  # active without an assignment
        ("active", "fa2", [("assign_assistant", "fa1")]),  # not the one named
        ("active", "fa1", [("assign_assistant", "fa1"), ("change_assistant", "fa2")]),
        ("monitoring", "fa1", [("assign_assistant", "fa1")]),  # no end of work
        ("social_work", None, [("end_work", None)]),
        ("intake", "fa1", []),  # an assistant nobody assigned
    ],
)
def test_a_status_no_decision_gave_is_refused(state, assistant, decisions):
    with pytest.raises(RuleViolation) as caught:
        check_status_agrees(state, assistant, decisions)
    assert caught.value.rule == "rule_status_not_by_decisions"


@pytest.mark.parametrize(
    ("state", "assistant", "decisions"),
    [
        ("intake", None, []),
        ("active", "fa2", [("assign_assistant", "fa1"), ("change_assistant", "fa2")]),
        ("monitoring", "fa1", [("assign_assistant", "fa1"), ("end_work", None)]),
        ("closed", "fa1", []),  # history as recorded
    ],
)
def test_a_status_the_decisions_gave_passes(state, assistant, decisions):
    check_status_agrees(state, assistant, decisions)
