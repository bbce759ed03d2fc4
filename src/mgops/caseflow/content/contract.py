"""Kontrakt socjalny: the social contract between the centre and the family."""

from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import check_period_order


class IContract(IFamilyDocument):
    """Act of 12 March 2004 on social assistance, art. 108: the social contract."""

    parties = schema.Text(title=_("label_parties", default="Parties"))
    goals = schema.Text(title=_("label_goals", default="Goals"))
    family_obligations = schema.Text(
        title=_("label_family_obligations", default="Obligations of the family"),
    )
    centre_obligations = schema.Text(
        title=_("label_centre_obligations", default="Obligations of the centre"),
    )
    valid_from = schema.Date(title=_("label_valid_from", default="Valid from"))
    valid_to = schema.Date(title=_("label_valid_to", default="Valid to"))

    @invariant
    def valid_to_after_from(data):
        check_period_order(data.valid_from, data.valid_to)


limit_fields(IContract)


@implementer(IContract)
class Contract(FamilyDocument):
    """The social contract."""
