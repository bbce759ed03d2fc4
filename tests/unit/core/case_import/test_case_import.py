"""The import sheet's pure half: reading XLSX and CSV (hostile files refused),
and every problem of a sheet listed by row and column, nothing passed over."""

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook
from openpyxl import load_workbook

from mgops.caseflow.core.case_import.columns import headers
from mgops.caseflow.core.case_import.columns import template_csv
from mgops.caseflow.core.case_import.columns import template_xlsx
from mgops.caseflow.core.case_import.sheet import MAX_ROWS
from mgops.caseflow.core.case_import.sheet import SheetError
from mgops.caseflow.core.case_import.sheet import read_sheet
from mgops.caseflow.core.case_import.validation import SiteFacts
from mgops.caseflow.core.case_import.validation import check_families


TODAY = date(2026, 11, 30)
SITE = SiteFacts(
    today=TODAY,
    social_workers=frozenset({"sw1", "sw2"}),
    assistants=frozenset({"fa1", "fa2"}),
    caseloads={"fa1": 14},
    caseload_limit=15,
    case_references=frozenset({"AR.4010.99.2020"}),
    register_places=frozenset({(3, 2025)}),
)
HEAD = headers()
VALID_PESEL = "90051712344"  # 17.05.1990


def row(**values) -> list[str]:
    """A sheet row by the template's headers (Polish)."""
    by_header = {
        "Znak sprawy": "AR.4010.1.2025",
        "Nazwisko rodziny": "Wiśniewscy",
        "Adres": "ul. Polna 3, Stawiszyn",
        "Ścieżka": "standardowa",
        "Pracownik socjalny (login)": "sw1",
        "Asystent rodziny (login)": "fa2",
        "Data powzięcia informacji": "04.03.2025",
        "Data decyzji o przydziale asystenta": "15.04.2025",
        "Numer decyzji o przydziale asystenta": "12/2025",
        "Data przedstawienia asystenta rodzinie": "",
        "Data ostatniej oceny sytuacji rodziny": "",
        "Data zakończenia pracy": "",
        "Numer decyzji o zakończeniu pracy": "",
        "Stan": "praca z rodziną",
        "Imię": "Joanna",
        "Nazwisko": "Wiśniewska",
        "Rola w rodzinie": "matka",
        "Data urodzenia": "17.05.1990",
        "PESEL": VALID_PESEL,
    }
    by_header.update(values)
    if "Numer decyzji o przydziale asystenta" not in values:
        # a number of its own for each family: AR.4010.N.2025 → 1N/2025
        number = by_header["Znak sprawy"].split(".")[2]
        by_header["Numer decyzji o przydziale asystenta"] = f"1{number}/2025"
    return [by_header[header] for header in HEAD]


