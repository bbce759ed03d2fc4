"""Issue 7, crash safety: SIGKILL a real instance in the middle of a write load.

The instance is made as ``make start`` makes it (FileStorage under var/, the demo
site); six clients write visit notes over REST into one family file; once enough
writes are acknowledged the server's process group gets SIGKILL — no shutdown,
requests still in flight. The instance is started again on the same var/, and:
the database opens and serves; every note acknowledged with a 2xx is there with
every field it was sent with; the catalog and the folders agree and every catalog
entry leads to a whole object (no half-written object is visible).
"""

import re
import threading
import time

import pytest
import requests

from mgops.caseflow.demo.data import FA_WOJCIK

from .notes import note_body
from .realinstance import Instance


WRITERS = 6
ACKNOWLEDGED_BEFORE_KILL = 40
LOAD_TIMEOUT = 180


def _json(session, url, **params):
    response = session.get(url, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def instance(tmp_path):
    instance = Instance(tmp_path)
    try:
        yield instance
    finally:
        instance.stop()


def test_sigkill_during_writes_loses_nothing_acknowledged(instance):
    instance.start()
    auth = (FA_WOJCIK.user_id, FA_WOJCIK.password)
    with requests.Session() as session:
        session.auth = auth
        session.headers["Accept"] = "application/json"
        found = _json(
            session,
            f"{instance.api}/@search",
            portal_type="FamilyFile",
            review_state="active",
        )
    assert found["items"], "the demo has an active family file of this assistant"
    # REST answers on the plain URL too, for an Accept: application/json client.
    file_url = found["items"][0]["@id"]

    acknowledged = {}  # UID → the body sent
    lock = threading.Lock()
    stop = threading.Event()
    failures = []
    cut = []  # writers whose request was in flight when the server died

    def write(writer):
        with requests.Session() as client:
            client.auth = auth
            client.headers["Accept"] = "application/json"
            for index in range(1000):
                if stop.is_set():
                    return
                body = note_body(writer, index % 100)
                body["title"] = f"Wizyta {writer}-{index}"
                try:
                    response = client.post(file_url, json=body, timeout=60)
                except requests.RequestException:
                    with lock:
                        cut.append(writer)
                    return  # the server is gone: this write was not acknowledged
                if 200 <= response.status_code < 300:
                    with lock:
                        acknowledged[response.json()["UID"]] = body
                else:
                    failures.append((response.status_code, response.text[:300]))
                    return

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + LOAD_TIMEOUT
    while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
        if failures:
            break
        time.sleep(0.05)
    instance.kill()  # in the middle of the load
    stop.set()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads)
    assert not failures, failures
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL
    print(
        f"\ncrash safety: {len(acknowledged)} notes acknowledged before SIGKILL, "
        f"{len(cut)} requests cut off by it"
    )

    # The database opens on the same var/ and serves every acknowledged note.
    instance.start()
    with requests.Session() as session:
        session.auth = auth
        session.headers["Accept"] = "application/json"
        listing = _json(
            session,
            f"{instance.api}/@search",
            portal_type="Note",
            b_size=1000,
            metadata_fields="UID",
        )
        served = {item["UID"] for item in listing["items"]}
        assert set(acknowledged) <= served
        for uid in list(acknowledged)[:10]:
            item = next(i for i in listing["items"] if i["UID"] == uid)
            note = _json(session, item["@id"])
            assert note["title"] == acknowledged[uid]["title"]
            assert note["content"] == acknowledged[uid]["content"]
    instance.stop()

    # The audit trail holds against its anchors in the database; entries of a
    # commit the kill cut off between the trail's write and the database's
    # commit are named, not hidden.
    audit = instance.verify_audit()
    assert "zgodny z kotwicą" in audit.stdout, audit.stdout
    print(f"crash safety: audit trail: {audit.stdout.strip()}")

    report = instance.inspect()
    assert report["broken"] == []
    assert report["in_folders"].keys() == report["in_catalog"].keys()
    assert report["in_folders"] == report["in_catalog"]
    for uid, body in acknowledged.items():
        stored = report["in_folders"][uid]
        assert stored["title"] == body["title"]
        assert stored["content"] == body["content"]
        assert stored["kind"] == body["kind"]
        assert stored["place"] == body["place"]
        assert stored["visit_start"]
        assert stored["visit_end"]
        assert stored["state"] == "draft"
    # Whatever else got in (a write that committed but whose answer the kill cut
    # off) is whole too.
    for stored in report["in_folders"].values():
        assert all(stored[name] for name in ("title", "kind", "content", "state"))
    load = [
        uid
        for uid, stored in report["in_folders"].items()
        if re.fullmatch(r"Wizyta \d+-\d+", stored["title"])
    ]
    extra = len(set(load) - set(acknowledged))
    assert extra <= WRITERS  # at most the writes in flight when the kill came
    print(f"crash safety: {extra} notes stored without an acknowledgement")
