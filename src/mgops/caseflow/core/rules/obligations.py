"""The plain data the deadline rules speak in: a file's snapshot and its obligations.

The Plone side reads a family file into :class:`FileFacts`; the rules answer with
:class:`Obligation` values it can store, index by due date and show.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from typing import NamedTuple

from mgops.caseflow.core import states


SOCIAL_WORKER = "SocialWorker"
FAMILY_ASSISTANT = "FamilyAssistant"

STATES = frozenset(states.FILE_STATES)
PATHS = frozenset({"standard", "za_zyciem"})

# The rule each obligation follows: message id -> English default. The Plone
# layer translates ``Obligation.rule`` with this default.
OBLIGATION_TEXTS = {
    "rule_interview_deadline": (
        "The environmental interview is due within 14 working days of the centre "
        "learning of the family."
    ),
    "rule_interview_deadline_urgent": (
        "In an urgent case the environmental interview is due within 2 working "
        "days of the centre learning of the family."
    ),
    "rule_introduction_deadline": (
        "The social worker introduces the assistant to the family within 7 working "
        "days of the signed assignment."
    ),
    "rule_assessment_every_six_months": (
        "The assistant assesses the family's situation at least every 6 months."
    ),
    "rule_monitoring_monthly_visit": (
        "After the end of work the assistant makes a monitoring visit, recorded in "
        "a note, in each month of the monitoring period."
    ),
    "rule_social_work_control_visit": (
        "After a refusal or non-cooperation the social worker keeps up social work "
        "for at least 3 months and makes control visits, recorded in notes, in "
        "each of its months."
    ),
    "rule_introduction_after_change": (
        "The social worker introduces the new assistant to the family within 7 "
        "working days of the signed change of assistant."
    ),
}


class FinalDocument(NamedTuple):
    """A final document of the file: its type, its kind (Notes only), date and
    author (the user id of who wrote it, where a rule reads it)."""

    portal_type: str
    kind: str | None
    day: date
    author: str | None = None


@dataclass(frozen=True)
class Obligation:
    """Something the file still owes by ``due``, and who owes it."""

    kind: str
    due: date
    rule: str
    responsible_role: str
    responsible: str | None = None  # user id, filled in by open_obligations
    not_before: date | None = None  # for a monitoring month: its first day

    @property
    def default(self) -> str:
        """The English text of the rule, for translation."""
        return OBLIGATION_TEXTS[self.rule]

    def is_overdue(self, today: date) -> bool:
        """Overdue from the day after the due date; the due date itself is in time."""
        return today > self.due


@dataclass(frozen=True)
class FileFacts:
    """A plain snapshot of one family file, as the Plone side reads it.

    ``documents`` holds only final documents, as (portal_type, kind-or-None, date)
    or (portal_type, kind-or-None, date, author) tuples; ``social_worker``,
    ``assistant`` and the authors are user ids.
    """

    state: str
    path: str = "standard"
    learned_on: date | None = None
    urgent: bool = False
    assignment_signed: date | None = None
    handed_over: date | None = None  # the latest assignment or change of assistant
    work_ended: date | None = None
    social_work_started: date | None = None
    documents: tuple[FinalDocument, ...] = ()
    social_worker: str | None = None
    assistant: str | None = None
    control_visits_per_month: int = 1

    def __post_init__(self):
        if self.state not in STATES:
            raise ValueError(f"unknown family file state: {self.state!r}")
        if self.path not in PATHS:
            raise ValueError(f"unknown family file path: {self.path!r}")
        object.__setattr__(self, "documents", final_documents(self.documents))


def final_documents(documents: Iterable[tuple]) -> tuple[FinalDocument, ...]:
    """Plain (portal_type, kind, date-or-datetime[, author]) tuples as
    FinalDocuments."""
    result = []
    for portal_type, kind, day, *author in documents or ():
        if isinstance(day, datetime):
            day = day.date()
        result.append(FinalDocument(portal_type, kind, day, *author))
    return tuple(result)


def dates_of(
    documents: Iterable[tuple], portal_type: str, kind: str | None = None
) -> list[date]:
    """The dates of the final documents of one type (and kind, when given)."""
    return [
        document.day
        for document in final_documents(documents)
        if document.portal_type == portal_type
        and (kind is None or document.kind == kind)
    ]
