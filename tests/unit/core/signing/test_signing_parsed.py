"""The parsed certificates and revocation answers a thread keeps
(``revocation.parsed``): reused in that thread only, bounded in number and size."""

import threading

from asn1crypto import core

from mgops.caseflow.core.signing import revocation


def _der(n: int, size: int = 16) -> bytes:
    return core.OctetString(n.to_bytes(4, "big") * (size // 4)).dump()


def test_a_thread_gets_the_object_it_parsed_before():
    der = _der(1)
    first = revocation.parsed(core.OctetString, der)
    assert revocation.parsed(core.OctetString, der) is first
    assert first.native == core.OctetString.load(der).native


def test_another_thread_parses_its_own():
    der = _der(2)
    mine = revocation.parsed(core.OctetString, der)
    theirs = []
    worker = threading.Thread(
        target=lambda: theirs.append(revocation.parsed(core.OctetString, der))
    )
    worker.start()
    worker.join()
    assert theirs[0] is not mine
    assert theirs[0].native == mine.native


def test_a_large_answer_is_not_kept():
    der = _der(3, size=revocation.PARSED_MAX_BYTES + 4)
    assert revocation.parsed(core.OctetString, der) is not revocation.parsed(
        core.OctetString, der
    )


def test_the_least_recently_used_goes_first_past_the_bound():
    oldest, used = _der(10), _der(11)
    kept_oldest = revocation.parsed(core.OctetString, oldest)
    kept_used = revocation.parsed(core.OctetString, used)
    for n in range(revocation.PARSED_KEPT - 2):
        revocation.parsed(core.OctetString, _der(100 + n))
    revocation.parsed(core.OctetString, used)  # used again: now the newest
    revocation.parsed(core.OctetString, _der(98))  # two past the bound
    revocation.parsed(core.OctetString, _der(99))
    assert revocation.parsed(core.OctetString, used) is kept_used
    assert revocation.parsed(core.OctetString, oldest) is not kept_oldest
