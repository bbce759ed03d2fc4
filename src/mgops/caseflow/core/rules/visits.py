"""When an assistant's visit may take place, and what an intervention must record."""

from collections.abc import Iterable
from datetime import datetime
from datetime import time

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.office import OFFICE_ZONE


VISIT_WINDOW_START = time(7, 0)
VISIT_WINDOW_END = time(21, 0)

# Note kinds that record an act of the assistant in the family, so their start
# and end must lie in the assistant's working hours (DESIGN, "Process" 5; the
# centre's rules: the assistant works only between 07:00 and 21:00). The
# introduction is the social worker's act, but the assistant is there with them
# (Process 3). Control visits (Process 9) and interventions (Process 10) are the
# social worker's own acts and stay unchecked: an intervention in danger to
# children happens at whatever hour the danger does.
TIMED_NOTE_KINDS = frozenset({"visit", "monitoring_visit", "introduction"})

# Services a social worker may notify when intervening (DESIGN, "Process" 10).
INTERVENTION_SERVICES = ("police", "ambulance", "prosecutor", "court_curators", "other")


def visit_times_checked(
    kind: str | None, by_assistant: bool, gives_times: bool
) -> bool:
    """Whether a note's times must lie in the assistant's window.

    A note of a kind in ``TIMED_NOTE_KINDS`` always; any other note written by
    the file's assistant as soon as it gives a time, since whatever the
    assistant did in the family they did in their working hours.
    """
    return kind in TIMED_NOTE_KINDS or (by_assistant and gives_times)


def parse_window_hour(text: str) -> time:
    """A configured hour of the visit window, ``HH:MM``, within 07:00–21:00.

    The centre may narrow the assistant's hours, never widen them: the rule that
    the assistant works only between 07:00 and 21:00 comes from the centre's rules
    of the family-assistant programme, not from a setting.
    """
    try:
        hour = time.fromisoformat(str(text).strip())
    except ValueError:
        raise RuleViolation(
            "rule_window_hour_format",
            "${value} is not an hour; write it as HH:MM, e.g. 07:30.",
            value=text,
        ) from None
    if not VISIT_WINDOW_START <= hour <= VISIT_WINDOW_END:
        raise RuleViolation(
            "rule_window_hour_outside",
            "${value} lies outside ${window_start}–${window_end}, the hours in which "
            "an assistant may work; the centre can only narrow them.",
            value=hour.strftime("%H:%M"),
            window_start=VISIT_WINDOW_START.strftime("%H:%M"),
            window_end=VISIT_WINDOW_END.strftime("%H:%M"),
        )
    return hour


def check_visit_window(start_text: str, end_text: str) -> tuple[time, time]:
    """Both hours of the configured window valid, and the window not empty."""
    start, end = parse_window_hour(start_text), parse_window_hour(end_text)
    if end <= start:
        raise RuleViolation(
            "rule_window_order",
            "The visit window must end (${end}) after it starts (${start}).",
            start=start.strftime("%H:%M"),
            end=end.strftime("%H:%M"),
        )
    return start, end


def check_visit_time(
    start: datetime,
    end: datetime,
    now: datetime,
    window_start: time = VISIT_WINDOW_START,
    window_end: time = VISIT_WINDOW_END,
) -> None:
    """Refuse a visit outside the assistant's working hours (centre's rules).

    An assistant works only between 07:00 and 21:00 (both allowed): a visit or
    monitoring note must start and end in that window on the same day, end after
    it starts, and not end after ``now`` (a note records a visit that happened).
    Naive datetimes are local Polish time; aware ones are converted to it.
    """
    start, end = _local(start), _local(end)
    if end <= start:
        raise RuleViolation(
            "rule_visit_end_after_start",
            "The visit must end after it starts.",
        )
    if end.date() != start.date():
        raise RuleViolation(
            "rule_visit_same_day",
            "The visit must start and end on the same day.",
        )
    if start.time() < window_start or end.time() > window_end:
        raise RuleViolation(
            "rule_visit_hours_window",
            "The visit must start and end between ${window_start} and "
            "${window_end}, the hours in which an assistant works.",
            window_start=window_start.strftime("%H:%M"),
            window_end=window_end.strftime("%H:%M"),
        )
    now = _local(now)
    if end.tzinfo is None and now.tzinfo is not None:
        now = now.replace(tzinfo=None)  # a form's naive times are local times
    if end > now:
        raise RuleViolation(
            "rule_visit_not_in_future",
            "The visit cannot end in the future; a note records a visit that has "
            "taken place.",
        )


def _local(moment: datetime) -> datetime:
    """Polish local time, so the hour window means the hour on the family's clock."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(OFFICE_ZONE)


def check_intervention_services(services: Iterable[str]) -> None:
    """Refuse an intervention note that names no service notified, or an unknown one.

    In danger to children the social worker records whom they notified: police,
    ambulance, prosecutor, court curators or other (centre's rules).
    """
    if isinstance(services, str):
        services = [services]
    services = list(services or ())
    if not services:
        raise RuleViolation(
            "rule_intervention_services",
            "An intervention note must name at least one service notified (police, "
            "ambulance, prosecutor, court curators or other).",
        )
    unknown = [service for service in services if service not in INTERVENTION_SERVICES]
    if unknown:
        raise RuleViolation(
            "rule_intervention_service_unknown",
            "Unknown service notified: ${services}.",
            services=", ".join(sorted(map(str, unknown))),
        )
