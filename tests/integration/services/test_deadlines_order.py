"""@deadlines reads the files in due order and stops after the page; its pages,
counts and filters must equal the plain "read everything, sort, cut" answer."""

from datetime import date
from datetime import timedelta

import pytest
from plone import api
from Products.CMFCore.indexing import processQueue

from mgops.caseflow.services.deadlines.get import DeadlinesGet
from mgops.caseflow.upgrades.v1001 import index_obligation_counts
from mgops.caseflow.workflow import due_order
from mgops.caseflow.workflow.due_order import files_by_next_due


#: learned_on of each file: equal dates make equal due dates (ties)
LEARNED = [
    date(2026, 3, 2),
    date(2026, 1, 12),
    date(2026, 3, 2),
    date(2025, 11, 3),
    date(2026, 2, 9),
    date(2026, 1, 12),
    date(2026, 3, 2),
]


@pytest.fixture
def files(make_family_file, make_document):
    made = []
    # numbered backwards: the index walks tied files in the order they were
    # made, the answer must order them by case reference
    for number, learned_on in zip(range(len(LEARNED), 0, -1), LEARNED, strict=True):
        family_file = make_family_file(number, learned_on=learned_on)
        made.append(family_file)
    # two active files: introduction and assessment obligations, two each
    for family_file in made[4:6]:
        family_file.obligations = family_file.obligations + (
            {
                "kind": "assessment",
                "due": family_file.learned_on + timedelta(days=180),
                "rule": "rule_assessment_every_six_months",
                "responsible": "fa1",
                "responsible_role": "assistant",
            },
        )
        family_file.reindexObject()
    processQueue()  # the index is read directly below, not through a query
    return made


def deadlines(request, **form):
    """The head's answer (all families) to ``@deadlines?form``."""
    request.form.clear()
    request.form.update({key: str(value) for key, value in form.items()})
    service = DeadlinesGet()
    service.context = api.portal.get()
    service.request = request
    with api.env.adopt_user(username="head"):
        return service.reply()


def every_item(request, **form):
    return deadlines(request, b_size=10000, **form)["items"]


def key(item):
    return (item["due"], item["case_reference"], item["kind"])


def test_items_come_in_due_order_with_ties_by_case_reference(files, http_request):
    items = every_item(http_request)
    assert len(items) == 9
    assert [key(item) for item in items] == sorted(key(item) for item in items)


@pytest.mark.parametrize("size", [1, 2, 3, 4, 50])
def test_pages_put_together_are_the_whole_list(files, http_request, size):
    whole = every_item(http_request)
    pages, start = [], 0
    while start < len(whole) + size:
        answer = deadlines(http_request, b_start=start, b_size=size)
        assert answer["items_total"] == len(whole)
        pages.extend(answer["items"])
        start += size
    assert pages == whole


@pytest.mark.parametrize(
    "form",
    [
        {"kind": "assessment"},
        {"overdue": "1", "today": "2026-02-01"},
        {"due_before": "2026-03-01"},
        {"due_before": "2026-03-20", "kind": "interview"},
    ],
)
def test_filtered_counts_are_the_filtered_items(files, http_request, form):
    whole = every_item(http_request)
    answer = deadlines(http_request, b_size=2, **form)
    filtered = every_item(http_request, **form)
    assert answer["items_total"] == len(filtered)
    assert answer["items"] == filtered[:2]
    assert set(map(key, filtered)) <= set(map(key, whole))


def test_due_order_walk_equals_the_catalogs_sort(files):
    query = {
        "portal_type": "FamilyFile",
        "next_due": {"query": date.max, "range": "max"},
    }
    walked = [brain.getPath() for brain in files_by_next_due(query)]
    sorted_by_catalog = api.content.find(sort_on="next_due", **query)
    assert sorted(walked) == sorted(brain.getPath() for brain in sorted_by_catalog)
    dues = [brain.next_due for brain in files_by_next_due(query)]
    assert dues == sorted(dues)


def test_due_order_walk_keeps_the_users_permissions(files, make_family_file):
    """sw2 sees only its own file, even though the index holds all of them."""
    mine = make_family_file(99, social_worker="sw2", learned_on=date(2024, 1, 1))
    query = {
        "portal_type": "FamilyFile",
        "next_due": {"query": date.max, "range": "max"},
    }
    with api.env.adopt_user(username="sw2"):
        paths = [brain.getPath() for brain in files_by_next_due(query)]
    assert paths == ["/".join(mine.getPhysicalPath())]


def test_count_comes_from_the_obligation_count_index(files, http_request):
    catalog = api.portal.get_tool("portal_catalog")
    assert sorted(catalog.Indexes["obligation_count"].uniqueValues()) == [1, 2]
    assert deadlines(http_request, b_size=1)["items_total"] == 9


