"""Family files in order of their earliest due obligation, read only as far as
the caller goes.

Sorting in the catalog (``sort_on="next_due"``) looks up the key of every
matching file before the first brain is returned, so the head's first page at
20,000 files would cost ten times what it costs at 2,000. Here the ``next_due``
index is walked from its earliest date and each of its files is checked against
the set of files the query (with Plone's permission filter) allows: the work is
one C-level set for the query, then only the files actually read.
"""

from BTrees.IIBTree import IITreeSet
from plone import api


def _unsorted_rids(results):
    """The record ids of an unsorted catalog result, as a set to test against."""
    sequence = getattr(results, "_seq", None)
    if sequence is None:
        return None
    return IITreeSet(sequence)


def _index_entries(index):
    """(key, record ids) of a field or date index, earliest key first."""
    forward = getattr(index, "_index", None)
    if forward is None or not hasattr(forward, "items"):
        return None
    return forward.items()


def files_by_next_due(query):
    """Brains of the files matching ``query``, earliest ``next_due`` first.

    Files without a ``next_due`` are not in the index and never returned; the
    query should ask for ``next_due`` anyway. Falls back to the catalog's own
    sort if the catalog does not look as expected.
    """
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("next_due")
    results = catalog(**query)
    allowed = _unsorted_rids(results)
    entries = _index_entries(index)
    if allowed is None or entries is None:
        yield from catalog(sort_on="next_due", **query)
        return
    if not allowed:
        return
    for _key, rids in entries:
        for rid in (rids,) if isinstance(rids, int) else rids:
            if rid in allowed:
                yield catalog._catalog[rid]
