"""An export lets go of what it has read: memory that does not grow with the caseload.

Functional (committed content): only objects a transaction has not changed can
be turned back into ghosts and dropped from the connection's cache.
"""

import transaction
from plone import api
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest

from mgops.caseflow.archive import exports
from mgops.caseflow.archive import records
from mgops.caseflow.archive.exports import select


def test_documents_read_by_an_export_do_not_stay_in_memory(
    functional_portal, closed_file, monkeypatch
):
    for number in (701, 702, 703):
        closed_file(number)
    # an export runs in a request, where plone.dexterity caches per object
    setRequest(functional_portal.REQUEST)
    monkeypatch.setattr(records, "MINIMIZE_EVERY", 1)
    jar = functional_portal._p_jar
    transaction.begin()
    jar.cacheMinimize()
    selection = select(functional_portal["akta"])
    assert len(selection.exported) == 3

    document_oids = []
    for family_file in selection.exported:
        document_oids += [document._p_oid for document in family_file.objectValues()]
    assert len(document_oids) >= 3  # the final note of each, at least
    written = list(records.family_file_records(selection.exported))

    assert [record.case_reference for record in written] == [
        f.case_reference for f in selection.exported
    ]
    assert getRequest() is functional_portal.REQUEST
    still_held = [oid for oid in document_oids if jar._cache.get(oid) is not None]
    assert still_held == []


def test_a_registry_is_selected_in_batches_sorted_by_case_reference(
    functional_portal, closed_file, monkeypatch
):
    # made out of order: the catalog answers in the order files were made
    for number in (713, 711, 712):
        closed_file(number)
    monkeypatch.setattr(exports, "BRAINS_AT_A_TIME", 2)
    jar = functional_portal._p_jar
    transaction.begin()
    jar.cacheMinimize()
    sort_index = api.portal.get_tool("portal_catalog")._catalog.getIndex(
        "case_reference"
    )

    selection = select(functional_portal["akta"])

    references = [f.case_reference for f in selection.exported]
    assert references == sorted(references)
    assert [r.split(".")[2] for r in references] == ["711", "712", "713"]
    # not sorted by the catalog: its case_reference index holds every
    # document too, and sorting read it into memory (issue 19)
    assert sort_index._unindex._p_changed is None