def test_upgrade_step_indexes_existing_files(files, http_request, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("obligation_count")
    index_obligation_counts(setup_tool)
    assert sorted(catalog.Indexes["obligation_count"].uniqueValues()) == [1, 2]
    counts = {
        brain.case_reference: len(brain.obligations)
        for brain in catalog.unrestrictedSearchResults(
            portal_type="FamilyFile", obligation_count=2
        )
    }
    assert counts == {"AR.4010.3.2026": 2, "AR.4010.2.2026": 2}
    assert deadlines(http_request, b_size=1)["items_total"] == 9


def test_the_catalogs_own_sort_and_count_give_the_same_answer(
    files, http_request, monkeypatch
):
    """Should the catalog's internals change, the fallback answers the same."""
    walked = deadlines(http_request, b_size=4)
    monkeypatch.setattr(due_order, "_entries", lambda catalog, name: None)
    assert deadlines(http_request, b_size=4) == walked
    assert walked["items_total"] == 9


def test_a_publication_window_hides_no_file_from_the_list(files, http_request):
    """Family files have no publication window: an effective date ahead (one a
    property sheet or WebDAV could set) must not drop a file's obligations
    from the head's list, which runs with Plone's inactive-content filter off."""
    from DateTime import DateTime

    hidden = files[3]
    hidden.setEffectiveDate(DateTime() + 30)
    hidden.reindexObject()
    processQueue()
    references = {item["case_reference"] for item in every_item(http_request)}
    assert hidden.case_reference in references
    assert deadlines(http_request, b_size=0)["items_total"] == 9


def own_deadlines(request, user_id, **form):
    """``@deadlines?form`` as ``user_id``, who sees only what it answers for."""
    request.form.clear()
    request.form.update({key: str(value) for key, value in form.items()})
    service = DeadlinesGet()
    service.context = api.portal.get()
    service.request = request
    with api.env.adopt_user(username=user_id):
        return service.reply()


def own_walked(request, user_id):
    """What the user's list holds, read from every file's obligations (sw1 is
    the social worker of every file of ``files``, so sees them all)."""
    return [
        (item["due"], item["case_reference"], item["kind"])
        for item in every_item(request)
        if item["responsible"] == user_id
    ]


@pytest.mark.parametrize("size", [1, 3, 50])
def test_a_users_own_pages_and_count_are_its_obligations(files, http_request, size):
    """The count comes from ``obligations_by_responsible``, the walk stops after
    the page: together they are the user's own obligations, in due order."""
    own = own_walked(http_request, "sw1")
    assert len(own) > 3  # more than a page of the smaller sizes
    pages, start = [], 0
    while start < len(own) + size:
        answer = own_deadlines(http_request, "sw1", b_start=start, b_size=size)
        assert answer["items_total"] == len(own)
        pages.extend(key(item) for item in answer["items"])
        start += size
    assert pages == own


@pytest.mark.parametrize("user_id", ["sw1", "fa1"])
def test_a_users_count_needs_no_walk_and_equals_the_walk_without_the_index(
    files, http_request, monkeypatch, user_id
):
    """fa1 sees none of the files (none is active): its obligations in them
    are not its list's, by the index as by the walk."""

    def walked_instead(*args):
        raise AssertionError("the count walked the files")

    with monkeypatch.context() as patched:
        patched.setattr("mgops.caseflow.workflow.deadlines._matches", walked_instead)
        counted = own_deadlines(http_request, user_id, b_size=0)["items_total"]
    api.portal.get_tool("portal_catalog").delIndex("obligations_by_responsible")
    walked = own_deadlines(http_request, user_id, b_size=0)["items_total"]
    assert counted == walked
    expected = {"sw1": len(own_walked(http_request, "sw1")), "fa1": 0}
    assert counted == expected[user_id]


def test_the_counts_follow_a_change_of_the_obligations(files, http_request):
    """A document's transition recomputes its file's obligations
    (``update_obligations``): both counts follow, not only the list."""
    from mgops.caseflow.workflow.obligations import update_obligations

    # the fixture gave two files an assessment the rules do not ask for yet:
    # recomputing drops it
    for family_file in files[4:6]:
        update_obligations(family_file)
    processQueue()
    assert deadlines(http_request, b_size=1)["items_total"] == len(
        every_item(http_request)
    )
    assert own_deadlines(http_request, "sw1", b_size=1)["items_total"] == len(
        own_walked(http_request, "sw1")
    )


def test_a_users_walk_reads_only_its_own_files_by_its_own_dates(
    files, set_state, http_request
):
    """fa1 answers for the assessments of two files, due after the social
    worker's obligations in them: its walk reads those two files alone, by the
    date of its own obligation, and its pages equal the plain walk's."""
    for family_file in files[4:6]:
        set_state(family_file, "active")  # the assistant sees active files
    processQueue()
    with api.env.adopt_user(username="fa1"):
        walked = list(due_order.FilesByDue({"portal_type": "FamilyFile"}).walk("fa1"))
    own = sorted(
        (
            min(o["due"] for o in f.obligations if o["responsible"] == "fa1"),
            "/".join(f.getPhysicalPath()),
        )
        for f in files[4:6]
    )
    assert [(due, brain.getPath()) for due, brain in walked] == own
    assert all(due > brain.next_due for due, brain in walked)

    indexed = [
        own_deadlines(http_request, "fa1", b_start=start, b_size=1) for start in (0, 1)
    ]
    api.portal.get_tool("portal_catalog").delIndex("next_due_by_responsible")
    plain = [
        own_deadlines(http_request, "fa1", b_start=start, b_size=1) for start in (0, 1)
    ]
    assert indexed == plain
    assert [page["items"][0]["due"] for page in indexed] == [
        due.isoformat() for due, _path in own
    ]
    assert {page["items_total"] for page in indexed} == {2}


def test_the_own_dates_follow_a_change_of_the_obligations(files):
    """``update_obligations`` reindexes the user's dates with the obligations."""
    from mgops.caseflow.workflow.obligations import update_obligations

    catalog = api.portal.get_tool("portal_catalog")
    for family_file in files[4:6]:
        update_obligations(family_file)  # drops the fixture's assessments
    processQueue()
    keys = {
        key
        for brain in catalog.unrestrictedSearchResults(portal_type="FamilyFile")
        for key in catalog.getIndexDataForRID(brain.getRID())["next_due_by_responsible"]
    }
    assert keys
    assert not [key for key in keys if key.startswith("fa1\t")]
