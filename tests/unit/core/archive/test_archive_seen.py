"""The fixed-memory set of folder names never lets a duplicate through."""

from mgops.caseflow.core.archive.seen import SeenNames


class TinySeenNames(SeenNames):
    BITS = 64  # so small that most new names look "maybe seen" and go to disk


def test_new_names_are_accepted_and_repeated_ones_refused():
    seen = SeenNames()
    assert seen.add("AR.4010.1.2026")
    assert seen.add("AR.4010.2.2026")
    assert not seen.add("AR.4010.1.2026")
    seen.close()


def test_false_alarms_of_the_filter_are_settled_on_disk():
    seen = TinySeenNames()
    names = [f"AR.4010.{n}.2026 ż" for n in range(300)]
    assert all(seen.add(name) for name in names)
    assert not any(seen.add(name) for name in names)
    seen.close()
