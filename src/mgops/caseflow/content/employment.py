"""Okres zatrudnienia: one period of an assistant's employment, entered by the head."""

from plone import api
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import check_period_order


def fullname(user_id) -> str:
    user = api.user.get(userid=user_id) if user_id else None
    return (user.getProperty("fullname") if user else None) or user_id or ""


class IEmployment(model.Schema):
    """The form of employment (Act of 9 June 2011, art. 11 ust. 4 and art. 12),
    the FTE and the period; the reports count assistants by them."""

    assistant = schema.Choice(
        title=_("label_assistant", default="Family assistant"),
        vocabulary="mgops.caseflow.Assistants",
    )
    employment_form = schema.Choice(
        title=_("label_employment_form", default="Form of employment"),
        vocabulary="mgops.caseflow.EmploymentForms",
    )
    fte = schema.Float(
        title=_("label_fte", default="FTE"),
        description=_(
            "help_fte",
            default="The share of a full-time post, e.g. 1 or 0.5; for a civil-law "
            "contract the equivalent agreed in it.",
        ),
        min=0.01,
        max=1.0,
    )
    start = schema.Date(title=_("label_employment_start", default="Employed from"))
    end = schema.Date(
        title=_("label_employment_end", default="Employed until"),
        description=_("help_employment_end", default="Empty while it lasts."),
        required=False,
    )

    @invariant
    def ends_after_start(data):
        check_period_order(getattr(data, "start", None), getattr(data, "end", None))


limit_fields(IEmployment)


@implementer(IEmployment)
class Employment(Item):
    """A period of employment; its title names the assistant and the period."""

    end = None

    def Title(self):
        end = f"{self.end:%d.%m.%Y}" if self.end else "…"
        start = f"{self.start:%d.%m.%Y}" if self.start else ""
        return f"{fullname(self.assistant)} {start}–{end}".strip()
