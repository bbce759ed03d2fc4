"""``@@dziennik``: a family file's audit trail on screen, for the head only."""

import pytest

from .conftest import html
from .conftest import text_of


def test_the_head_reads_the_trail_with_the_chain_state(
    page_for, session_for, committed_file, audit_log
):
    committed_file(1)
    assert session_for("sw1").get("/akta/ar-4010-1-2026").status_code == 200
    response = page_for("head").get("/akta/ar-4010-1-2026/@@dziennik")
    assert response.status_code == 200
    text = text_of(response)
    assert "Dziennik zdarzeń sprawy AR.4010.1.2026" in text
    assert "Dziennik jest kompletny" in text
    rows = html(response).cssselect("table.caseflow-table tbody tr")
    readers = [row.text_content() for row in rows if "Odczyt" in row.text_content()]
    assert any("(sw1)" in row for row in readers)
    # the page's own read is recorded as a read of the trail
    assert audit_log(action="audit_read", user="head")


def test_filters_narrow_the_entries(page_for, session_for, committed_file):
    committed_file(2)
    session_for("sw1").get("/akta/ar-4010-2-2026")
    session_for("fa1").get("/akta/ar-4010-2-2026")
    response = page_for("head").get(
        "/akta/ar-4010-2-2026/@@dziennik", params={"person": "fa1", "action": "read"}
    )
    rows = html(response).cssselect("table.caseflow-table tbody tr")
    assert rows
    assert all("(fa1)" in row.text_content() for row in rows)


def test_a_bad_date_is_refused_in_polish_and_the_trail_still_shown(
    page_for, committed_file
):
    committed_file(3)
    response = page_for("head").get(
        "/akta/ar-4010-3-2026/@@dziennik", params={"from": "31.02.2026"}
    )
    assert response.status_code == 200
    assert "Podaj czas jako RRRR-MM-DD" in text_of(response)


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist", None])
def test_nobody_but_the_head_opens_it(page_for, committed_file, user_id):
    committed_file(4)
    response = page_for(user_id).get(
        "/akta/ar-4010-4-2026/@@dziennik", allow_redirects=False
    )
    assert response.status_code in (302, 401, 403)
    assert "Dziennik zdarzeń sprawy" not in response.text


def test_the_file_page_links_the_trail_for_the_head_only(page_for, committed_file):
    committed_file(5)
    head = page_for("head").get("/akta/ar-4010-5-2026")
    assert "/akta/ar-4010-5-2026/@@dziennik" in head.text
    social_worker = page_for("sw1").get("/akta/ar-4010-5-2026")
    assert "@@dziennik" not in social_worker.text
