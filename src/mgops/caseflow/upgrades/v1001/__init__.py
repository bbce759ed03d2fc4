"""1000 → 1001: the ``obligation_count`` index that @deadlines counts from."""

from mgops.caseflow.upgrades.family_files import index_family_files


def index_obligation_counts(setup_tool):
    """Add the index and fill it for the family files."""
    index_family_files(setup_tool, ["obligation_count"])
