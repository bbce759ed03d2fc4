"""Indexes that concern family files only, added and filled by an upgrade step."""

import logging

from plone import api


logger = logging.getLogger("mgops.caseflow.upgrades")


def index_family_files(setup_tool, indexes):
    """Add the indexes (catalog.xml) and fill them for the family files only.

    ``manage_reindexIndex`` would wake every document of every file; these
    indexes concern family files, so only they are read, and no metadata is
    rewritten.
    """
    setup_tool.runImportStepFromProfile(
        "profile-mgops.caseflow:default", "catalog", run_dependencies=False
    )
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="FamilyFile")
    names = ", ".join(indexes)
    for number, brain in enumerate(brains, 1):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            uid=brain.getPath(),
            idxs=list(indexes),
            update_metadata=0,
        )
        if number % 1000 == 0:
            logger.info("%s: %d of %d family files", names, number, len(brains))
    logger.info("%s: %d family files indexed", names, len(brains))
