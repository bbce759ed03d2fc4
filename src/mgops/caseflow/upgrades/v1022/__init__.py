"""1021 → 1022: the global navigation reads the site's top level only.

Plone's tabs are built from a catalog query three levels deep by default:
its path query gathers every object down to that depth before the type
filter applies, so on a centre's site each page paid for every family file
and every document in them (the registry's files are level 2, their
documents level 3), though none of them is a tab (our types are not among
the displayed types). At one level the tabs are the same — the registry, the
register, the staff records — and the query no longer grows with the files.
A depth an administrator chose is kept; only Plone's default is changed.
"""

from plone import api

from mgops.caseflow import logger


RECORD = "plone.navigation_depth"
PLONE_DEFAULT = 3
TOP_LEVEL = 1


def top_level_navigation(context):
    if api.portal.get_registry_record(RECORD) == PLONE_DEFAULT:
        api.portal.set_registry_record(RECORD, TOP_LEVEL)
        logger.info("Profile 1022: the global navigation reads the top level only")
