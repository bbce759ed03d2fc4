"""Okresowa ocena sytuacji rodziny: the periodic assessment."""

from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.validation import check_period_order
from mgops.caseflow.content.validation import not_in_future


class IAssessment(IFamilyDocument):
    """Act of 9 June 2011, art. 15 (1) p. 16: at least every 6 months."""

    period_from = schema.Date(title=_("label_period_from", default="Period from"))
    period_to = schema.Date(
        title=_("label_period_to", default="Period to"),
        constraint=not_in_future,
    )
    progress = schema.Text(
        title=_("label_progress", default="Progress towards each goal"),
    )
    recommendation = schema.Choice(
        title=_("label_recommendation", default="Recommendation"),
        vocabulary="mgops.caseflow.AssessmentRecommendations",
    )

    @invariant
    def period_in_order(data):
        check_period_order(data.period_from, data.period_to)


limit_fields(IAssessment)


@implementer(IAssessment)
class Assessment(FamilyDocument):
    """The periodic assessment."""
