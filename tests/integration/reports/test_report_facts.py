"""The facts reports need, read from the catalog: court obligation and
opinions, children, end reasons, handover days, staff records; the reports
over them equal what the files say."""

from datetime import date
from datetime import datetime

import pytest
from plone import api
from zope.interface import Invalid

from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.reports.records import read_records
from mgops.caseflow.reports.reports import report_data
from mgops.caseflow.testing.builders import create_document
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.builders import record_decision
from mgops.caseflow.testing.reports import approve
from mgops.caseflow.testing.reports import employ
from mgops.caseflow.testing.reports import enter_hours


H1 = ("2026-01-01", "2026-06-30")


def child(first, born):
    return {
        "first_name": first,
        "last_name": "Nowak",
        "role": "child",
        "birth_date": born,
    }


@pytest.fixture
def files(make_family_file):
    """Three files: one obliged by a court, with two children, worked with
    from March; one ended in May for no cooperation; one never assigned."""
    obliged = make_family_file(
        1,
        state="awaiting_decision",
        court_obliged=True,
        court_decision_reference="III Nsm 12/26",
        court_decision_date=date(2026, 2, 10),
        court_opinions=[
            {
                "requested_on": date(2026, 3, 2),
                "court_reference": "III Nsm 12/26",
                "sent_on": date(2026, 3, 20),
            },
            {"requested_on": date(2026, 6, 29), "court_reference": "III Nsm 12/26"},
        ],
        members=[
            child("Ala", date(2015, 5, 1)),
            child("Ola", date(2018, 5, 1)),
            {
                "first_name": "Jan",
                "last_name": "Nowak",
                "role": "parent",
                "birth_date": date(1985, 1, 1),
            },
        ],
    )
    with api.env.adopt_roles(["Manager"]):
        record_decision(
            obliged,
            "assign_assistant",
            date(2026, 3, 1),
            assistant="fa1",
            handover_date=date(2026, 3, 3),
        )
    ended = make_family_file(2, state="awaiting_decision")
    record_decision(ended, "assign_assistant", date(2025, 11, 4), assistant="fa2")
    request = end_request(ended, reason="no_cooperation")
    record_decision(
        ended,
        "end_work",
        date(2026, 5, 8),
        end_reason="no_cooperation",
        end_request=request,
    )
    never = make_family_file(3, state="intake")
    return obliged, ended, never


def test_the_catalog_holds_the_facts_and_the_records_read_them(portal, files):
    obliged, ended, never = files
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(UID=obliged.UID())
    assert brain.children_count == 2
    assert brain.court_obliged_on == date(2026, 2, 10)
    ends = catalog.unrestrictedSearchResults(
        portal_type="Decision", end_reason="no_cooperation"
    )
    assert len(ends) == 1
    with api.env.adopt_user(username="head"):
        records = {record.key: record for record in read_records().files}
    first = records[obliged.UID()]
    assert first.assignments[0].start == date(2026, 3, 3)  # the handover day
    assert first.court_requests == (date(2026, 3, 2), date(2026, 6, 29))
    assert first.opinions_sent == (date(2026, 3, 20),)
    second = records[ended.UID()]
    assert (second.work_ended, second.end_reason) == (
        date(2026, 5, 8),
        "no_cooperation",
    )
    assert records[never.UID()].assignments == ()


def test_the_voivodes_report_over_the_files(portal, files):
    with api.env.adopt_user(username="head"):
        data = report_data("sprawozdanie-wspieranie-rodziny", *H1)
    figures = {row["code"]: row["values"][0]["value"] for row in data["rows"]}
    assert figures["1"] == 2
    assert (figures["1.1"], figures["1.2"]) == (1, 1)
    assert figures["3"] == 2
    assert (figures["4"], figures["4.2"]) == (1, 1)
    assert (figures["6"], figures["6.1"]) == (1, 1)
    assert figures["9.1"] == 1


def test_a_court_obligation_needs_the_decision(portal, files):
    obliged = files[0]
    obliged.court_decision_reference = ""
    with pytest.raises(Invalid):
        IFamilyFile.validateInvariants(obliged)


def hours(assistant, year, month, value, id=None):
    return enter_hours(api.portal.get(), assistant, year, month, value, id=id)


def test_the_assistant_enters_their_hours_and_only_the_head_approves(portal):
    entry = hours("fa1", 2026, 1, 160)
    assert api.content.get_state(entry) == "submitted"
    assert entry.assistant == "fa1"
    with api.env.adopt_user(username="fa1"):
        assert api.user.has_permission("Modify portal content", obj=entry)
        with pytest.raises(api.exc.InvalidParameterError):
            api.content.transition(obj=entry, transition="approve")
    with api.env.adopt_user(username="fa2"):
        assert not api.user.has_permission("View", obj=entry)
    with api.env.adopt_user(username="head"):
        assert not api.user.has_permission("Modify portal content", obj=entry)
        api.content.transition(obj=entry, transition="approve")
    assert api.content.get_state(entry) == "approved"
    for user in ("fa1", "head"):
        with api.env.adopt_user(username=user):
            assert not api.user.has_permission("Modify portal content", obj=entry)


def test_a_second_entry_for_the_same_month_is_refused(portal):
    hours("fa1", 2026, 2, 160)
    # plone.api says the refusal as its own error, with the refusal's text
    with pytest.raises(api.exc.InvalidParameterError, match="already entered"):
        hours("fa1", 2026, 2, 150, id="again")


def test_only_the_head_records_employment(portal):
    staff = portal["kadry"]
    with api.env.adopt_user(username="fa1"):
        assert not api.user.has_permission("mgops.caseflow: Add Employment", obj=staff)
        assert api.user.has_permission("mgops.caseflow: Add MonthlyHours", obj=staff)
    with api.env.adopt_user(username="head"):
        assert not api.user.has_permission(
            "mgops.caseflow: Add MonthlyHours", obj=staff
        )
    employment = employ(portal, "fa1", date(2025, 1, 1))
    with api.env.adopt_user(username="fa1"):
        assert not api.user.has_permission("View", obj=employment)


def test_the_settlement_reads_approved_hours_and_the_visit_notes_times(
    portal, make_family_file
):
    api.portal.set_registry_record(
        "mgops.caseflow.programme_editions",
        ["2026; 1000; 160; 0.8"],
    )
    employ(portal, "fa1", date(2025, 1, 1))
    family_file = make_family_file(5, state="active")
    create_document(
        family_file,
        "Note",
        owner="fa1",
        state="final",
        kind="visit",
        content="Wizyta.",
        visit_start=datetime(2026, 1, 12, 10, 0),
        visit_end=datetime(2026, 1, 12, 11, 30),
    )
    approve(hours("fa1", 2026, 1, 168))
    hours("fa1", 2026, 2, 170)
    with api.env.adopt_user(username="head"):
        data = report_data("rozliczenie-asystent-rodziny", "2026-01-01", "2026-02-28")
    january, february = data["lines"]
    assert (january["status"], january["qualifies"], january["grant"]) == (
        "approved",
        True,
        1000.0,
    )
    assert january["visit_hours"] == 1.5
    assert (february["status"], february["qualifies"]) == ("pending", False)
    assert data["totals"] == {"grant": 1000.0, "own_share": 250.0, "total_cost": 1250.0}
