"""Two Zope instances on one RelStorage/PostgreSQL database (issue 6, scale-out).

Writes go to both instances; each sees the other's at once, register numbers stay
gap-free when both sign at the same moment, and ``@deadlines`` says the same on
both. HAProxy in front spreads requests round-robin over them.
"""

import datetime
import re
import threading

import pytest

from mgops.caseflow.demo.data import FA_WOJCIK
from mgops.caseflow.demo.data import HEAD
from mgops.caseflow.demo.data import SW_KOWALCZYK
from mgops.caseflow.demo.loader import DEMO_SIGNING_PASSWORD

from .conftest import SITE_ID
from .conftest import Api


ADMIN = ("admin", "admin")
SIGNERS = 6  # decisions signed at once, half on each instance


def _auth(user):
    return (user.user_id, user.password)


def _in_site(url: str) -> str:
    """A path in the site, for any instance: search results name the file by
    the site's URL on the instance that answered (without ``++api++``), and
    that URL would send every later request to that one instance."""
    return re.sub(rf"^.*?/{SITE_ID}/(\+\+api\+\+/)?", "", url)


@pytest.fixture(scope="module")
def head(instance_urls):
    return [Api(url, _auth(HEAD)) for url in instance_urls]


@pytest.fixture(scope="module")
def active_file(head):
    """Path (relative to the site) of the demo's active family file."""
    found = head[0].get(
        "@search", params={"portal_type": "FamilyFile", "review_state": "active"}
    )
    assert found.status_code == 200, found.text
    items = found.json()["items"]
    assert items, "the demo has no active family file"
    return _in_site(items[0]["@id"])


def _note(title):
    return {
        "@type": "Note",
        "title": title,
        "kind": "control_visit",
        "content": f"{title}: rodzina obecna, sytuacja bez zmian.",
    }


def test_each_instance_sees_the_others_writes(instance_urls, active_file):
    a, b = (Api(url, ADMIN) for url in instance_urls)
    for writer, reader, title in ((a, b, "Notatka z A"), (b, a, "Notatka z B")):
        created = writer.post(active_file, json=_note(title))
        assert created.status_code == 201, created.text
        path = _in_site(created.json()["@id"])
        seen = reader.get(path)
        assert seen.status_code == 200, seen.text
        assert seen.json()["title"] == title
        listing = reader.get(active_file)
        assert path.rsplit("/", 1)[-1] in {
            item["@id"].rstrip("/").rsplit("/", 1)[-1]
            for item in listing.json()["items"]
        }
        # the catalog of the other instance has it too
        found = reader.get(
            "@search", params={"portal_type": "Note", "Title": title}
        ).json()
        assert found["items_total"] == 1


def test_each_instance_anchors_its_own_audit_trail(instance_urls, active_file, cluster):
    """Each instance anchors its own file under its own name. Named both after
    the host, they shared one anchor: it held whichever chain head was written
    last, so a line cut from one instance's file went unnoticed."""
    a, b = (Api(url, ADMIN) for url in instance_urls)
    made = []
    for api in (a, b):
        created = api.post(active_file, json=_note("Notatka do dziennika"))
        assert created.status_code == 201, created.text
        made.append(created.json()["UID"])
    for api in (a, b):
        body = api.get(f"{active_file}/@audit").json()
        assert body["chain_intact"] is True, body["chain_breaks"]

    def written_by(api, uid):
        items = api.get(f"{active_file}/@audit", params={"b_size": 1000}).json()
        (name,) = {
            item["instance"]
            for item in items["items"]
            if item.get("uid") == uid and item["action"] == "create"
        }
        return name

    first, second = written_by(a, made[0]), written_by(b, made[1])
    assert first != second
    # the first instance's last line cut, after the second one wrote: the
    # first one's anchor still knows where its file ended
    var = cluster.layout.logs[0].parent.parent
    trail = var / "audit" / f"audit-{first}.jsonl"
    assert b.post(active_file, json=_note("Po A")).status_code == 201
    lines = trail.read_bytes().splitlines(keepends=True)
    trail.write_bytes(b"".join(lines[:-1]))
    body = a.get(f"{active_file}/@audit").json()
    assert body["chain_intact"] is False


