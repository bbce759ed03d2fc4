"""Each role's own obligations: @deadlines over HTTP and the Terminy page with its
count in the navigation. The assistant answers for assessments and monitoring
visits, the social worker for interviews, introductions and control visits, the
head sees every obligation of every file."""

import pytest


ASSISTANTS = {"assessment", "monitoring_visit"}
SOCIAL_WORKERS = {"interview", "introduction", "social_work"}


@pytest.fixture
def files(committed_file):
    committed_file(1, social_worker="sw1", assistant="fa1")  # interview due
    committed_file(2, social_worker="sw2", assistant="fa2")  # another worker's
    committed_file(3, social_worker="sw1", assistant="fa1", state="active")
    committed_file(4, social_worker="sw1", assistant="fa1", state="monitoring")


def obligations(session):
    response = session.get("/@deadlines")
    assert response.status_code == 200
    return response.json()["items"]


@pytest.mark.parametrize(
    ("user_id", "kinds"), [("fa1", ASSISTANTS), ("sw1", SOCIAL_WORKERS)]
)
def test_staff_see_the_obligations_they_answer_for(session_for, files, user_id, kinds):
    items = obligations(session_for(user_id))
    assert items
    assert {item["responsible"] for item in items} == {user_id}
    assert {item["kind"] for item in items} <= kinds
    assert "AR.4010.2.2026" not in {item["case_reference"] for item in items}


def test_the_head_sees_every_obligation_of_every_file(session_for, files):
    items = obligations(session_for("head"))
    assert {"fa1", "sw1", "sw2"} <= {item["responsible"] for item in items}
    mine = obligations(session_for("fa1")) + obligations(session_for("sw1"))
    assert {(i["case_reference"], i["kind"]) for i in mine} <= {
        (i["case_reference"], i["kind"]) for i in items
    }


def test_an_assistant_sees_no_obligation_of_the_social_worker(session_for, files):
    kinds = {item["kind"] for item in obligations(session_for("fa1"))}
    assert not kinds & {"interview", "introduction"}


def test_the_archivist_answers_for_none(session_for, files):
    assert obligations(session_for("archivist")) == []


@pytest.mark.parametrize("user_id", ["fa1", "sw1", "head", "archivist"])
def test_terminy_page_lists_them_with_the_count_in_the_navigation(
    session_for, files, user_id
):
    from lxml import html

    session = session_for(user_id)
    expected = obligations(session)
    session.headers["Accept"] = "text/html"
    response = session.get("/@@terminy")
    assert response.status_code == 200
    page = html.fromstring(response.text)
    rows = page.cssselect(".caseflow-deadlines tbody tr")
    assert len(rows) == len(expected)
    (count,) = page.cssselect(".caseflow-nav a[href$='/@@terminy'] .caseflow-nav-count")
    assert int(count.text_content()) == len(expected)
    # overdue first: the overdue section comes before the upcoming one
    headings = [h.text_content() for h in page.cssselect(".caseflow-deadlines h2")]
    assert headings == ["Po terminie", "Nadchodzące"]
