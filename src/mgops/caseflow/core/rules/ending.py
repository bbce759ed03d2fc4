"""How the head's decisions move a family file: which decision does what.

DESIGN, "Workflows": after the request, everything that changes the family's
status is a signed decision of the head, and nothing else. This module says, as
plain data, which state a file must be in for each kind of decision, where it
takes the file, and what an end-of-work or early-close decision must carry.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation


ASSIGN_ASSISTANT = "assign_assistant"
CHANGE_ASSISTANT = "change_assistant"
END_WORK = "end_work"
CLOSE_EARLY = "close_early"
OTHER = "other"
#: the kinds of decision, in the order the form offers them
DECISION_KINDS = (ASSIGN_ASSISTANT, CHANGE_ASSISTANT, END_WORK, CLOSE_EARLY, OTHER)
#: the kinds that name the assistant who works with the family from then on
NAMING_ASSISTANT = frozenset({ASSIGN_ASSISTANT, CHANGE_ASSISTANT})

# Reasons for ending the assistant's work (a fixed list, kept for the reports).
PLAN_ACHIEVED = "plan_achieved"
NO_COOPERATION = "no_cooperation"
MOVED_AWAY = "moved_away"
CHILDREN_PLACED = "children_placed"

#: end-of-work reason → the state the family file enters
END_REASON_STATES = {
    # Centre's rules (DESIGN, "Process" 8): after the plan's goals are reached
    # the assistant monitors the family for at least 3 months.
    PLAN_ACHIEVED: states.MONITORING,
    # Centre's rules (DESIGN, "Process" 9): after a refusal or no cooperation,
    # social work and control visits by the social worker for at least 3 months.
    NO_COOPERATION: states.SOCIAL_WORK,
    # The family moved to another municipality: the centre is no longer the
    # competent one (Act of 12 March 2004 on social assistance, art. 101 ust. 1:
    # competence follows the place of residence), so there is nobody to monitor
    # and the file closes.
    MOVED_AWAY: states.CLOSED,
    # The court placed the children in foster care (Family and Guardianship
    # Code, art. 109 § 2 pkt 5): the assistant's plan with the family ends, and
    # the social worker keeps up social work with the parents, as after a
    # refusal (centre's rules, DESIGN "Process" 9).
    CHILDREN_PLACED: states.SOCIAL_WORK,
}
END_REASONS = tuple(END_REASON_STATES)

# Reasons for closing a file before its minimum period has run (fixed list).
CLOSE_MOVED_AWAY = "moved_away"
CLOSE_NO_MINOR_CHILDREN = "no_minor_children"
CLOSE_OTHER_CENTRE = "other_centre"
CLOSE_REASONS = (CLOSE_MOVED_AWAY, CLOSE_NO_MINOR_CHILDREN, CLOSE_OTHER_CENTRE)

#: the transition of the family file that each target state of ending is
END_TRANSITIONS = {
    states.MONITORING: states.END_WORK,
    states.SOCIAL_WORK: states.END_WORK_TO_SOCIAL_WORK,
    states.CLOSED: states.END_AND_CLOSE,
}


@dataclass(frozen=True)
class Effect:
    """What signing one decision does to its file: from which state, by which
    transition (None: the state stays, as when the assistant changes)."""

    required_states: tuple[str, ...]
    transition: str | None


def effect_of(kind: str, end_reason: str | None = None) -> Effect | None:
    """The effect of a decision of ``kind`` (None for a decision of another kind)."""
    if kind == ASSIGN_ASSISTANT:
        return Effect((states.AWAITING_DECISION,), states.ASSIGN_ASSISTANT)
    if kind == CHANGE_ASSISTANT:
        return Effect((states.ACTIVE,), None)
    if kind == END_WORK:
        target = END_REASON_STATES.get(end_reason)
        return Effect((states.ACTIVE,), END_TRANSITIONS.get(target))
    if kind == CLOSE_EARLY:
        return Effect((states.MONITORING, states.SOCIAL_WORK), states.CLOSE)
    return None


def check_decision_complete(
    kind: str,
    *,
    assistant: str | None = None,
    current_assistant: str | None = None,
    end_reason: str | None = None,
    close_reason: str | None = None,
    end_request: str | None = None,
) -> None:
    """Refuse a decision that does not say what its kind needs.

    An assignment or change names the assistant (a change, a different one);
    ending the work gives a reason from the fixed list and the assistant's
    request it answers (DESIGN, "Process" 7); an early close gives its reason.
    """
    if kind in NAMING_ASSISTANT and not assistant:
        raise RuleViolation(
            "rule_assignment_needs_assistant",
            "A decision assigning an assistant must name the assistant.",
        )
    if kind == CHANGE_ASSISTANT and assistant == current_assistant:
        raise RuleViolation(
            "rule_change_needs_other_assistant",
            "A decision changing the assistant must name another assistant than "
            "the one working with the family now.",
        )
    if kind == END_WORK and end_reason not in END_REASON_STATES:
        raise RuleViolation(
            "rule_end_work_needs_reason",
            "A decision ending the work must give its reason from the list.",
        )
    if kind == END_WORK and not end_request:
        raise RuleViolation(
            "rule_end_work_needs_request",
            "The work ends only on the assistant's request: choose the request "
            "this decision answers.",
        )
    if kind == CLOSE_EARLY and close_reason not in CLOSE_REASONS:
        raise RuleViolation(
            "rule_close_early_needs_reason",
            "A decision closing the file before its minimum period must give its "
            "reason from the list.",
        )


def check_end_request_ready(
    request_final: bool, request_by_assistant: bool, position_recorded: bool
) -> None:
    """DESIGN, "Process" 7: work ends only by the head's decision made on the
    assistant's request, worked out jointly with the social worker — so the
    request is final, written by the file's assistant, and the file's social
    worker has recorded their position on it."""
    if not request_final or not request_by_assistant:
        raise RuleViolation(
            "rule_end_request_not_final",
            "The request to end the work must be a final note written by the "
            "family's assistant.",
        )
    if not position_recorded:
        raise RuleViolation(
            "rule_end_request_needs_position",
            "The social worker has not yet recorded the joint position on the "
            "assistant's request to end the work.",
        )


@dataclass(frozen=True)
class SignedDecision:
    """A signed decision as the deadline rules read it: its kind, its legal day
    (the handover day it names, else the day it was signed), its reason, and
    the assistant an assignment or change names (the reports read it)."""

    kind: str
    day: date
    end_reason: str | None = None
    assistant: str | None = None


@dataclass(frozen=True)
class LegalDates:
    """The dates the file's obligations count from, all from signed decisions."""

    assignment_signed: date | None = None
    handed_over: date | None = None
    work_ended: date | None = None
    social_work_started: date | None = None


