"""The minimum periods a family file must run before it may close.

After the end of work the assistant monitors the family; after a refusal the
social worker keeps up social work. Both last at least 3 months (centre's rules,
DESIGN "Process" 8 and 9); these functions say when closing becomes allowed and
refuse it before then.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.calendar import add_months
from mgops.caseflow.core.rules.obligations import FAMILY_ASSISTANT
from mgops.caseflow.core.rules.obligations import SOCIAL_WORKER
from mgops.caseflow.core.rules.obligations import FileFacts
from mgops.caseflow.core.rules.obligations import Obligation
from mgops.caseflow.core.rules.obligations import dates_of
from mgops.caseflow.core.rules.obligations import final_documents


MONITORING_MONTHS = 3
SOCIAL_WORK_MONTHS = 3


@dataclass(frozen=True)
class MonitoringMonth:
    """One calendar month of the monitoring period."""

    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        last = calendar.monthrange(self.year, self.month)[1]
        return date(self.year, self.month, last)

    def __contains__(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    def __str__(self) -> str:
        return "%02d.%d" % (self.month, self.year)


def monitoring_months(work_ended: date) -> list[MonitoringMonth]:
    """The calendar months of the monitoring period: the 3 whole months after the
    month in which work ended (work ended 31 January: February, March, April).

    Centre's rules: a monitoring visit at least once a month for at least 3
    months. Whole calendar months, so no month is a stub of a few days.
    """
    months = []
    for n in range(1, MONITORING_MONTHS + 1):
        day = add_months(work_ended.replace(day=1), n)
        months.append(MonitoringMonth(day.year, day.month))
    return months


def monitoring_months_without_note(
    work_ended: date, documents: Iterable[tuple] = ()
) -> list[MonitoringMonth]:
    """The monitoring months that have no final Note of kind "monitoring_visit"."""
    notes = dates_of(documents, "Note", "monitoring_visit")
    return [
        month
        for month in monitoring_months(work_ended)
        if not any(day in month for day in notes)
    ]


def monitoring_obligations(
    work_ended: date, documents: Iterable[tuple] = ()
) -> list[Obligation]:
    """One monitoring-visit obligation per month still without a note, due on the
    month's last day (not moved: the visit must fall within that month).

    Centre's rules (DESIGN, "Process" 8).
    """
    return [
        Obligation(
            kind="monitoring_visit",
            due=month.last_day,
            rule="rule_monitoring_monthly_visit",
            responsible_role=FAMILY_ASSISTANT,
            not_before=month.first_day,
        )
        for month in monitoring_months_without_note(work_ended, documents)
    ]


def monitoring_close_allowed_from(work_ended: date) -> date:
    """The last day of the monitoring period: closing is allowed from this day on,
    once every monitoring month has its note (centre's rules)."""
    return monitoring_months(work_ended)[-1].last_day


def monitoring_complete(
    work_ended: date, documents: Iterable[tuple], today: date
) -> bool:
    """Whether the monitoring period has run and every month has its note."""
    return today >= monitoring_close_allowed_from(work_ended) and not (
        monitoring_months_without_note(work_ended, documents)
    )


def check_monitoring_complete(
    work_ended: date, documents: Iterable[tuple], today: date
) -> None:
    """Refuse to close a monitored file before the monitoring period is complete.

    Centre's rules: monitoring visits at least once a month for at least 3 months
    after the end of work (DESIGN, "Process" 8).
    """
    allowed_from = monitoring_close_allowed_from(work_ended)
    if today < allowed_from:
        raise RuleViolation(
            "rule_monitoring_period_running",
            "The file cannot close before the monitoring period of 3 months ends "
            "on ${date}.",
            date=allowed_from,
        )
    missing = monitoring_months_without_note(work_ended, documents)
    if missing:
        raise RuleViolation(
            "rule_monitoring_notes_missing",
            "The file cannot close yet: these months of the monitoring period have "
            "no monitoring-visit note: ${months}.",
            months=", ".join(str(month) for month in missing),
        )


def social_work_close_allowed_from(social_work_started: date) -> date:
    """The day 3 months after social work began, clamped to month end: closing is
    allowed from this day on (centre's rules, DESIGN "Process" 9)."""
    return add_months(social_work_started, SOCIAL_WORK_MONTHS)


@dataclass(frozen=True)
class SocialWorkMonth:
    """The n-th month of social work: from its first day to the day before the
    next month begins (started 31 January: 31.01–27.02, 28.02–30.03, …)."""

    first_day: date
    next_first_day: date

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.next_first_day.toordinal() - 1)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day < self.next_first_day

    def __str__(self) -> str:
        return f"{self.first_day:%d.%m.%Y}–{self.last_day:%d.%m.%Y}"


