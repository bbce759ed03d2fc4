"""caseflow-import-cases: the template, the dry run's problems by row and
column, and an import with its progress bar, in a site."""

import csv
import io

from plone import api

from mgops.caseflow.cli import case_import as cli
from mgops.caseflow.core.case_import.columns import headers


def sheet(**values) -> bytes:
    row = {
        "Znak sprawy": "AR.4010.41.2025",
        "Nazwisko rodziny": "Łęccy",
        "Adres": "ul. Żytnia 4",
        "Pracownik socjalny (login)": "sw1",
        "Data powzięcia informacji": "03.03.2025",
        "Stan": "przyjęcie",
        "Imię": "Jan",
        "Nazwisko": "Łęcki",
        "Rola w rodzinie": "ojciec",
        **values,
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers(), delimiter=";")
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode("utf-8")


def test_the_template_needs_no_site(tmp_path, capsys):
    assert cli.main(["--template", str(tmp_path / "szablon.csv")]) == 0
    text = (tmp_path / "szablon.csv").read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(headers())
    assert cli.main(["--template", str(tmp_path / "szablon.xlsx")]) == 0
    assert (tmp_path / "szablon.xlsx").read_bytes()[:2] == b"PK"


def test_problems_by_row_and_column_and_nothing_written(portal, capsys):
    with api.env.adopt_roles(["Manager"]):
        code = cli._run(portal, sheet(PESEL="12345"), "s.csv", check_only=False)
    assert code == 1
    err = capsys.readouterr().err
    assert "wiersz 2, kolumna „PESEL”: PESEL musi mieć dokładnie 11 cyfr" in err
    assert "niczego nie zaimportowano" in err
    assert "ar-4010-41-2025" not in portal["akta"]


def test_the_dry_run_then_the_import_with_a_progress_bar(portal, capsys):
    with api.env.adopt_roles(["Manager"]):
        assert cli._run(portal, sheet(), "s.csv", check_only=True) == 0
        assert "ar-4010-41-2025" not in portal["akta"]
        assert cli._run(portal, sheet(), "s.csv", check_only=False) == 0
    captured = capsys.readouterr()
    assert "Zaimportowano / imported: 1" in captured.out
    assert "1/1" in captured.err  # tqdm's bar
    family_file = portal["akta"]["ar-4010-41-2025"]
    assert family_file.family_name == "Łęccy"
    assert api.content.get_state(family_file) == "intake"
