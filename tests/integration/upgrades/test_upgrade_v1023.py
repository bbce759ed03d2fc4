"""1022 → 1023: the catalog's full-text postings become IIBTrees."""

from BTrees.IIBTree import IIBTree
from plone import api

from mgops.caseflow.upgrades.v1023 import mergeable_postings


PROFILE = "mgops.caseflow:default"


def test_a_site_at_1022_goes_on_through_1023(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1022")
    assert "1023" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def _searchable(catalog):
    return catalog._catalog.getIndex("SearchableText").index


def test_dict_postings_are_turned_and_still_found(
    portal, make_family_file, make_document
):
    family_file = make_family_file(state="active")
    make_document(family_file, "Note", owner="fa1", state="final")
    catalog = api.portal.get_tool("portal_catalog")
    wordinfo = _searchable(catalog)._wordinfo
    assert wordinfo
    assert all(isinstance(postings, IIBTree) for postings in wordinfo.values())
    okapi = _searchable(catalog)
    lexicon = getattr(catalog, catalog._catalog.getIndex("SearchableText").lexicon_id)
    wids = list(wordinfo.keys())[:5]
    found_before = {wid: set(okapi.search(lexicon._words[wid]).keys()) for wid in wids}
    for wid in wids:  # as ZCTextIndex left them before
        wordinfo[wid] = dict(wordinfo[wid])
    mergeable_postings(None)
    assert all(isinstance(postings, IIBTree) for postings in wordinfo.values())
    assert all(found_before.values())
    assert {
        wid: set(okapi.search(lexicon._words[wid]).keys()) for wid in wids
    } == found_before