def csv_of(*rows, delimiter=";") -> bytes:
    lines = [delimiter.join(HEAD)] + [delimiter.join(r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def xlsx_of(*rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEAD)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def check(data, filename="sprawy.csv"):
    return check_families(read_sheet(data, filename), SITE)


def found(problems):
    return [(p.row, p.column, p.error.msgid) for p in problems]


def test_a_clean_sheet_gives_its_families_with_their_decisions():
    families, problems = check(
        csv_of(
            row(),
            row(
                **{
                    "Imię": "Kacper",
                    "Rola w rodzinie": "dziecko",
                    "PESEL": "",
                    "Data urodzenia": "02.02.2015",
                }
            ),
            row(
                **{
                    "Znak sprawy": "AR.4010.2.2025",
                    "Stan": "monitorowanie",
                    "Data zakończenia pracy": "30.09.2025",
                    "Numer decyzji o zakończeniu pracy": "40/2025",
                    "Asystent rodziny (login)": "fa1",
                }
            ),
        )
    )
    assert problems == []
    first, second = families
    assert first.state == "active"
    assert second.state == "monitoring"
    assert [m.first_name for m in first.members] == ["Joanna", "Kacper"]
    assert first.members[0].pesel == VALID_PESEL
    assert [(d.kind, d.day, d.number, d.place) for d in first.decisions] == [
        ("assign_assistant", date(2025, 4, 15), "11/2025", (11, 2025))
    ]
    assert [(d.kind, d.end_reason) for d in second.decisions] == [
        ("assign_assistant", None),
        ("end_work", "plan_achieved"),
    ]


def test_the_xlsx_and_the_csv_read_alike():
    rows = [row(), row(**{"Znak sprawy": "AR.4010.2.2025"})]
    from_csv, _ = check(csv_of(*rows))
    from_xlsx, _ = check(xlsx_of(*rows), "sprawy.xlsx")
    assert from_csv == from_xlsx
    assert len(from_csv) == 2


def test_dates_typed_as_dates_in_the_workbook():
    typed = row()
    typed[HEAD.index("Data powzięcia informacji")] = date(2025, 3, 4)
    families, problems = check(xlsx_of(typed), "sprawy.xlsx")
    assert problems == []
    assert families[0].learned_on == date(2025, 3, 4)


def test_every_problem_by_row_and_column():
    families, problems = check(
        csv_of(
            row(PESEL="90051712345"),  # bad check digit
            row(
                **{
                    "Znak sprawy": "AR.4010.2.2025",
                    "Pracownik socjalny (login)": "nikt",
                    "Data decyzji o przydziale asystenta": "01.03.2025",  # before learned
                    "Numer decyzji o przydziale asystenta": "3/2025",  # taken
                }
            ),
            row(
                **{
                    "Znak sprawy": "AR.4010.3.2025",
                    "Stan": "przyjęcie",  # but an assistant and a decision
                }
            ),
            row(
                **{
                    "Znak sprawy": "AR.4010.4.2025",
                    "Stan": "monitorowanie",  # no end of work
                    "Data urodzenia": "31.02.1990",
                    "PESEL": "",
                }
            ),
            row(**{"Znak sprawy": "AR.4010.99.2020"}),
        )
    )
    assert families == []
    assert found(problems) == [
        (2, "PESEL", "rule_pesel_checksum"),
        (3, "Pracownik socjalny (login)", "import_unknown_social_worker"),
        (3, "Data decyzji o przydziale asystenta", "import_date_order"),
        (3, "Numer decyzji o przydziale asystenta", "import_number_taken"),
        (4, "Asystent rodziny (login)", "import_state_forbids"),
        (4, "Data decyzji o przydziale asystenta", "import_state_forbids"),
        (4, "Numer decyzji o przydziale asystenta", "import_state_forbids"),
        (5, "Data zakończenia pracy", "import_state_needs"),
        (5, "Data urodzenia", "import_bad_date"),
        (6, "Znak sprawy", "import_case_exists"),
    ]


def test_an_assistant_above_the_caseload_limit():
    # fa1 works with 14 families: the sheet's first active family makes 15
    families, problems = check(
        csv_of(
            row(**{"Asystent rodziny (login)": "fa1"}),
            row(**{"Znak sprawy": "AR.4010.2.2025", "Asystent rodziny (login)": "fa1"}),
        )
    )
    assert found(problems) == [(3, "Asystent rodziny (login)", "rule_caseload_limit")]


def test_a_number_used_twice_in_the_sheet_and_one_of_another_year():
    _, problems = check(
        csv_of(
            row(),
            row(
                **{
                    "Znak sprawy": "AR.4010.2.2025",
                    "Numer decyzji o przydziale asystenta": "11/2025",
                }
            ),
            row(
                **{
                    "Znak sprawy": "AR.4010.3.2025",
                    "Numer decyzji o przydziale asystenta": "14/2024",
                }
            ),
        )
    )
    assert found(problems) == [
        (3, "Numer decyzji o przydziale asystenta", "import_number_taken"),
        (4, "Numer decyzji o przydziale asystenta", "import_number_year"),
    ]


def test_rows_of_one_family_may_not_contradict():
    _, problems = check(csv_of(row(), row(Adres="ul. Inna 1")))
    assert found(problems) == [(3, "Adres", "import_family_values_differ")]


def test_a_file_awaiting_a_decision_and_an_unknown_state():
    _, problems = check(
        csv_of(
            row(Stan="oczekuje na decyzję"),
            row(**{"Znak sprawy": "AR.4010.2.2025", "Stan": "w toku"}),
        )
    )
    assert found(problems) == [
        (2, "Stan", "import_awaiting_decision"),
        (3, "Stan", "import_unknown_state"),
    ]


def test_a_future_date():
    _, problems = check(csv_of(row(**{"Data powzięcia informacji": "01.01.2027"})))
    assert ("Data powzięcia informacji", "import_date_out_of_range") in [
        (p.column, p.error.msgid) for p in problems
    ]


def test_columns_unknown_or_missing():
    data = b"Znak sprawy;Kolor oczu\r\nAR.4010.1.2025;niebieski\r\n"
    families, problems = check(data)
    assert families == []
    found_here = found(problems)
    assert (1, "Kolor oczu", "import_unknown_column") in found_here
    assert (1, "Stan", "import_missing_column") in found_here


def test_formulas_are_problems_not_values():
    formula = row(**{"Nazwisko rodziny": '=HYPERLINK("http://x","y")'})
    _, problems = check(xlsx_of(formula), "sprawy.xlsx")
    assert found(problems) == [(2, "Nazwisko rodziny", "import_formula")]
    _, problems = check(csv_of(row(Adres="=1+2")))
    assert found(problems) == [(2, "Adres", "import_formula")]


def test_a_csv_not_in_utf8_is_refused_in_polish():
    data = csv_of(row()).decode("utf-8").encode("cp1250")
    with pytest.raises(SheetError) as refused:
        read_sheet(data, "sprawy.csv")
    assert refused.value.msgid == "import_csv_encoding"


def test_comma_separated_csv_and_the_bom():
    data = b"\xef\xbb\xbf" + csv_of(row(), delimiter=",").replace(
        b"ul. Polna 3, ", b"ul. Polna 3 "
    )
    families, problems = check(data)
    assert problems == []
    assert len(families) == 1


def test_a_zip_bomb_is_not_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"\x00" * (200 * 1024 * 1024))
    with pytest.raises(SheetError) as refused:
        read_sheet(out.getvalue(), "sprawy.xlsx")
    assert refused.value.msgid == "import_xlsx_bomb"


def test_a_damaged_workbook_and_a_renamed_file():
    with pytest.raises(SheetError) as refused:
        read_sheet(b"PK\x03\x04 not really a zip", "sprawy.xlsx")
    assert refused.value.msgid == "import_not_xlsx"
    with pytest.raises(SheetError) as refused:
        read_sheet(b"\xd0\xcf\x11\xe0 an old .xls", "sprawy.xls")
    assert refused.value.msgid == "import_not_xlsx"


def test_a_huge_sheet_is_refused():
    lines = [";".join(HEAD)] + [";".join(row())] * (MAX_ROWS + 1)
    with pytest.raises(SheetError) as refused:
        read_sheet("\n".join(lines).encode(), "sprawy.csv")
    assert refused.value.msgid == "import_too_many_rows"
    with pytest.raises(SheetError) as refused:
        read_sheet(b"x" * (11 * 1024 * 1024), "sprawy.csv")
    assert refused.value.msgid == "import_file_too_large"


def test_the_templates_have_the_polish_columns():
    text = template_csv().decode("utf-8-sig")
    assert text.splitlines()[0].split(";") == HEAD
    sheet = load_workbook(io.BytesIO(template_xlsx())).active
    assert [cell.value for cell in sheet[1]] == HEAD
    # the template's example row is itself a valid family
    example = [cell.value or "" for cell in sheet[2]]
    families, problems = check_families(
        read_sheet(xlsx_of(example), "t.xlsx"),
        SiteFacts(
            today=TODAY,
            social_workers=frozenset({"akowalczyk"}),
            assistants=frozenset({"kwojcik"}),
            caseloads={},
            caseload_limit=15,
            case_references=frozenset(),
            register_places=frozenset(),
        ),
    )
    assert problems == []
    assert families[0].case_reference == "AR.4010.7.2024"


def test_what_follows_an_assignment_needs_it():
    _, problems = check(
        csv_of(
            row(
                **{
                    "Stan": "zamknięte",
                    "Data decyzji o przydziale asystenta": "",
                    "Numer decyzji o przydziale asystenta": "",
                    "Data ostatniej oceny sytuacji rodziny": "01.06.2025",
                }
            )
        )
    )
    assert found(problems) == [
        (2, "Data decyzji o przydziale asystenta", "import_state_needs"),
        (2, "Numer decyzji o przydziale asystenta", "import_state_needs"),
    ]
