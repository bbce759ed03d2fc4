"""1024 → 1025: Plone's permission filter for family files alone.

The head's @deadlines, Terminy, the navigation count and Moje sprawy searched
family files through ``allowedRolesAndUsers``, whose set for the head holds
every document of the site: 7-10 ms per search at 20,000 files, ten times the
cost at 2,000 (issue 19). ``file_readers`` holds the same values for family
files only (``content/file_readers.py``).
"""

from mgops.caseflow.upgrades.family_files import index_family_files


def index_file_readers(setup_tool):
    """Add the index and fill it for the family files."""
    index_family_files(setup_tool, ["file_readers"])
