"""The demo's facts for the reports: a court's obligation and request for an
opinion, the assistants' employment and monthly hours (entered by each
assistant, approved by the head but for the last month), and the programme's
parameters for this year and the last, so the head sees reports that are not
empty on ``make start``."""

from datetime import date
from datetime import timedelta

from plone import api

from mgops.caseflow.core.reports.records import add_months
from mgops.caseflow.demo.data import FA_KAMINSKI
from mgops.caseflow.demo.data import FA_WOJCIK
from mgops.caseflow.demo.data import HEAD
from mgops.caseflow.setuphandlers import STAFF_ID
from mgops.caseflow.setuphandlers import ensure_staff_registry


#: made-up parameters of the programme's editions (amount per full-time month,
#: hours threshold of a full-time month, the programme's share of the cost)
DEMO_EDITION = "1200; 120; 0.8"

#: (assistant, form, FTE, months before the demo's day it began)
EMPLOYMENTS = (
    (FA_WOJCIK, "task_based_contract", 1.0, 30),
    (FA_KAMINSKI, "employment_contract", 0.75, 14),
)
#: hours a month the demo's assistants enter (per full-time post), by month
HOURS = (150, 132, 160, 96, 148, 141)


def court_fields(plan) -> dict:
    """The court's obligation two weeks before the centre learned of the family,
    and one request for an opinion, answered two weeks later."""
    if not plan.family.court:
        return {}
    decided = plan.learned_on - timedelta(days=14)
    requested = plan.learned_on + timedelta(days=60)
    return {
        "court_obliged": True,
        "court_decision_reference": f"III Nsm {plan.learned_on.month}/{decided:%y}",
        "court_decision_date": decided,
        "court_opinions": [
            {
                "requested_on": requested,
                "court_reference": f"III Nsm {plan.learned_on.month}/{decided:%y}",
                "sent_on": requested + timedelta(days=14),
            }
        ],
    }


def load_staff(portal, today: date) -> None:
    ensure_staff_registry(portal)
    staff = portal[STAFF_ID]
    api.portal.set_registry_record(
        "mgops.caseflow.programme_editions",
        [f"{year}; {DEMO_EDITION}" for year in (today.year - 1, today.year)],
    )
    with api.env.adopt_user(username=HEAD.user_id):
        for assistant, form, fte, months in EMPLOYMENTS:
            api.content.create(
                container=staff,
                type="Employment",
                id=f"zatrudnienie-{assistant.user_id}",
                assistant=assistant.user_id,
                employment_form=form,
                fte=fte,
                start=add_months(today.replace(day=1), -months),
            )
    this_month = today.replace(day=1)
    for assistant, _form, fte, _months in EMPLOYMENTS:
        for back, hours in enumerate(HOURS, start=1):
            month = add_months(this_month, -back)
            with api.env.adopt_user(username=assistant.user_id):
                entry = api.content.create(
                    container=staff,
                    type="MonthlyHours",
                    id=f"godziny-{assistant.user_id}-{month:%Y-%m}",
                    year=month.year,
                    month=month.month,
                    hours=round(hours * fte, 1),
                    sick_leave_days=10 if back == 4 else 0,
                )
            if back > 1:  # the last month waits for the head's approval
                with api.env.adopt_user(username=HEAD.user_id):
                    api.content.transition(obj=entry, transition="approve")
