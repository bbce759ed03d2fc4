"""A child placed in foster care, since when: over REST and on the file's page.

Seed rule 1 names families whose child is already in foster care (Act of
9 June 2011, art. 15 ust. 1 pkt 2: the plan coordinated with the plan of help
for the child placed in foster care).
"""

from datetime import date
from datetime import datetime
from datetime import timedelta

import lxml.html
import pytest
import transaction

from mgops.caseflow.content.family_file import in_foster_care
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.testing import PASSWORD


FILE = "/akta/ar-4010-1-2026"
MOTHER = {
    "first_name": "Maria",
    "last_name": "Wiśniewska",
    "role": "mother",
    "birth_date": "1990-04-12",
}
CHILD = {
    "first_name": "Jan",
    "last_name": "Wiśniewski",
    "role": "child",
    "birth_date": "2015-09-01",
}


@pytest.fixture
def family_file(committed_file):
    return committed_file(1)


def stored_members(functional_portal):
    transaction.begin()
    return functional_portal["akta"]["ar-4010-1-2026"].members


def test_the_social_worker_records_a_childs_placement(
    session_for, family_file, functional_portal
):
    members = [MOTHER, dict(CHILD, foster_care_since="2024-02-01")]
    response = session_for("sw1").patch(FILE, json={"members": members})
    assert response.status_code == 204, response.text
    transaction.begin()
    stored = functional_portal["akta"]["ar-4010-1-2026"]
    assert stored.members[1]["foster_care_since"] == date(2024, 2, 1)
    assert in_foster_care(stored, date(2024, 2, 1))
    assert not in_foster_care(stored, date(2024, 1, 31))
    body = session_for("sw1").get(FILE).json()
    assert body["members"][1]["foster_care_since"] == "2024-02-01"


@pytest.mark.parametrize(
    ("member", "polish"),
    [
        (
            dict(MOTHER, foster_care_since="2024-02-01"),
            "W pieczy zastępczej umieszcza się tylko dziecko z rodziny",
        ),
        (
            dict(CHILD, foster_care_since="2015-08-31"),
            "jest wcześniejsza niż data urodzenia",
        ),
        (dict(CHILD, foster_care_since="tomorrow"), "jest w przyszłości"),
    ],
)
def test_a_wrong_placement_is_refused_in_polish_and_nothing_changes(
    session_for, family_file, functional_portal, member, polish
):
    if member.get("foster_care_since") == "tomorrow":
        # tomorrow on the office's clock, taken when the test runs (not when it
        # is collected, which may be before midnight)
        tomorrow = datetime.now(OFFICE_ZONE).date() + timedelta(days=1)
        member = dict(member, foster_care_since=tomorrow.isoformat())
    response = session_for("sw1").patch(FILE, json={"members": [member]})
    assert response.status_code == 400, response.text
    assert polish in response.json()["message"]
    assert stored_members(functional_portal) == []


def test_a_new_file_with_a_parent_in_foster_care_is_not_created(
    session_for, functional_portal
):
    body = {
        "@type": "FamilyFile",
        "case_reference": "AR.4010.41.2026",
        "family_name": "Wiśniewscy",
        "address": "ul. Długa 1, Mińsk Mazowiecki",
        "members": [dict(MOTHER, foster_care_since="2024-02-01")],
    }
    response = session_for("sw1").post("/akta", json=body)
    assert response.status_code == 400, response.text
    transaction.begin()
    assert "ar-4010-41-2026" not in functional_portal["akta"]


def test_the_file_page_shows_since_when(
    session_for, family_file, functional_portal, request_factory
):
    members = [MOTHER, dict(CHILD, foster_care_since="2024-02-01")]
    assert session_for("sw1").patch(FILE, json={"members": members}).ok
    session = request_factory(basic_auth=("sw1", PASSWORD), api=False)
    response = session.get(FILE, headers={"Accept": "text/html"})
    assert response.status_code == 200
    html = lxml.html.fromstring(response.text)
    (table,) = html.cssselect("section[aria-labelledby=caseflow-members-heading] table")
    headers = [th.text_content().strip() for th in table.cssselect("th")]
    assert headers[-1] == "W pieczy zastępczej od"
    rows = [
        [td.text_content().strip() for td in tr] for tr in table.cssselect("tbody tr")
    ]
    assert rows[0][-1] == "—"
    assert rows[1][-1] == "01.02.2024"
