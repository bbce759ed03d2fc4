"""Family files found with Plone's permission filter, at the cost of the files.

Plone's catalog search keeps what the user may see by intersecting the query
with ``allowedRolesAndUsers``, a keyword index over every object of the site.
A role such as the head's reads every document of every file: its set held
441,864 record ids at 20,000 family files, and uniting the user's sets cost
7-10 ms of CPU per search (issue 19, measured), ten times what it costs at
2,000 files. ``file_readers`` holds the same values, for family files only.

It cannot drift from ``allowedRolesAndUsers``: both come from Plone's own
indexer, and every route that reindexes a file's security calls the file's
``reindexObject`` with ``allowedRolesAndUsers`` among the indexes (a workflow
transition, the sharing page, a workflow's role remapping,
``reindexObjectSecurity`` on the file or an ancestor), which adds
``file_readers`` (``FamilyFile.reindexObject``).
"""

from plone import api
from Products.CMFPlone.CatalogTool import allowedRolesAndUsers


FILE_READERS = "file_readers"
SECURITY_INDEX = "allowedRolesAndUsers"


def file_readers(obj):
    """What Plone indexes as ``allowedRolesAndUsers`` for the file."""
    return allowedRolesAndUsers.callable(obj)


def with_file_readers(idxs):
    """``idxs`` with ``file_readers`` wherever they reindex security."""
    if idxs and SECURITY_INDEX in idxs and FILE_READERS not in idxs:
        return [*idxs, FILE_READERS]
    return idxs


def find_family_files(**query):
    """Brains of the family files ``query`` matches that the current user may
    see, as Plone's search finds them (without its publication-date filter:
    a family file has no effective or expiry date)."""
    catalog = api.portal.get_tool("portal_catalog")
    query = {key: value for key, value in query.items() if key != "portal_type"}
    if FILE_READERS not in catalog.indexes():  # before upgrade 1025
        return catalog(show_inactive=True, portal_type="FamilyFile", **query)
    # the index holds family files alone: no portal_type to intersect with
    readers = catalog._listAllowedRolesAndUsers(api.user.get_current())
    return catalog.unrestrictedSearchResults(file_readers=readers, **query)
