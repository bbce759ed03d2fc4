"""Test facts for the reports, one way for every level: two files worked with
in the first half of 2026 (one obliged by a court, one ended by plan
achieved), an assistant's employment and approved January hours, and the
programme's 2026 edition."""

from datetime import date

from plone import api

from mgops.caseflow.testing.builders import create_family_file
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.builders import record_decision


def employ(portal, assistant, start, fte=1.0, form="task_based_contract", id=None):
    """An employment period, recorded by the head."""
    with api.env.adopt_user(username="head"):
        return api.content.create(
            container=portal["kadry"],
            type="Employment",
            id=id or f"{assistant}-{start:%Y-%m-%d}",
            assistant=assistant,
            employment_form=form,
            fte=fte,
            start=start,
        )


def enter_hours(portal, assistant, year, month, hours, sick=0, id=None):
    """A month's hours, entered by the assistant themselves."""
    with api.env.adopt_user(username=assistant):
        return api.content.create(
            container=portal["kadry"],
            type="MonthlyHours",
            id=id or f"{assistant}-{year}-{month:02d}",
            year=year,
            month=month,
            hours=float(hours),
            sick_leave_days=sick,
        )


def approve(entry):
    with api.env.adopt_user(username="head"):
        api.content.transition(obj=entry, transition="approve")


def build_report_facts(portal):
    registry = portal["akta"]
    with api.env.adopt_roles(["Manager"]):
        obliged = create_family_file(
            registry,
            41,
            state="awaiting_decision",
            id="ar-4010-41-2026",
            family_name="Rodzina Sądowa",
            court_obliged=True,
            court_decision_reference="III Nsm 41/26",
            court_decision_date=date(2026, 1, 20),
        )
        ended = create_family_file(
            registry,
            42,
            state="awaiting_decision",
            id="ar-4010-42-2026",
            family_name="Rodzina Zakończona",
        )
    record_decision(obliged, "assign_assistant", date(2026, 2, 2), assistant="fa1")
    record_decision(ended, "assign_assistant", date(2026, 1, 12), assistant="fa1")
    record_decision(
        ended,
        "end_work",
        date(2026, 4, 15),
        end_reason="plan_achieved",
        end_request=end_request(ended),
    )
    api.portal.set_registry_record(
        "mgops.caseflow.programme_editions",
        ["2026; 1000; 160; 0.8"],
    )
    employ(portal, "fa1", date(2025, 1, 1))
    approve(enter_hours(portal, "fa1", 2026, 1, 165))
    return obliged, ended