def legal_dates(decisions: Iterable[SignedDecision]) -> LegalDates:
    """The work starts on the latest assignment; the latest assignment or change
    hands the family over; the latest end of work ends it, and starts social
    work when its reason leads there (``END_REASON_STATES``)."""
    ordered = sorted(decisions, key=lambda decision: decision.day)
    assigned = [d.day for d in ordered if d.kind == ASSIGN_ASSISTANT]
    handed = [d.day for d in ordered if d.kind in NAMING_ASSISTANT]
    ended = [d for d in ordered if d.kind == END_WORK]
    last_end = ended[-1] if ended else None
    return LegalDates(
        assignment_signed=assigned[-1] if assigned else None,
        handed_over=handed[-1] if handed else None,
        work_ended=last_end.day if last_end else None,
        social_work_started=last_end.day
        if last_end and END_REASON_STATES.get(last_end.end_reason) == states.SOCIAL_WORK
        else None,
    )


def check_status_agrees(
    state: str, assistant: str | None, decisions: Iterable[tuple[str, str | None]]
) -> None:
    """Refuse a file (e.g. from an archival package) whose state or assistant is
    not what its signed decisions, ``(kind, assistant)`` in signing order, made
    it: only those decisions set them (DESIGN, "Workflows").

    An active file has its assignment; monitoring and social work follow an
    assignment and an end of work; the assistant is the one the last assignment
    or change named. A closed or archived file is history as it was recorded
    (files closed before these rules held may have no signed decision).
    """
    if state in states.ENDED_STATES:
        return
    decisions = list(decisions)
    kinds = [kind for kind, _assistant in decisions]
    named = [who for kind, who in decisions if kind in NAMING_ASSISTANT]
    broken = (
        (state == states.ACTIVE and ASSIGN_ASSISTANT not in kinds)
        or (
            state in (states.MONITORING, states.SOCIAL_WORK)
            and (ASSIGN_ASSISTANT not in kinds or END_WORK not in kinds)
        )
        or (assistant or None) != (named[-1] if named else None)
    )
    if broken:
        raise RuleViolation(
            "rule_status_not_by_decisions",
            "The family file's state (${state}) or its assistant does not follow "
            "from its signed decisions.",
            state=state,
        )
