"""1020 → 1021: a work plan's actions say who does each.

A plan gains ``action_rows`` (action, who does it — the family, the assistant as
instruction, another institution named — and by when; ``core.rules.plan``).
Existing plans keep their ``actions`` and ``responsibilities`` text as written
and get no rows: who does what is not guessed from prose, and final plans are
never edited. Each is given its empty list, so that every route (REST, the
archive's export) reads the same field on old and new plans. No profile file
changes, so nothing is re-imported.
"""

from plone import api

from mgops.caseflow import logger


def plan_action_rows(context):
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        plan = brain._unrestrictedGetObject()
        if "action_rows" not in plan.__dict__:
            plan.action_rows = []
            count += 1
    logger.info("Profile 1021: %d plans have their (empty) action rows", count)
