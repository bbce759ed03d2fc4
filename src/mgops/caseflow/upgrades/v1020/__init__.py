"""1019 → 1020: the facts the reports read, and the staff records.

The family files, signed decisions and notes already hold what the reports
need (end reasons, handover days, visit times, members); the catalog gets an
index and columns for them, so a report reads brains and wakes no object.
"""

import logging

from plone import api

from mgops.caseflow.setuphandlers import ensure_staff_registry


logger = logging.getLogger("mgops.caseflow.upgrades.v1020")

#: the new index and columns, filled for the objects that have them
NEW = (
    "end_reason",
    "handover_date",
    "certificate_kind",
    "learned_on",
    "children_count",
    "court_obliged_on",
    "court_opinions",
    "visit_minutes",
    "staff_record",
)


def report_facts(setup_tool):
    ensure_staff_registry(api.portal.get())
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=["FamilyFile", "Decision", "Note"]
    )
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        # one index and metadata update per object; nothing else changes
        catalog.catalog_object(obj, idxs=["end_reason"], update_metadata=True)
    logger.info("report facts indexed for %d objects", len(brains))
