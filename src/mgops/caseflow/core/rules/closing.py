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


def check_social_work_period(social_work_started: date, today: date) -> None:
    """Refuse to close a file in social work before 3 months of social work and
    control visits have passed (centre's rules, DESIGN "Process" 9)."""
    allowed_from = social_work_close_allowed_from(social_work_started)
    if today < allowed_from:
        raise RuleViolation(
            "rule_social_work_three_months",
            "After a refusal or non-cooperation, social work and control visits "
            "last at least 3 months; the file can close from ${date}.",
            date=allowed_from,
        )


def social_work_obligation(social_work_started: date) -> Obligation:
    """Social work and control visits go on until the file may close; due on the
    first day closing is allowed (centre's rules, DESIGN "Process" 9)."""
    return Obligation(
        kind="social_work",
        due=social_work_close_allowed_from(social_work_started),
        rule="rule_social_work_period",
        responsible_role=SOCIAL_WORKER,
    )


def check_close(facts: FileFacts, today: date) -> None:
    """Refuse closing a file whose minimum period (monitoring or social work) is
    not complete; a head's recorded override is for the Plone side to allow."""
    if facts.state == states.MONITORING and facts.work_ended is not None:
        check_monitoring_complete(facts.work_ended, facts.documents, today)
    elif facts.state == states.SOCIAL_WORK and facts.social_work_started is not None:
        check_social_work_period(facts.social_work_started, today)