def social_work_months(social_work_started: date) -> list[SocialWorkMonth]:
    """The 3 month-long periods of social work that each need control visits."""
    bounds = [add_months(social_work_started, n) for n in range(SOCIAL_WORK_MONTHS + 1)]
    return [SocialWorkMonth(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def social_work_months_short(
    social_work_started: date,
    documents: Iterable[tuple],
    per_month: int,
    social_worker: str | None = None,
) -> list[SocialWorkMonth]:
    """The months of social work with fewer than ``per_month`` final control-visit
    notes (``per_month`` is the centre's setting, at least one); given the
    file's ``social_worker``, only the notes they wrote count (Process 9: control
    visits *by the social worker*)."""
    visits = [
        document.day
        for document in final_documents(documents)
        if document.portal_type == "Note"
        and document.kind == "control_visit"
        and (social_worker is None or document.author == social_worker)
    ]
    return [
        month
        for month in social_work_months(social_work_started)
        if sum(day in month for day in visits) < max(per_month, 1)
    ]


def check_social_work_period(
    social_work_started: date,
    today: date,
    documents: Iterable[tuple] = (),
    per_month: int = 1,
    social_worker: str | None = None,
) -> None:
    """Refuse to close a file in social work before 3 months of social work
    **and control visits** have passed: each month of the period has its control
    visits, recorded in notes by the social worker (centre's rules, DESIGN
    "Process" 9)."""
    allowed_from = social_work_close_allowed_from(social_work_started)
    if today < allowed_from:
        raise RuleViolation(
            "rule_social_work_three_months",
            "After a refusal or non-cooperation, social work and control visits "
            "last at least 3 months; the file can close from ${date}.",
            date=allowed_from,
        )
    short = social_work_months_short(
        social_work_started, documents, per_month, social_worker
    )
    if short:
        raise RuleViolation(
            "rule_social_work_control_visits_missing",
            "The file cannot close yet: these months of social work have fewer "
            "than ${count} control-visit notes: ${months}.",
            count=max(per_month, 1),
            months=", ".join(str(month) for month in short),
        )


def social_work_obligations(
    social_work_started: date,
    documents: Iterable[tuple] = (),
    per_month: int = 1,
    social_worker: str | None = None,
) -> list[Obligation]:
    """One control-visit obligation per month of social work still short of its
    visits, due on the month's last day (centre's rules, DESIGN "Process" 9)."""
    return [
        Obligation(
            kind="control_visit",
            due=month.last_day,
            rule="rule_social_work_control_visit",
            responsible_role=SOCIAL_WORKER,
            not_before=month.first_day,
        )
        for month in social_work_months_short(
            social_work_started, documents, per_month, social_worker
        )
    ]


def check_close(facts: FileFacts, today: date) -> None:
    """Refuse closing a file whose minimum period (monitoring or social work) is
    not complete. Closing earlier takes the head's signed decision (``ending``),
    which does not come through here."""
    started = {
        states.MONITORING: facts.work_ended,
        states.SOCIAL_WORK: facts.social_work_started,
    }
    if facts.state in started and started[facts.state] is None:
        raise RuleViolation(
            "rule_close_needs_end_decision",
            "The file has no signed decision ending the work to count its minimum "
            "period from; only the head's decision can close it.",
        )
    if facts.state == states.MONITORING:
        check_monitoring_complete(facts.work_ended, facts.documents, today)
    elif facts.state == states.SOCIAL_WORK:
        check_social_work_period(
            facts.social_work_started,
            today,
            facts.documents,
            facts.control_visits_per_month,
            facts.social_worker,
        )
