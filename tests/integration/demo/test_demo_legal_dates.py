"""On a fresh demo, every file's open obligations agree with its documents' dates.

DESIGN, "Process": deadlines read legal dates only — the decisions' dates and the
dates written in the final documents — never workflow-history timestamps or
``modified``. The demo is loaded today, so a rule reading when a file *entered*
a state would date every obligation from today (issue 13: the Kowalscy file
showed its next assessment due 6 months after loading, not after its last
assessment of 09.10.2026).
"""

from datetime import date

import pytest
from DateTime import DateTime
from plone import api

from mgops.caseflow.core.rules.calendar import add_months
from mgops.caseflow.core.rules.closing import monitoring_months
from mgops.caseflow.core.rules.closing import social_work_close_allowed_from
from mgops.caseflow.demo.loader import load_demo
from mgops.caseflow.workflow.obligations import update_obligations


@pytest.fixture
def demo_files(portal):
    load_demo(portal)
    catalog = api.portal.get_tool("portal_catalog")
    return [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(portal_type="FamilyFile")
    ]


def _final(family_file, portal_type, kind=None):
    return [
        document
        for document in family_file.objectValues()
        if document.portal_type == portal_type
        and api.content.get_state(document) in ("final", "signed")
        and (kind is None or getattr(document, "kind", None) == kind)
    ]


def _decision_day(family_file, kind):
    days = [d.register_date for d in _final(family_file, "Decision", kind)]
    return max(days) if days else None


def _due(family_file, kind):
    return [o["due"] for o in family_file.obligations if o["kind"] == kind]


def test_an_active_files_next_assessment_is_6_months_after_its_last(demo_files):
    """Act of 9 June 2011, art. 15 ust. 1 pkt 16: at least every 6 months."""
    active = [f for f in demo_files if api.content.get_state(f) == "active"]
    assert active
    for family_file in active:
        since = max(
            [_decision_day(family_file, "assign_assistant")]
            + [a.period_to for a in _final(family_file, "Assessment")]
        )
        assert _due(family_file, "assessment") == [add_months(since, 6)], (
            family_file.family_name
        )


def test_the_kowalscy_assessment_counts_from_their_last_assessment(demo_files):
    (kowalscy,) = [f for f in demo_files if f.family_name == "Kowalscy"]
    last = max(a.period_to for a in _final(kowalscy, "Assessment"))
    assert _due(kowalscy, "assessment") == [add_months(last, 6)]
    assert _due(kowalscy, "assessment")[0] < add_months(date.today(), 6)


def test_monitoring_months_follow_the_end_of_work_decision(demo_files):
    monitored = [f for f in demo_files if api.content.get_state(f) == "monitoring"]
    assert monitored
    for family_file in monitored:
        ended = _decision_day(family_file, "end_work")
        months = {m.last_day for m in monitoring_months(ended)}
        assert set(_due(family_file, "monitoring_visit")) <= months
        assert family_file.ended == ended


def test_social_work_control_visits_lie_in_the_three_months_after_the_decision(
    demo_files,
):
    in_social_work = [
        f for f in demo_files if api.content.get_state(f) == "social_work"
    ]
    assert in_social_work
    for family_file in in_social_work:
        started = _decision_day(family_file, "end_work")
        for due in _due(family_file, "control_visit"):
            assert started <= due < social_work_close_allowed_from(started)


def test_no_obligation_moves_when_the_technical_timestamps_do(demo_files):
    """Rewrite every workflow-history time and ``modified`` to 2001: the
    recomputed obligations stay exactly the same."""
    long_ago = DateTime("2001/01/02 12:00:00 GMT+1")
    for family_file in demo_files:
        before = family_file.obligations
        for obj in [family_file, *family_file.objectValues()]:
            for entries in (obj.workflow_history or {}).values():
                for entry in entries:
                    entry["time"] = long_ago
            obj.setModificationDate(long_ago)
        family_file.obligations = ()
        update_obligations(family_file)
        assert family_file.obligations == before, family_file.family_name
