"""1000 → 1001: the ``obligation_count`` index that @deadlines counts from."""

import logging

from plone import api


logger = logging.getLogger("mgops.caseflow.upgrades.v1001")
INDEX = "obligation_count"


def index_obligation_counts(setup_tool):
    """Add the index (catalog.xml) and fill it for the family files only.

    ``manage_reindexIndex`` would wake every document of every file; the index
    concerns family files, so only they are read, and no metadata is rewritten.
    """
    setup_tool.runImportStepFromProfile(
        "profile-mgops.caseflow:default", "catalog", run_dependencies=False
    )
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="FamilyFile")
    for number, brain in enumerate(brains, 1):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            uid=brain.getPath(),
            idxs=[INDEX],
            update_metadata=0,
        )
        if number % 1000 == 0:
            logger.info("obligation_count: %d of %d family files", number, len(brains))
    logger.info("obligation_count: %d family files indexed", len(brains))
