"""Turn rule violations from ``rules/`` into translated field and form errors."""

from datetime import datetime

from zope.interface import Invalid
from zope.schema.interfaces import ValidationError

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.messages import message_for


class RuleValidationError(ValidationError):
    """A field error whose text is the rule's translated message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


def field_constraint(check):
    """Wrap a rule ``check(value)`` as a zope.schema constraint."""

    def constraint(value):
        if value is None:
            return True
        try:
            check(value)
        except RuleViolation as violation:
            raise RuleValidationError(message_for(violation)) from violation
        return True

    return constraint


def invalid(violation: RuleViolation) -> Invalid:
    """An invariant error carrying the rule's translated message."""
    return Invalid(message_for(violation))


def _not_in_future(value):
    """Not after today on the office's clock (``core/office.py``), whatever
    zone the server runs in."""
    day = value.date() if hasattr(value, "date") else value
    if day > datetime.now(OFFICE_ZONE).date():
        raise RuleViolation(
            "rule_date_not_in_future",
            "The date ${date} lies in the future; it must be today or earlier.",
            date=day.isoformat(),
        )


not_in_future = field_constraint(_not_in_future)


def check_period_order(start, end):
    """Raise an invariant error when a period ends before it starts."""
    if start and end and end < start:
        raise invalid(
            RuleViolation(
                "rule_period_order",
                "The end of the period (${end}) lies before its start (${start}).",
                start=start.isoformat(),
                end=end.isoformat(),
            )
        )
