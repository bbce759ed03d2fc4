"""1025 → 1026: a user's own files in the order of their own obligations.

An assistant's @deadlines walked every file she works on in the order of the
files' nearest obligations, most of them a social worker's, to find the first
50 of her own: 2,446 files read per request at 20,000 family files (10,000 of
them hers), 57 ms (issue 19). ``next_due_by_responsible`` holds each
responsible user's nearest date per file.
"""

from mgops.caseflow.upgrades.family_files import index_family_files


def index_own_due_dates(setup_tool):
    """Add the index and fill it for the family files."""
    index_family_files(setup_tool, ["next_due_by_responsible"])
