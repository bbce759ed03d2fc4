"""Plan pracy z rodziną: the work plan agreed with the family."""

from zope import schema
from zope.interface import implementer

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import not_in_future


class IPlan(IFamilyDocument):
    """Act of 9 June 2011 on supporting the family, art. 15 (1) p. 1: the plan."""

    goals = schema.Text(title=_("label_goals", default="Goals"))
    actions = schema.Text(title=_("label_actions", default="Actions"))
    responsibilities = schema.Text(
        title=_("label_responsibilities", default="Who does what, and when"),
    )
    agreed_on = schema.Date(
        title=_("label_agreed_on", default="Agreed with the family on"),
        constraint=not_in_future,
    )


limit_fields(IPlan)


@implementer(IPlan)
class Plan(FamilyDocument):
    """The work plan."""
