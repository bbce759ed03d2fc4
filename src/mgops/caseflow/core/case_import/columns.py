"""The import sheet's columns, with the Polish headers the centre's staff read,
and the template offered for download (XLSX and CSV).

One row per family member; the rows of one family share its case reference
(*znak sprawy*) and give the family's own columns once (or the same values
again). A sheet of one row per family is the same sheet with one member per
family.
"""

import csv
import io
from dataclasses import dataclass

from mgops.caseflow.core import states


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    #: "family": one value per family; "member": one per row
    level: str = "family"
    #: "text", "date", "login"
    kind: str = "text"
    example: str = ""


COLUMNS = (
    Column("case_reference", "Znak sprawy", example="AR.4010.7.2024"),
    Column("family_name", "Nazwisko rodziny", example="Wiśniewscy"),
    Column("address", "Adres", example="ul. Polna 3, 62-820 Stawiszyn"),
    Column("support_path", "Ścieżka", example="standardowa"),
    Column(
        "social_worker",
        "Pracownik socjalny (login)",
        kind="login",
        example="akowalczyk",
    ),
    Column("assistant", "Asystent rodziny (login)", kind="login", example="kwojcik"),
    Column(
        "learned_on", "Data powzięcia informacji", kind="date", example="04.03.2024"
    ),
    Column(
        "assignment_date",
        "Data decyzji o przydziale asystenta",
        kind="date",
        example="15.04.2024",
    ),
    Column(
        "assignment_number", "Numer decyzji o przydziale asystenta", example="12/2024"
    ),
    Column(
        "introduction_date",
        "Data przedstawienia asystenta rodzinie",
        kind="date",
        example="19.04.2024",
    ),
    Column("last_assessment", "Data ostatniej oceny sytuacji rodziny", kind="date"),
    Column("ended", "Data zakończenia pracy", kind="date"),
    Column("end_number", "Numer decyzji o zakończeniu pracy"),
    Column("state", "Stan", example="praca z rodziną"),
    Column("first_name", "Imię", level="member", example="Joanna"),
    Column("last_name", "Nazwisko", level="member", example="Wiśniewska"),
    Column("role", "Rola w rodzinie", level="member", example="matka"),
    Column(
        "birth_date",
        "Data urodzenia",
        level="member",
        kind="date",
        example="17.05.1990",
    ),
    Column("pesel", "PESEL", level="member", example="90051712344"),
)
BY_KEY = {column.key: column for column in COLUMNS}
BY_HEADER = {column.header.casefold(): column for column in COLUMNS}
REQUIRED = (
    "case_reference",
    "family_name",
    "address",
    "social_worker",
    "learned_on",
    "state",
)

#: the state as the sheet writes it (the UI's Polish names, or the ids)
STATE_NAMES = {
    "przyjęcie": states.INTAKE,
    "praca z rodziną": states.ACTIVE,
    "monitorowanie": states.MONITORING,
    "praca socjalna": states.SOCIAL_WORK,
    "zamknięte": states.CLOSED,
    "oczekuje na decyzję": states.AWAITING_DECISION,
}
#: the states a file may be brought in (awaiting a decision: see validation)
IMPORTABLE_STATES = (
    states.INTAKE,
    states.ACTIVE,
    states.MONITORING,
    states.SOCIAL_WORK,
    states.CLOSED,
)
PATH_NAMES = {"standardowa": "standard", "za życiem": "za_zyciem"}
ROLE_NAMES = {
    "wnioskodawca": "applicant",
    "matka": "mother",
    "ojciec": "father",
    "małżonek lub partner": "spouse",
    "małżonek": "spouse",
    "partner": "spouse",
    "dziecko": "child",
    "dziadek lub babcia": "grandparent",
    "dziadek": "grandparent",
    "babcia": "grandparent",
    "inny członek gospodarstwa domowego": "other",
    "inny": "other",
}


def headers() -> list[str]:
    return [column.header for column in COLUMNS]


def template_rows() -> list[list[str]]:
    """The header and one example row."""
    return [headers(), [column.example for column in COLUMNS]]


def template_csv() -> bytes:
    """The template as CSV: UTF-8 with a BOM (so spreadsheets read the Polish
    letters), semicolons (as Polish spreadsheets write CSV)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(template_rows())
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sprawy"
    for row in template_rows():
        sheet.append(row)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            14, len(column.header) + 2
        )
        sheet.cell(row=1, column=index).font = sheet.cell(
            row=1, column=index
        ).font.copy(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
