"""The "Asystent rodziny" programme's settlement: per assistant and month.

The government programme co-funds the assistants' pay (seed 000: salaries
co-funded, stable employment). Each edition year has its parameters, kept in
the centre's settings, not here: the amount per month of a full-time
assistant, the hours a full-time assistant works in a month for the month to
qualify, and the programme's share of the cost. A month qualifies when the
assistant's approved hours reach the threshold pro rata to their FTE in that
month (FTE of each employment period weighted by its days in the month) and to
the days they were not on sick leave; the allowance is pro rata the same way.
A month without approved hours does not qualify.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.reports.records import MonthHours
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import Records


APPROVED = "approved"
PENDING = "pending"
MISSING = "missing"


@dataclass(frozen=True)
class Edition:
    """One edition year's parameters of the programme."""

    year: int
    amount_per_fte: float
    hours_threshold: float
    cost_share: float

    def __post_init__(self):
        if (
            not 0 < self.cost_share <= 1
            or self.amount_per_fte < 0
            or self.hours_threshold <= 0
        ):
            raise RuleViolation(
                "programme_edition_invalid",
                "The programme's parameters for ${year} are not valid: the share "
                "of costs is above 0 and at most 1, the threshold above 0, the "
                "amount not below 0.",
                year=self.year,
            )


def parse_edition(text: str) -> Edition:
    """An edition as the settings write it: "year; amount; hours; share"
    (a decimal comma is taken too), e.g. "2026; 1200; 120; 0,8"."""
    parts = [part.strip().replace(",", ".") for part in (text or "").split(";")]
    try:
        year, amount, hours, share = parts
        values = int(year), float(amount), float(hours), float(share)
    except ValueError:
        raise RuleViolation(
            "programme_edition_unreadable",
            'An edition of the programme is written as "year; amount per month '
            'of a full-time post; hours; share of the cost", e.g. "2026; 1200; '
            '120; 0.8", not "${text}".',
            text=text or "",
        ) from None
    return Edition(*values)


@dataclass(frozen=True)
class MonthLine:
    assistant: str
    year: int
    month: int
    fte: float
    sick_days: int
    required_hours: float
    hours: float | None
    visit_hours: float | None
    status: str
    qualifies: bool
    grant: float
    own_share: float
    total_cost: float


def _overlap_days(start, end, first, last) -> int:
    low, high = max(start, first), min(end or last, last)
    return max((high - low).days + 1, 0)


def settle(
    records: Records, period: Period, editions: Iterable[Edition]
) -> tuple[MonthLine, ...]:
    """A line per assistant and month of the period they were employed in."""
    by_year = {edition.year: edition for edition in editions}
    hours: dict[tuple[str, int, int], MonthHours] = {
        (h.assistant, h.year, h.month): h for h in records.hours
    }
    lines = []
    for month in period.months():
        year, number = month.start.year, month.start.month
        edition = by_year.get(year)
        if edition is None:
            raise RuleViolation(
                "programme_edition_missing",
                'The settings hold no parameters of the "Asystent rodziny" '
                "programme for ${year}: add them in Site Setup → Family files "
                "(MGOPS) → Programme.",
                year=year,
            )
        days = calendar.monthrange(year, number)[1]
        first, last = month.start.replace(day=1), month.start.replace(day=days)
        fte_of: dict[str, float] = {}
        for employment in records.employments:
            overlap = _overlap_days(employment.start, employment.end, first, last)
            if overlap:
                fte_of[employment.assistant] = (
                    fte_of.get(employment.assistant, 0)
                    + employment.fte * overlap / days
                )
        for assistant in sorted(fte_of, key=records.name):
            fte = round(fte_of[assistant], 4)
            entry = hours.get((assistant, year, number))
            sick = min(entry.sick_days, days) if entry else 0
            available = (days - sick) / days
            required = round(edition.hours_threshold * fte * available, 2)
            status = (
                MISSING if entry is None else APPROVED if entry.approved else PENDING
            )
            qualifies = bool(
                status == APPROVED
                and fte > 0
                and available > 0
                and entry.hours >= required
            )
            grant = (
                round(edition.amount_per_fte * fte * available, 2) if qualifies else 0.0
            )
            total = round(grant / edition.cost_share, 2)
            lines.append(
                MonthLine(
                    assistant=assistant,
                    year=year,
                    month=number,
                    fte=round(fte, 2),
                    sick_days=sick,
                    required_hours=required,
                    hours=entry.hours if entry else None,
                    visit_hours=records.visit_hours.get((assistant, year, number)),
                    status=status,
                    qualifies=qualifies,
                    grant=grant,
                    own_share=round(total - grant, 2),
                    total_cost=total,
                )
            )
    return tuple(lines)
