"""Godziny pracy w miesiącu: the hours an assistant worked in a month.

The assistant enters their own (they are its creator and owner); the head
approves them (``mgops_hours_workflow``: only the head holds "Approve hours",
and an approved entry is read-only for everyone). The programme's settlement
reads only approved hours (``core/reports/settlement.py``).
"""

from datetime import date
from datetime import datetime

from plone import api
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.employment import fullname
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.core.errors import Conflict
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.office import OFFICE_ZONE


class IMonthlyHours(model.Schema):
    """One month of an assistant's work, as they report it."""

    year = schema.Int(title=_("label_hours_year", default="Year"), min=2012, max=2100)
    month = schema.Int(title=_("label_hours_month", default="Month"), min=1, max=12)
    hours = schema.Float(
        title=_("label_hours_worked", default="Hours worked"),
        min=0.0,
        max=744.0,
    )
    sick_leave_days = schema.Int(
        title=_("label_sick_leave_days", default="Days of sick leave"),
        description=_(
            "help_sick_leave_days",
            default="Calendar days of the month on sick leave (L4), if any.",
        ),
        min=0,
        max=31,
        default=0,
        required=False,
    )
    comment = schema.Text(
        title=_("label_hours_comment", default="Comment"),
        required=False,
    )

    @invariant
    def month_not_in_future(data):
        year, month = getattr(data, "year", None), getattr(data, "month", None)
        if year and month and date(year, month, 1) > today():
            raise invalid(
                RuleViolation(
                    "rule_hours_month_in_future",
                    "Hours are entered for a month that has begun, not for "
                    "${month}.${year}.",
                    month=f"{month:02d}",
                    year=year,
                )
            )


limit_fields(IMonthlyHours)


def today() -> date:
    return datetime.now(OFFICE_ZONE).date()


@implementer(IMonthlyHours)
class MonthlyHours(Item):
    """An assistant's month; its assistant is its creator."""

    sick_leave_days = 0
    #: who entered it, set when it is added (``assistant_enters``), never by a form
    assistant = None

    def Title(self):
        month = f"{self.month:02d}.{self.year}" if self.year and self.month else ""
        return f"{month} — {fullname(self.assistant)}"


def assistant_enters(hours, event) -> None:
    """The hours are the entering assistant's own: they become its assistant
    (and, as its creator, its owner)."""
    hours.assistant = api.user.get_current().getId()
    refuse_second_entry(hours, event)


def refuse_second_entry(hours, event) -> None:
    """One entry per assistant and month: a second one is refused (the head
    approves one figure per month)."""
    catalog = api.portal.get_tool("portal_catalog")
    month = (hours.assistant, hours.year, hours.month)
    for brain in catalog.unrestrictedSearchResults(portal_type="MonthlyHours"):
        record = brain.staff_record or {}
        entered = (record.get("assistant"), record.get("year"), record.get("month"))
        if hours.UID() != brain.UID and entered == month:
            raise Conflict(
                "hours_month_entered",
                "The hours for ${month}.${year} are already entered; correct that "
                "entry while the head has not approved it.",
                month=f"{hours.month:02d}",
                year=hours.year,
            )
