"""Test facts for the reports, one way for every level: two files worked with
in the first half of 2026 (one obliged by a court, one ended by plan
achieved), an assistant's employment and approved January hours, and the
programme's 2026 edition."""

from datetime import date

from plone import api

from mgops.caseflow.testing.builders import create_family_file
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.builders import record_decision


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
    staff = portal["kadry"]
    with api.env.adopt_user(username="head"):
        api.content.create(
            container=staff,
            type="Employment",
            id="fa1-umowa",
            assistant="fa1",
            employment_form="task_based_contract",
            fte=1.0,
            start=date(2025, 1, 1),
        )
    with api.env.adopt_user(username="fa1"):
        entry = api.content.create(
            container=staff,
            type="MonthlyHours",
            id="fa1-2026-01",
            year=2026,
            month=1,
            hours=165.0,
        )
    with api.env.adopt_user(username="head"):
        api.content.transition(obj=entry, transition="approve")
    return obliged, ended
