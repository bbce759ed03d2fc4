"""Full-text postings the database can merge when two notes are written at once.

Products.ZCTextIndex keeps the postings of a word found in up to
``DICT_CUTOFF`` (10) documents as a plain dict inside a bucket of the index's
``_wordinfo``, an IIBTree of its own beyond. BTrees cannot merge two
transactions' changes to a bucket that holds a dict among its values, even
when they change different words (``tests/integration/test_textindex.py``), and most
buckets hold some: two notes indexed at once conflicted on the full-text
index whenever their words fell into one bucket. Under the office load of
``bench/`` this was 53 of 97 conflicts in a minute, and a note retried up to
five times in a row (issue 19).

Here every word's postings are an IIBTree from its first document, stored into
the bucket only when new (ZCTextIndex stored them back after every change:
needed for a dict, a change of the bucket for nothing otherwise); a dict left
from before is turned into an IIBTree at its next change, and upgrade 1023
turns the rest. A query reads dicts and IIBTrees alike. ZCTextIndex has no
hook for this, so its three methods are replaced when this module is
imported: ``configure.zcml`` imports it in every process that loads the
add-on, which changes every ZCTextIndex of the process (a plain Plone site's
beside ours too).
"""

from BTrees.IIBTree import IIBTree
from Products.ZCTextIndex.BaseIndex import BaseIndex

from mgops.caseflow import logger


def _postings(found):
    """The IIBTree a document is added to, and whether the bucket must get it
    (a new word, or a dict from before turned into an IIBTree)."""
    if found is None:
        return IIBTree(), True
    if isinstance(found, dict):
        return IIBTree(found), True
    return found, False


def _add_wordinfo(self, wid, f, docid):
    found = self._wordinfo.get(wid)
    postings, store = _postings(found)
    if found is None:
        self.length.change(1)
    postings[docid] = f
    if store:
        self._wordinfo[wid] = postings


def _mass_add_wordinfo(self, wid2weight, docid):
    new_words = 0
    for wid, weight in wid2weight.items():
        found = self._wordinfo.get(wid)
        postings, store = _postings(found)
        new_words += found is None
        postings[docid] = weight
        if store:
            self._wordinfo[wid] = postings
    self.length.change(new_words)


def _del_wordinfo(self, wid, docid):
    postings, store = _postings(self._wordinfo[wid])
    del postings[docid]
    if not postings:
        del self._wordinfo[wid]
        self.length.change(-1)
    elif store:
        self._wordinfo[wid] = postings


BaseIndex._add_wordinfo = _add_wordinfo
BaseIndex._mass_add_wordinfo = _mass_add_wordinfo
BaseIndex._del_wordinfo = _del_wordinfo


def merge_friendly(index) -> int:
    """Turn the dict postings of a ZCTextIndex's Okapi or Cosine index into
    IIBTrees (upgrade 1023); how many were turned."""
    wordinfo = index._wordinfo
    small = [wid for wid, postings in wordinfo.items() if isinstance(postings, dict)]
    for wid in small:
        wordinfo[wid] = IIBTree(wordinfo[wid])
    return len(small)


def announce(event):
    """At Zope's start: say that the full-text postings are ours (the import
    replaced ZCTextIndex's methods)."""
    logger.info("ZCTextIndex: every word's postings are an IIBTree (textindex.py)")
