"""1012 → 1017: the catalog holds what the files and documents say.

``SearchableText`` of family files and documents now holds every text of their
schemata (``content.searchable``), so that the GDPR report (GDPR art. 15(1))
finds every document naming a person. Each object is reindexed for that one
index; no profile file changes.
"""

from plone import api

from mgops.caseflow import logger
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile


def index_full_text(context):
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        object_provides=[IFamilyFile.__identifier__, IFamilyDocument.__identifier__]
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=["SearchableText"])
        count += 1
    logger.info("Profile 1017: the full text of %d objects indexed", count)
