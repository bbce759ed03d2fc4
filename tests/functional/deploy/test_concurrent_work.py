"""Issue 7, concurrent work: 8 clients write notes into one family file while two
heads sign decisions in it — over real HTTP, through Zope's conflict retry.

Nothing may end in a 500 caused by a ZODB conflict, every acknowledged write must
be there afterwards, and the register numbers stay gap-free. The conflicts and
retries are counted (``conflicts`` fixture) and printed: run with ``-s`` to see
them, or read the ``reliability`` property in the JUnit XML.
"""

import threading
import time

import transaction
from plone import api
from ZPublisher.HTTPRequest import HTTPRequest

from mgops.caseflow.deploy.instance import MAX_CONFLICT_RETRIES
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD

from ..conftest import YEAR
from .notes import NOTES_PER_WRITER
from .notes import note_body


WRITERS = 8
SIGNINGS = 8
#: a request that waits longer than this is a failure of its own
REQUEST_TIMEOUT = 120
JOIN_TIMEOUT = 600
FILE_PATH = "akta/ar-4010-1-2026"


def test_eight_writers_and_two_signers_in_one_file_lose_nothing(
    session_for, request_factory, pending, functional_portal, conflicts, record_property
):
    assert HTTPRequest.retry_max_count == MAX_CONFLICT_RETRIES
    decisions = pending(1, kind="other", file_state="active", count=SIGNINGS)
    barrier = threading.Barrier(WRITERS + 2)
    notes = {}  # (writer, index) → response
    signed = {}  # decision path → response
    errors = []

    def write(writer):
        client = session_for("fa1" if writer % 2 else "sw1")
        barrier.wait(timeout=60)
        for index in range(NOTES_PER_WRITER):
            try:
                notes[writer, index] = client.post(
                    f"/{FILE_PATH}",
                    json=note_body(writer, index),
                    timeout=REQUEST_TIMEOUT,
                )
            except Exception as error:  # a timeout or a dropped connection
                errors.append((writer, index, repr(error)))

    def sign(signer, paths):
        client = request_factory(basic_auth=(signer, PASSWORD))
        barrier.wait(timeout=60)
        for path in paths:
            try:
                signed[path] = client.post(
                    f"/{path}/@sign",
                    json={"password": KEYSTORE_PASSWORD},
                    timeout=REQUEST_TIMEOUT,
                )
            except Exception as error:
                errors.append((signer, path, repr(error)))

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    threads += [
        threading.Thread(target=sign, args=("head", decisions[0::2])),
        threading.Thread(target=sign, args=("head2", decisions[1::2])),
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "clients still running"

    responses = list(notes.values()) + list(signed.values())
    figures = {
        "requests": len(responses),
        "seconds": round(elapsed, 1),
        "conflicts_retried": conflicts.retried,
        "conflicts_not_retried": conflicts.not_retried,
        "status_5xx": sum(r.status_code >= 500 for r in responses),
        "client_errors": len(errors),
        "conflicts_on": dict(conflicts.by_class.most_common()),
    }
    record_property("reliability", figures)
    print(f"\nconcurrent work: {figures}")

    assert not errors, errors
    assert conflicts.not_retried == 0, (figures, conflicts.failures)
    failed = {
        key: (r.status_code, r.text[:300])
        for key, r in {**notes, **signed}.items()
        if r.status_code >= 300
    }
    assert not failed, failed
    assert len(notes) == WRITERS * NOTES_PER_WRITER
    assert len(signed) == SIGNINGS

    # Every acknowledged note is in the folder, once, and the catalog agrees.
    transaction.begin()
    family_file = functional_portal.unrestrictedTraverse(FILE_PATH)
    uids = {r.json()["UID"] for r in notes.values()}
    in_folder = {
        obj.UID(): obj.Title()
        for obj in family_file.objectValues()
        if obj.portal_type == "Note"
    }
    assert set(in_folder) == uids
    expected_titles = {note_body(w, i)["title"] for w, i in notes}
    assert sorted(in_folder.values()) == sorted(expected_titles)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Note", path="/".join(family_file.getPhysicalPath())
    )
    assert {brain.UID for brain in brains} == uids
    assert len(family_file.objectIds()) == len(set(family_file.objectIds()))

    # The register is gap-free: number 1 is the file's assignment (recorded
    # when it became active), then 2…SIGNINGS + 1, one per decision signed here.
    numbers = sorted(
        int(r.json()["register_number"].split("/")[0]) for r in signed.values()
    )
    assert numbers == list(range(2, SIGNINGS + 2))
    with api.env.adopt_roles(["Manager"]):
        issued = decision_numbers().issued(YEAR)
    assert sorted(issued) == list(range(1, SIGNINGS + 2))
    assert len(set(issued.values())) == SIGNINGS + 1
