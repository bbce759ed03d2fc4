"""@reports over real HTTP: the list, the figures, the files behind a figure,
the downloads, and the refusals in Polish."""

import csv
import io
import subprocess

import pytest
from openpyxl import load_workbook


VOIVODE = "/@reports/sprawozdanie-wspieranie-rodziny"
H1 = {"from": "2026-01-01", "to": "2026-06-30"}


def pdf_text(content, tmp_path) -> str:
    """The PDF's text as poppler's pdftotext reads it, columns kept."""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def figures(data):
    return {row["code"]: row["values"][0]["value"] for row in data["rows"]}


def test_the_head_lists_the_reports(session_for, report_site):
    response = session_for("head").get("/@reports")
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()["items"]]
    assert "sprawozdanie-wspieranie-rodziny" in ids
    assert "rozliczenie-asystent-rodziny" in ids


def test_the_voivodes_report_over_rest(session_for, report_site):
    response = session_for("head").get(VOIVODE, params=H1)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["period"] == {
        "from": "2026-01-01",
        "to": "2026-06-30",
        "label": "01.01.2026–30.06.2026",
    }
    got = figures(data)
    assert (got["1"], got["1.1"], got["1.2"]) == (2, 1, 1)
    assert (got["4"], got["4.1"]) == (1, 1)
    assert (got["7"], got["7.1"]) == (1, 1)


def test_a_figure_lists_the_files_behind_it(session_for, report_site):
    response = session_for("head").get(VOIVODE, params={**H1, "row": "1.1"})
    assert response.status_code == 200
    assert [item["case_reference"] for item in response.json()["items"]] == [
        "AR.4010.41.2026"
    ]


def test_the_settlement_over_rest(session_for, report_site):
    response = session_for("head").get(
        "/@reports/rozliczenie-asystent-rodziny",
        params={"from": "2026-01-01", "to": "2026-02-28"},
    )
    assert response.status_code == 200, response.text
    january, february = response.json()["lines"]
    assert (january["qualifies"], january["grant"], january["total_cost"]) == (
        True,
        1000.0,
        1250.0,
    )
    assert (february["status"], february["grant"]) == ("missing", 0.0)


@pytest.mark.parametrize(
    ("user", "path", "params", "status", "message"),
    [
        ("fa1", VOIVODE, H1, 403, "Tylko kierownik"),
        ("sw1", "/@reports", {}, 403, "Tylko kierownik"),
        (None, "/@reports", {}, 403, "Tylko kierownik"),
        ("head", "/@reports/no-such-report", H1, 404, "Nie ma sprawozdania"),
        (
            "head",
            VOIVODE,
            {"from": "2026-02-30", "to": "2026-06-30"},
            400,
            "RRRR-MM-DD",
        ),
        (
            "head",
            VOIVODE,
            {"from": "2026-06-30", "to": "2026-01-01"},
            400,
            "kończy się",
        ),
        ("head", VOIVODE, {"from": "2026-01-01", "to": "2026-05-31"}, 400, "półrocze"),
        ("head", VOIVODE, {**H1, "format": "odt"}, 400, "json, xlsx, csv"),
    ],
)
def test_refusals_are_polish(
    session_for, report_site, user, path, params, status, message
):
    response = session_for(user).get(path, params=params)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]


def test_the_xlsx_holds_the_same_numbers(session_for, report_site):
    session = session_for("head")
    data = session.get(VOIVODE, params=H1).json()
    response = session.get(VOIVODE, params={**H1, "format": "xlsx"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {
        row[0]: row[2]
        for row in sheet.iter_rows(values_only=True)
        if row[0] and len(row) > 2
    }
    assert {code: rows[code] for code in figures(data)} == figures(data)


def test_the_csv_holds_the_same_numbers(session_for, report_site):
    session = session_for("head")
    data = session.get(VOIVODE, params=H1).json()
    response = session.get(VOIVODE, params={**H1, "format": "csv"})
    text = response.content.decode("utf-8-sig")
    rows = {row[0]: row[2] for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert {code: rows[code] for code in figures(data)} == {
        code: str(value) for code, value in figures(data).items()
    }


def test_the_pdf_text_holds_the_numbers(session_for, report_site, tmp_path):
    session = session_for("head")
    response = session.get(VOIVODE, params={**H1, "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert "Liczba rodzin, z którymi asystent rodziny prowadził pracę" in text
    assert "01.01.2026–30.06.2026" in text
    lines = {
        line.split()[0]: line.split()[-1] for line in text.splitlines() if line.strip()
    }
    assert (lines["1"], lines["1.1"], lines["4.1"]) == ("2", "1", "1")


def test_the_files_behind_a_figure_are_recorded_as_listed(
    session_for, report_site, audit_log
):
    obliged, _ended = report_site
    session_for("head").get(VOIVODE, params={**H1, "row": "1.1"})
    listed = audit_log(user="head", action="list")
    assert obliged.UID() in {entry.get("uid") for entry in listed}


def test_the_settlements_xlsx_and_pdf_hold_its_amounts(
    session_for, report_site, tmp_path
):
    session = session_for("head")
    params = {"from": "2026-01-01", "to": "2026-02-28"}
    path = "/@reports/rozliczenie-asystent-rodziny"
    xlsx = session.get(path, params={**params, "format": "xlsx"})
    rows = list(
        load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
    )
    assert rows[-1][0] == "Razem"
    assert rows[-1][-3:] == (1000.0, 250.0, 1250.0)
    text = pdf_text(
        session.get(path, params={**params, "format": "pdf"}).content, tmp_path
    )
    assert "zatwierdzone" in text
    total = next(line for line in text.splitlines() if line.startswith("Razem"))
    assert total.split()[-3:] == ["1000.0", "250.0", "1250.0"]
