"""1012 → 1017: the catalog's full text of files and documents, for the GDPR report."""

from plone import api

from mgops.caseflow.upgrades.v1017 import index_full_text


PROFILE = "mgops.caseflow:default"


def test_a_site_at_1012_goes_on_through_1017(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1012")
    assert "1017" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def _found(word):
    catalog = api.portal.get_tool("portal_catalog")
    return {
        brain.Title for brain in catalog.unrestrictedSearchResults(SearchableText=word)
    }


def test_what_a_note_says_is_found_after_the_upgrade(make_family_file, make_document):
    family_file = make_family_file(state="active")
    make_document(
        family_file, "Note", owner="fa1", title="Wizyta", content="Babcia Bronisława."
    )
    assert "Wizyta" in _found("Bronisława")
    # as profile 1012 indexed it: id, title and description only
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("SearchableText")
    for brain in catalog.unrestrictedSearchResults(portal_type="Note"):
        index.unindex_object(brain.getRID())
        index.index_object(brain.getRID(), _Plain(brain.Title))
    assert "Wizyta" not in _found("Bronisława")
    index_full_text(None)
    assert "Wizyta" in _found("Bronisława")


class _Plain:
    """What Plone's own indexer gave: the title alone."""

    def __init__(self, title):
        self.title = title

    def SearchableText(self):
        return self.title