def test_the_balancer_spreads_requests_over_both_instances(balancer_url, cluster):
    if balancer_url is None:
        pytest.fail("haproxy is not installed: run make system-deps")
    api = Api(balancer_url, _auth(HEAD))
    logs = [log.parent / "instance-access.log" for log in cluster.layout.logs]
    before = [log.read_text().count("/akta") if log.exists() else 0 for log in logs]
    for _ in range(6):
        assert api.get("akta").status_code == 200
    after = [log.read_text().count("/akta") for log in logs]
    assert all(a > b for a, b in zip(after, before, strict=True)), (before, after)


def _register_numbers(api, year):
    register = api.get("@register", params={"year": year})
    assert register.status_code == 200, register.text
    return sorted(item["n"] for item in register.json()["items"])


def test_register_stays_gap_free_when_both_instances_sign_at_once(head, active_file):
    year = datetime.date.today().year
    issued_before = _register_numbers(head[0], year)
    paths = []
    for index in range(SIGNERS):
        api = head[index % 2]
        created = api.post(
            active_file,
            json={
                "@type": "Decision",
                "title": f"Decyzja równoległa {index}",
                "kind": "other",
                "content": "Decyzja w sprawie bieżącej pracy z rodziną.",
                "justification": "Wniosek pracownika socjalnego.",
            },
        )
        assert created.status_code == 201, created.text
        path = _in_site(created.json()["@id"])
        submitted = api.post(f"{path}/@workflow/submit")
        assert submitted.status_code == 200, submitted.text
        paths.append(path)

    barrier = threading.Barrier(SIGNERS)
    results = [None] * SIGNERS

    def sign(index):
        api = head[index % 2]
        barrier.wait(timeout=60)
        results[index] = api.post(
            f"{paths[index]}/@sign", json={"password": DEMO_SIGNING_PASSWORD}
        )

    threads = [threading.Thread(target=sign, args=(i,)) for i in range(SIGNERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    for result in results:
        assert result is not None, "a signer got no answer"
        assert result.status_code == 200, result.text
    numbers = [result.json()["register_number"] for result in results]
    assert len(set(numbers)) == SIGNERS, numbers

    first = (max(issued_before) if issued_before else 0) + 1
    expected = issued_before + list(range(first, first + SIGNERS))
    for api in head:  # both instances see the same complete register
        assert _register_numbers(api, year) == expected
    assert expected == list(range(1, len(expected) + 1)), "the register has a gap"


def _deadlines(api, **params):
    response = api.get("@deadlines", params={"b_size": 1000, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["items_total"], [
        (item["case_reference"], item["kind"], item["due"], item["overdue"])
        for item in body["items"]
    ]


def test_deadlines_are_the_same_on_both_instances(instance_urls):
    for user in (HEAD, FA_WOJCIK):
        a, b = (Api(url, _auth(user)) for url in instance_urls)
        assert _deadlines(a) == _deadlines(b)

    # a new file opened on A is due for its interview on B at once
    head_a, head_b = (Api(url, _auth(HEAD)) for url in instance_urls)
    before = _deadlines(head_b)
    worker = Api(instance_urls[0], _auth(SW_KOWALCZYK))
    year = datetime.date.today().year
    reference = f"AR.4010.901.{year}"
    created = worker.post(
        "akta",
        json={
            "@type": "FamilyFile",
            "case_reference": reference,
            "family_name": "Testowscy",
            "address": "ul. Próbna 1, 00-001 Miasto",
        },
    )
    assert created.status_code == 201, created.text
    after = _deadlines(head_b)
    assert after[0] > before[0]
    assert reference in {item[0] for item in after[1]}
    assert _deadlines(head_a) == after
