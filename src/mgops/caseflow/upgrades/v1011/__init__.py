"""1009 → 1011: a plan's goals become rows; an assessment names its plan.

The periodic assessment verifies one work plan goal by goal (Act of 9 June
2011, art. 15 ust. 1 pkt 1 and 16; ``core.rules.assessment``), so a plan's
``goals`` are now rows (goal, expected effect). Every plan whose goals are
still one text gets one row per line, numbered item or bullet of that text
(``goal_rows_from_text``); the text itself is kept, unchanged, in the plan's
annotation ``PREVIOUS_GOALS`` so nothing written is lost.

Existing assessments keep their free text where it was, in ``progress`` (now
"general remarks on progress", optional), and name no plan: final ones are
never edited, and what they said is not guessed into rows. Draft ones must
name their plan and assess each of its goals before they can be made final.
No profile file changes, so nothing is re-imported.
"""

from plone import api
from zope.annotation.interfaces import IAnnotations

from mgops.caseflow import logger
from mgops.caseflow.core.rules.assessment import goal_rows_from_text


#: where the upgrade keeps a plan's goals as they were written before
PREVIOUS_GOALS = "mgops.caseflow.plan_goals_text"


def plan_goals_as_rows(context):
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        plan = brain._unrestrictedGetObject()
        if not isinstance(plan.goals, str):
            continue
        IAnnotations(plan)[PREVIOUS_GOALS] = plan.goals
        plan.goals = goal_rows_from_text(plan.goals)
        plan.reindexObject(idxs=["SearchableText"])
        count += 1
    logger.info("Profile 1011: the goals of %d plans are rows now", count)
