"""Plan pracy z rodziną: the work plan agreed with the family."""

from collective.z3cform.datagridfield.row import DictRow
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mgops.caseflow import _
from mgops.caseflow.content.document import FamilyDocument
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.limits import limit_fields
from mgops.caseflow.content.rows import LabelledDataGridFieldFactory
from mgops.caseflow.content.validation import invalid
from mgops.caseflow.content.validation import not_in_future
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.assessment import check_plan_goals
from mgops.caseflow.core.rules.plan import check_plan_actions


class IPlanGoal(model.Schema):
    """One goal of the plan, as a row: the periodic assessment reports on each."""

    goal = schema.TextLine(title=_("label_plan_goal", default="Goal"))
    expected_effect = schema.TextLine(
        title=_("label_expected_effect", default="Expected effect"),
        required=False,
    )


limit_fields(IPlanGoal)


class IPlanAction(model.Schema):
    """One action of the plan, as a row: what, who does it, by when."""

    action = schema.TextLine(title=_("label_plan_action", default="Action"))
    performer = schema.Choice(
        title=_("label_plan_performer", default="Who does it"),
        vocabulary="mgops.caseflow.PlanPerformers",
    )
    institution = schema.TextLine(
        title=_("label_plan_institution", default="Institution"),
        required=False,
    )
    due = schema.Date(title=_("label_plan_action_due", default="By"), required=False)


limit_fields(IPlanAction)


class IPlan(IFamilyDocument):
    """Act of 9 June 2011 on supporting the family, art. 15 (1) p. 1: the plan;
    art. 15 (3): its actions, their deadlines and expected effects."""

    directives.widget("goals", LabelledDataGridFieldFactory)
    goals = schema.List(
        title=_("label_goals", default="Goals"),
        value_type=DictRow(
            title=_("label_plan_goal", default="Goal"), schema=IPlanGoal
        ),
        min_length=1,
    )
    directives.widget("action_rows", LabelledDataGridFieldFactory)
    action_rows = schema.List(
        title=_("label_plan_action_rows", default="Actions and who does each"),
        description=_(
            "help_plan_action_rows",
            default="For each action: the family, the assistant as instruction "
            "or another institution (name it). The assistant does not act for "
            "the family, only instructs it (the centre's rules, §3).",
        ),
        value_type=DictRow(
            title=_("label_plan_action", default="Action"), schema=IPlanAction
        ),
        required=False,
        default=[],
    )
    actions = schema.Text(title=_("label_actions", default="Actions"))
    responsibilities = schema.Text(
        title=_("label_responsibilities", default="Who does what, and when"),
    )
    agreed_on = schema.Date(
        title=_("label_agreed_on", default="Agreed with the family on"),
        constraint=not_in_future,
    )

    @invariant
    def actions_say_who(data):
        try:
            check_plan_actions(getattr(data, "action_rows", None))
        except RuleViolation as violation:
            raise invalid(violation) from violation

    @invariant
    def goals_distinct(data):
        try:
            check_plan_goals(data.goals)
        except RuleViolation as violation:
            raise invalid(violation) from violation


limit_fields(IPlan)


def plan_goals(plan) -> list[str]:
    """The goal texts of ``plan``, in its order."""
    return [row.get("goal") or "" for row in plan.goals or ()]


@implementer(IPlan)
class Plan(FamilyDocument):
    """The work plan."""
