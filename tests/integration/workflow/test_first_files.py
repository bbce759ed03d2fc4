"""Moje sprawy's order read from the indexes as far as the page goes
(``first_files``) equals reading every file and sorting them."""

from datetime import date

import pytest
from plone import api
from Products.CMFCore.indexing import processQueue

from mgops.caseflow.workflow import due_order
from mgops.caseflow.workflow.due_order import first_files


LEARNED = [date(2026, 3, 2), date(2026, 1, 12), date(2026, 3, 2), date(2025, 11, 3)]


@pytest.fixture
def files(make_family_file, set_state):
    made = []
    # numbered backwards: tied files are walked in the order they were made,
    # the page must order them by case reference
    for number, learned_on in zip(range(8, 4, -1), LEARNED, strict=True):
        made.append(make_family_file(number, learned_on=learned_on))
    made.append(make_family_file(3, social_worker="sw2", assistant="fa2"))
    for number in (2, 1):  # closed: they owe nothing
        closed = make_family_file(number, state="active")
        set_state(closed, "closed")
        closed.obligations = ()
        closed.reindexObject()
        made.append(closed)
    processQueue()
    return made


def references(brains):
    return [brain.case_reference for brain in brains]


def read_everything(user_id, query, enough, person=None):
    with api.env.adopt_user(username=user_id):
        return due_order._first_files_sorted(query, enough, person)


def read_first(user_id, query, enough, person=None):
    with api.env.adopt_user(username=user_id):
        return first_files(query, enough, person)


@pytest.mark.parametrize("enough", [1, 2, 3, 5, 7, 50])
@pytest.mark.parametrize(
    ("user_id", "person"),
    [("head", None), ("head", "sw2"), ("head", "fa1"), ("sw1", None)],
)
def test_the_first_files_are_those_of_the_whole_sort(files, enough, user_id, person):
    total, brains = read_first(user_id, {}, enough, person)
    whole_total, whole = read_everything(user_id, {}, 1000, person)
    assert total == whole_total
    assert references(brains)[:enough] == references(whole)[:enough]
    assert len(brains) >= min(enough, whole_total)


def test_the_order_is_due_then_reference_then_owing_nothing(files):
    total, brains = read_first("head", {}, 50)
    assert total == 7
    dues = [brain.next_due for brain in brains]
    dated = [due for due in dues if due is not None]
    assert dated == sorted(dated)
    assert dues[-2:] == [None, None]
    assert references(brains)[-2:] == ["AR.4010.1.2026", "AR.4010.2.2026"]
    ties = [b.case_reference for b in brains if b.next_due == brains[0].next_due]
    assert ties == sorted(ties)


def test_a_state_and_a_person_narrow_the_count(files):
    assert read_first("head", {"review_state": "closed"}, 50)[0] == 2
    assert read_first("head", {}, 50, person="sw2")[0] == 1
    assert read_first("sw2", {}, 50)[0] == 1
    assert read_first("member", {}, 50) == (0, [])
