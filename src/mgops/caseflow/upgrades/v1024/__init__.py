"""1023 → 1024: a user's own obligations counted from an index.

An assistant's @deadlines, Terminy and the count in the navigation read every
file the assistant works on to count the obligations the assistant answers
for: 181 ms at 20,000 family files (10,000 of them one assistant's) against
26 ms at 2,000 (issue 19). ``obligations_by_responsible`` holds, per file,
each responsible user's count. Its step also indexes ``obligation_count``
again: until now a document's transition changed a file's obligations
without reindexing their count, so the head's total could be stale.
"""

from mgops.caseflow.upgrades.family_files import index_family_files


def index_own_obligations(setup_tool):
    """Add the new index and fill both for the family files."""
    index_family_files(setup_tool, ["obligation_count", "obligations_by_responsible"])
