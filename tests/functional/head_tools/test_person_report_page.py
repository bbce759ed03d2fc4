"""The GDPR report finds every document naming the person and gives the
information of art. 15(1); ``@@dane-osoby`` shows it to the head and downloads it."""

import csv
import io
from datetime import date

import pytest
import transaction

from mgops.caseflow.testing.builders import create_document

from .conftest import html
from .conftest import text_of


PESEL = "44051401359"
GRANDMOTHER = {
    "first_name": "Maria",
    "last_name": "Wiśniewska",
    "role": "other",
    "birth_date": date(1944, 5, 14),
    "pesel": PESEL,
}


@pytest.fixture
def maria(committed_file):
    """A member of file 1; named (not a member) in a note of file 2; file 3 only
    mentions another Wiśniewska."""
    member_of, named_in, other = committed_file(1), committed_file(2), committed_file(3)
    member_of.members = [dict(GRANDMOTHER)]
    member_of.reindexObject()
    create_document(
        named_in,
        "Note",
        owner="fa1",
        title="Wizyta u babci",
        kind="visit",
        content=f"Rozmowa z babcią, Marią Wiśniewską (PESEL {PESEL}), sąsiadką.",
    )
    create_document(
        other,
        "Note",
        owner="fa1",
        title="Szkoła",
        kind="visit",
        content="Pani Anna Wiśniewska, wychowawczyni.",
    )
    transaction.commit()
    return member_of, named_in, other


def _report(session_for, **body):
    response = session_for("head").post("/@person-report", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_document_that_names_the_person_is_found_in_another_file(session_for, maria):
    body = _report(session_for, pesel=PESEL)
    by_file = {item["family_file"]["case_reference"]: item for item in body["items"]}
    assert set(by_file) == {"AR.4010.1.2026", "AR.4010.2.2026"}
    assert by_file["AR.4010.1.2026"]["person"]["last_name"] == "Wiśniewska"
    named = by_file["AR.4010.2.2026"]
    assert named["person"] is None
    assert [document["title"] for document in named["named_in"]] == ["Wizyta u babci"]


def test_by_name_only_the_whole_name_counts(session_for, maria):
    body = _report(session_for, name="maria wiśniewska")
    references = {item["family_file"]["case_reference"] for item in body["items"]}
    assert references == {"AR.4010.1.2026"}  # the note says "Marią", not "Maria"
    assert _report(session_for, name="Anna  Wiśniewska")["items"][0]["named_in"]


def test_each_file_carries_the_information_of_article_15(session_for, maria):
    (item, *_rest) = _report(session_for, pesel=PESEL)["items"]
    info = item["information"]
    assert "art. 107" in info["purposes"][0]
    assert "pracownik socjalny Anna Socjalna" in info["recipients"]
    assert "asystent rodziny Celina Asystentka" in info["recipients"]
    category = item["family_file"]["archival_category"]
    assert info["retention"][0].startswith(f"Kategoria {category}:")
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in info["complaint"]
    assert "art. 22" in info["automated_decisions"]
    assert any("dowiedział się o rodzinie" in text for text in info["sources"])


def _token(page):
    tree = html(page.get("/@@dane-osoby"))
    return tree.cssselect("input[name=_authenticator]")[0].get("value")


def test_the_page_shows_the_report_and_downloads_it(page_for, maria, audit_log):
    head = page_for("head")
    token = _token(head)
    response = head.post(
        "/@@dane-osoby", data={"_authenticator": token, "pesel": PESEL}
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "AR.4010.1.2026" in text
    assert "AR.4010.2.2026" in text
    assert "Wizyta u babci" in text
    assert "Informacje dla osoby (RODO art. 15 ust. 1)" in text
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in text
    assert len(audit_log(action="person_report", user="head")) == 2
    download = head.post(
        "/@@dane-osoby", data={"_authenticator": token, "pesel": PESEL, "format": "csv"}
    )
    assert download.headers["Content-Type"].startswith("text/csv")
    rows = list(
        csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";")
    )
    naming = [row for row in rows[1:] if row[-1] == "tak"]
    assert [(row[0], row[12]) for row in naming] == [
        ("AR.4010.2.2026", "Wizyta u babci")
    ]


def test_a_wrong_pesel_is_refused_on_the_page(page_for, maria, audit_log):
    head = page_for("head")
    response = head.post(
        "/@@dane-osoby", data={"_authenticator": _token(head), "pesel": "44051401358"}
    )
    assert response.status_code == 200
    assert "PESEL" in text_of(response)
    assert "AR.4010.1.2026" not in text_of(response)
    assert not audit_log(action="person_report")


def test_the_pesel_never_travels_in_the_address(page_for, maria):
    head = page_for("head")
    response = head.get("/@@dane-osoby", params={"pesel": PESEL})
    assert "AR.4010.1.2026" not in text_of(response)  # a GET prepares nothing


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist"])
def test_only_the_head_opens_the_page(page_for, maria, user_id):
    response = page_for(user_id).get("/@@dane-osoby", allow_redirects=False)
    assert response.status_code in (302, 401, 403)
