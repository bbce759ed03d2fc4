"""The plain facts a report reads: periods, family files, staff records.

Every date here is a legal one: the day a decision was signed or names, the
day written in a final document or a file's own field; never a workflow
timestamp or ``modified`` (DESIGN, "Process").
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.ending import END_WORK
from mgops.caseflow.core.rules.ending import NAMING_ASSISTANT
from mgops.caseflow.core.rules.ending import SignedDecision


#: the longest period a report covers (the council's report spans years)
MAX_PERIOD_YEARS = 20

ZA_ZYCIEM = "za_zyciem"

# Forms of an assistant's employment (Act of 9 June 2011, art. 11 ust. 4 and
# art. 12: an employment contract, in the task-based working time system or
# another, or a civil-law contract), as the voivode's report counts them.
TASK_BASED_CONTRACT = "task_based_contract"
EMPLOYMENT_CONTRACT = "employment_contract"
CIVIL_LAW_CONTRACT = "civil_law_contract"
OTHER_FORM = "other"


def _parse_day(text, name: str) -> date:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text or "").strip())
    except ValueError:
        raise RuleViolation(
            "report_period_bad_date",
            "The ${name} date of the period must be given as YYYY-MM-DD (got "
            '"${value}").',
            name=name,
            value=text or "",
        ) from None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Period:
    """A report's period, inclusive of both ends."""

    start: date
    end: date

    @classmethod
    def parse(cls, start, end) -> "Period":
        """From ``from``/``to`` as written (YYYY-MM-DD); refused when missing,
        malformed, reversed or longer than ``MAX_PERIOD_YEARS``."""
        period = cls(_parse_day(start, "from"), _parse_day(end, "to"))
        if period.end < period.start:
            raise RuleViolation(
                "report_period_reversed",
                "The period ends (${end}) before it starts (${start}).",
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
        if period.end > add_months(period.start, 12 * MAX_PERIOD_YEARS):
            raise RuleViolation(
                "report_period_too_long",
                "A report covers at most ${years} years.",
                years=MAX_PERIOD_YEARS,
            )
        return period

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether ``start``–``end`` (open when ``end`` is None) meets the period."""
        return (
            start is not None and start <= self.end and (end or date.max) >= self.start
        )

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each cut to the period."""
        result = []
        year, month = self.start.year, self.start.month
        while date(year, month, 1) <= self.end:
            first = max(date(year, month, 1), self.start)
            result.append(Period(first, min(month_end(year, month), self.end)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    def years(self) -> list["Period"]:
        """The calendar years the period touches, each cut to the period."""
        return [
            Period(max(date(year, 1, 1), self.start), min(date(year, 12, 31), self.end))
            for year in range(self.start.year, self.end.year + 1)
        ]

    @property
    def is_whole_months(self) -> bool:
        return self.start.day == 1 and self.end == month_end(
            self.end.year, self.end.month
        )

    def label(self) -> str:
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


@dataclass(frozen=True)
class Assignment:
    """An assistant's work with a family, from the handover to its end (None:
    still working), as the signed decisions say."""

    assistant: str
    start: date
    end: date | None = None


def assignments_from(decisions: Iterable[SignedDecision]) -> tuple[Assignment, ...]:
    """Each assignment or change hands the family to the assistant it names,
    ending the previous one the day before; an end of work ends the current one
    on its day (README, "The process: which decision does what")."""
    result: list[Assignment] = []
    current: Assignment | None = None
    for decision in sorted(decisions, key=lambda decision: decision.day):
        if decision.kind in NAMING_ASSISTANT and decision.assistant:
            if current is not None:
                result.append(
                    Assignment(
                        current.assistant,
                        current.start,
                        max(current.start, decision.day - timedelta(days=1)),
                    )
                )
            current = Assignment(decision.assistant, decision.day)
        elif decision.kind == END_WORK and current is not None:
            result.append(Assignment(current.assistant, current.start, decision.day))
            current = None
    if current is not None:
        result.append(current)
    return tuple(result)


@dataclass(frozen=True)
class FileRecord:
    """One family file's legal facts, as the catalog holds them."""

    key: str
    case_reference: str = ""
    support_path: str = "standard"
    #: the "Za życiem" application's document: pregnancy or the child's certificate
    za_zyciem_kind: str | None = None
    children: int = 0
    #: the day of the court's decision obliging the family to work with an
    #: assistant (Family and Guardianship Code, art. 109 § 2 pkt 1)
    court_obliged_on: date | None = None
    #: the days the court's requests for an opinion came in, and the days the
    #: assistant's opinions went out (Act of 9 June 2011, art. 15 ust. 1 pkt 15)
    court_requests: tuple[date, ...] = ()
    opinions_sent: tuple[date, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    work_ended: date | None = None
    end_reason: str | None = None
    application_received: date | None = None
    first_contact: date | None = None

    @property
    def work_start(self) -> date | None:
        return min((a.start for a in self.assignments), default=None)

    def with_assistant_in(self, period: Period) -> bool:
        return any(period.overlaps(a.start, a.end) for a in self.assignments)

    def assistant_on(self, day: date) -> str | None:
        for assignment in self.assignments:
            if assignment.start <= day <= (assignment.end or date.max):
                return assignment.assistant
        return None


@dataclass(frozen=True)
class Employment:
    """One period of an assistant's employment."""

    assistant: str
    form: str
    fte: float
    start: date
    end: date | None = None


@dataclass(frozen=True)
class MonthHours:
    """The hours an assistant worked in a month, as they entered them; only
    approved ones are settled."""

    assistant: str
    year: int
    month: int
    hours: float
    sick_days: int = 0
    approved: bool = False


@dataclass(frozen=True)
class Records:
    """Everything a report reads."""

    files: tuple[FileRecord, ...] = ()
    employments: tuple[Employment, ...] = ()
    hours: tuple[MonthHours, ...] = ()
    caseload_limit: int = 15
    #: (assistant, year, month) → the hours of their final visit notes, shown
    #: beside the hours they entered as a check
    visit_hours: dict = field(default_factory=dict)
    #: assistant id → their name, for the tables
    names: dict = field(default_factory=dict)

    def name(self, assistant: str) -> str:
        return self.names.get(assistant) or assistant
