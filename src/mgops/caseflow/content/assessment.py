"""Okresowa ocena sytuacji rodziny: the periodic assessment of one work plan."""

from collective.z3cform.datagridfield.row import DictRow
from plone import api
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import family_file_of
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.plan import plan_goals
from mgops.caseflow.content.rows import LabelledDataGridFieldFactory
from mgops.caseflow.content.validation import check_period_order
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.content.validation import not_in_future
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.assessment import check_assessed_plan
from mgops.caseflow.core.rules.assessment import check_goal_progress


class IGoalProgress(model.Schema):
    """The progress towards one goal of the plan, as a row."""

    goal = schema.TextLine(
        title=_("label_assessed_goal", default="Goal of the plan"),
        description=_(
            "help_assessed_goal", default="As the plan names it, one row per goal."
        ),
    )
    progress = schema.Text(title=_("label_goal_progress", default="Progress"))
    achieved = schema.Choice(
        title=_("label_goal_achieved", default="Achieved"),
        vocabulary="mgops.caseflow.GoalAchievement",
    )


limit_fields(IGoalProgress)


class IAssessment(IFamilyDocument):
    """Act of 9 June 2011, art. 15 (1) p. 16: at least every 6 months, of the
    plan of art. 15 (1) p. 1 (``core.rules.assessment``)."""

    plan = schema.Choice(
        title=_("label_assessed_plan", default="Work plan assessed"),
        description=_(
            "help_assessed_plan",
            default="The final work plan of this file whose goals are assessed.",
        ),
        vocabulary="mgops.caseflow.FinalPlans",
    )
    period_from = schema.Date(title=_("label_period_from", default="Period from"))
    period_to = schema.Date(
        title=_("label_period_to", default="Period to"),
        constraint=not_in_future,
    )
    directives.widget("goal_progress", LabelledDataGridFieldFactory)
    goal_progress = schema.List(
        title=_("label_goal_progress_rows", default="Progress per goal of the plan"),
        value_type=DictRow(
            title=_("label_goal_progress", default="Progress"), schema=IGoalProgress
        ),
        required=False,
        default=[],
    )
    #: Before profile 1011 the only account of progress; those assessments keep
    #: their text here, with no plan named (upgrades/v1011).
    progress = schema.Text(
        title=_("label_progress_remarks", default="General remarks on progress"),
        required=False,
    )
    recommendation = schema.Choice(
        title=_("label_recommendation", default="Recommendation"),
        vocabulary="mgops.caseflow.AssessmentRecommendations",
    )

    @invariant
    def period_in_order(data):
        check_period_order(data.period_from, data.period_to)

    @invariant
    def rows_name_goals_of_the_plan(data):
        plan = _plan(data.plan)
        if plan is None:
            return  # the field's vocabulary refuses it
        try:
            check_goal_progress(plan_goals(plan), data.goal_progress, complete=False)
        except RuleViolation as violation:
            raise invalid(violation) from violation


limit_fields(IAssessment)


def _plan(uid):
    if not isinstance(uid, str) or not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if len(brains) == 1 else None


def check_complete(assessment) -> None:
    """At finalize: the plan named is a final Plan of the same file, and every
    goal of it has a row, no row names another (``RuleViolation`` otherwise)."""
    plan = _plan(assessment.plan)
    family_file = family_file_of(assessment)
    check_assessed_plan(
        None
        if plan is None
        else {
            "portal_type": plan.portal_type,
            "state": api.content.get_state(plan),
            "same_file": family_file is not None
            and family_file_of(plan).getPhysicalPath() == family_file.getPhysicalPath(),
        }
    )
    check_goal_progress(plan_goals(plan), assessment.goal_progress, complete=True)


@implementer(IAssessment)
class Assessment(FamilyDocument):
    """The periodic assessment."""
