"""1022 → 1023: the full-text postings become IIBTrees (``textindex``).

A word's postings kept as a dict inside a bucket made that bucket impossible
to merge when two notes were indexed at once; new postings are IIBTrees from
the start, and this turns the dicts already there. It touches every
ZCTextIndex of the site's catalog and commits with the upgrade.
"""

from plone import api

from mgops.caseflow import logger
from mgops.caseflow.textindex import merge_friendly


def mergeable_postings(context):
    catalog = api.portal.get_tool("portal_catalog")
    for name in catalog.indexes():
        okapi = getattr(catalog._catalog.getIndex(name), "index", None)
        if okapi is None or not hasattr(okapi, "_wordinfo"):
            continue
        turned = merge_friendly(okapi)
        logger.info("Profile 1023: %s: %d postings turned into IIBTrees", name, turned)
