"""The case import over real HTTP: 200 families whose obligations follow their
imported legal dates (a table computed by hand for 10 of them), a sheet with
errors that writes nothing and lists each error, who may import, and hostile
files refused in Polish."""

import csv
import io
import zipfile
from datetime import date

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

from mgops.caseflow.core.case_import.columns import headers
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.testing import PASSWORD


HEAD = headers()
URL = "/akta/@import-cases"
#: twenty assistants, so that no one is above the limit of 15 families
ASSISTANTS = [f"asyst{n:02d}" for n in range(20)]


def family_row(reference, **values) -> dict:
    row = dict.fromkeys(HEAD, "")
    row.update(
        {
            "Znak sprawy": reference,
            "Nazwisko rodziny": "Żółkiewscy",
            "Adres": "ul. Źródlana 5, 62-820 Stawiszyn",
            "Ścieżka": "standardowa",
            "Pracownik socjalny (login)": "sw1",
            "Stan": "przyjęcie",
            "Imię": "Łucja",
            "Nazwisko": "Żółkiewska",
            "Rola w rodzinie": "matka",
        }
    )
    row.update(values)
    return row


def sheet(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEAD, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def active(reference, assistant, assigned, number, **values):
    return family_row(
        reference,
        **{
            "Stan": "praca z rodziną",
            "Asystent rodziny (login)": assistant,
            "Data powzięcia informacji": "02.01.2024",
            "Data decyzji o przydziale asystenta": assigned,
            "Numer decyzji o przydziale asystenta": number,
            **values,
        },
    )


def ended(reference, state, assistant, assigned, number, end, end_number):
    return active(
        reference,
        assistant,
        assigned,
        number,
        **{
            "Stan": state,
            "Data zakończenia pracy": end,
            "Numer decyzji o zakończeniu pracy": end_number,
        },
    )


#: Ten families and their obligations, computed by hand from the rules
#: (DESIGN, "Process"; working days without Polish public holidays, Christmas
#: Eve a holiday from 2025): (row, [(kind, due, responsible), …]).
HAND = {
    # learned Mon 03.03.2025: the interview within 14 working days → Fri 21.03
    "AR.4010.1.2025": (
        family_row("AR.4010.1.2025", **{"Data powzięcia informacji": "03.03.2025"}),
        [("interview", date(2025, 3, 21), "sw1")],
    ),
    # learned Thu 17.04.2025: Easter Monday 21.04 and 1 May are no working
    # days; 14 working days → Fri 09.05
    "AR.4010.2.2025": (
        family_row("AR.4010.2.2025", **{"Data powzięcia informacji": "17.04.2025"}),
        [("interview", date(2025, 5, 9), "sw1")],
    ),
    # "Za życiem": no environmental interview (Process 11)
    "AR.4010.3.2025": (
        family_row(
            "AR.4010.3.2025",
            **{"Data powzięcia informacji": "05.05.2025", "Ścieżka": "za życiem"},
        ),
        [],
    ),
    # assigned Mon 16.06.2025: introduction within 7 working days (Corpus
    # Christi 19.06 is none) → Thu 26.06; assessment 6 months on → 16.12.2025
    "AR.4010.4.2025": (
        active("AR.4010.4.2025", "asyst00", "16.06.2025", "4/2025"),
        [
            ("introduction", date(2025, 6, 26), "sw1"),
            ("assessment", date(2025, 12, 16), "asyst00"),
        ],
    ),
    # assigned 08.08.2025, introduced 12.08 (done), last assessment 09.02.2026:
    # the next one by 09.08.2026
    "AR.4010.5.2025": (
        active(
            "AR.4010.5.2025",
            "asyst01",
            "08.08.2025",
            "5/2025",
            **{
                "Data przedstawienia asystenta rodzinie": "12.08.2025",
                "Data ostatniej oceny sytuacji rodziny": "09.02.2026",
            },
        ),
        [("assessment", date(2026, 8, 9), "asyst01")],
    ),
    # assigned Wed 17.12.2025: 24, 25, 26 December are no working days →
    # introduction by Wed 31.12.2025; assessment by 17.06.2026
    "AR.4010.6.2025": (
        active("AR.4010.6.2025", "asyst02", "17.12.2025", "6/2025"),
        [
            ("introduction", date(2025, 12, 31), "sw1"),
            ("assessment", date(2026, 6, 17), "asyst02"),
        ],
    ),
    # work ended 31.10.2025 (plan achieved): a monitoring visit in November,
    # December and January, each by the month's last day (Process 8)
    "AR.4010.7.2025": (
        ended(
            "AR.4010.7.2025",
            "monitorowanie",
            "asyst03",
            "03.02.2025",
            "7/2025",
            "31.10.2025",
            "2007/2025",
        ),
        [
            ("monitoring_visit", date(2025, 11, 30), "asyst03"),
            ("monitoring_visit", date(2025, 12, 31), "asyst03"),
            ("monitoring_visit", date(2026, 1, 31), "asyst03"),
        ],
    ),
    # social work from 15.09.2025 (Process 9): control visits in each month
    # 15.09–14.10, 15.10–14.11, 15.11–14.12
    "AR.4010.8.2025": (
        ended(
            "AR.4010.8.2025",
            "praca socjalna",
            "asyst04",
            "10.03.2025",
            "8/2025",
            "15.09.2025",
            "2008/2025",
        ),
        [
            ("control_visit", date(2025, 10, 14), "sw1"),
            ("control_visit", date(2025, 11, 14), "sw1"),
            ("control_visit", date(2025, 12, 14), "sw1"),
        ],
    ),
    # closed: nothing more is owed
    "AR.4010.9.2025": (
        ended(
            "AR.4010.9.2025",
            "zamknięte",
            "asyst05",
            "06.05.2024",
            "9/2024",
            "20.12.2024",
            "2009/2024",
        ),
        [],
    ),
    # learned Mon 22.12.2025: 24–26 December, 1 and 6 January are no working
    # days → the interview by Fri 16.01.2026
    "AR.4010.10.2025": (
        family_row("AR.4010.10.2025", **{"Data powzięcia informacji": "22.12.2025"}),
        [("interview", date(2026, 1, 16), "sw1")],
    ),
}


def generated(n: int) -> list[dict]:
    """A family per number 11…n, in turn in each state, of two members each."""
    rows = []
    for i in range(11, n + 1):
        reference = f"AR.4010.{i}.2025"
        assistant = ASSISTANTS[i % len(ASSISTANTS)]
        kind = i % 5
        if kind == 0:
            row = family_row(reference, **{"Data powzięcia informacji": "01.07.2025"})
        elif kind == 1:
            row = active(reference, assistant, "01.09.2025", f"{i}/2025")
        elif kind == 2:
            row = ended(
                reference,
                "monitorowanie",
                assistant,
                "01.04.2025",
                f"{i}/2025",
                "30.09.2025",
                f"{i + 1000}/2025",
            )
        elif kind == 3:
            row = ended(
                reference,
                "praca socjalna",
                assistant,
                "01.04.2025",
                f"{i}/2025",
                "30.09.2025",
                f"{i + 1000}/2025",
            )
        else:
            row = ended(
                reference,
                "zamknięte",
                assistant,
                "01.04.2025",
                f"{i}/2025",
                "30.06.2025",
                f"{i + 1000}/2025",
            )
        rows.append(row)
        rows.append(
            dict(
                row,
                **{
                    "Imię": "Mikołaj",
                    "Rola w rodzinie": "dziecko",
                    "Data urodzenia": "03.03.2016",
                },
            )
        )
    return rows


@pytest.fixture
def assistants(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        for user_id in ASSISTANTS:
            api.user.create(
                username=user_id,
                email=f"{user_id}@mgops.example.org",
                password=PASSWORD,
                properties={"fullname": f"Asystent {user_id}"},
            )
            api.group.add_user(groupname=ASSISTANTS_GROUP, username=user_id)
    transaction.commit()


def files_in(portal) -> dict:
    transaction.begin()
    return {f.case_reference: f for f in portal["akta"].objectValues()}


def post(session, data, name="sprawy.csv", **params):
    return session.post(
        URL, params=params, files={"file": (name, data, "text/csv")}, timeout=600
    )


def test_200_families_with_the_obligations_of_their_legal_dates(
    session_for, assistants, functional_portal, audit_log
):
    data = sheet([row for row, _ in HAND.values()] + generated(200))
    head = session_for("head")
    checked = post(head, data, dry_run="1")
    assert checked.status_code == 200, checked.text
    assert checked.json() == {"dry_run": True, "families": 200, "problems": []}
    assert files_in(functional_portal) == {}  # a dry run writes nothing

    response = post(head, data)
    assert response.status_code == 201, response.text
    assert response.json()["family_files"] == 200
    files = files_in(functional_portal)
    assert len(files) == 200
    for reference, (_row, expected) in HAND.items():
        got = [
            (o["kind"], o["due"], o["responsible"])
            for o in files[reference].obligations
        ]
        assert got == expected, reference

    monitored = files["AR.4010.7.2025"]
    assert api.content.get_state(monitored) == "monitoring"
    assert monitored.assistant == "asyst03"
    assert monitored.ended == date(2025, 10, 31)
    assert [m["first_name"] for m in files["AR.4010.12.2025"].members] == [
        "Łucja",
        "Mikołaj",
    ]
    decisions = sorted(
        (d.register_number, api.content.get_state(d), d.register_date)
        for d in monitored.objectValues()
        if d.portal_type == "Decision"
    )
    assert decisions == [
        ("2007/2025", "imported", date(2025, 10, 31)),
        ("7/2025", "imported", date(2025, 2, 3)),
    ]
    # the register lists them as imported
    register = head.get("/rejestr-decyzji/@register", params={"year": 2025})
    entries = {e["register_number"]: e for e in register.json()["items"]}
    assert entries["7/2025"]["imported"] is True
    assert entries["7/2025"]["case_reference"] == "AR.4010.7.2025"
    # the assistant sees the file given by the imported decision, not others'
    assert session_for("asyst03").get("/akta/ar-4010-7-2025").status_code == 200
    assert session_for("asyst04").get("/akta/ar-4010-7-2025").status_code == 401
    # in the audit trail, one entry per file, by the head
    imported = audit_log(action="import")
    assert len(imported) == 200
    assert {entry["user"] for entry in imported} == {"head"}


def test_a_sheet_with_errors_writes_nothing_and_lists_each_error(
    session_for, functional_portal, audit_log
):
    rows = [
        family_row("AR.4010.1.2025", **{"Data powzięcia informacji": "03.03.2025"}),
        family_row(
            "AR.4010.2.2025",
            **{"Data powzięcia informacji": "03.03.2025", "PESEL": "90051712345"},
        ),
        family_row("AR.4010.3.2025", **{"Pracownik socjalny (login)": "ktos"}),
        active("AR.4010.4.2025", "fa1", "01.01.2024", "4/2024"),  # before learned
        family_row("AR.4010.5.2025", **{"Stan": "praca z rodziną"}),
    ]
    response = post(session_for("head"), sheet(rows))
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"]["reason"] == "import_has_problems"
    assert "niczego nie zaimportowano" in body["error"]["message"]
    assert [(p["row"], p["column"], p["reason"]) for p in body["problems"]] == [
        (3, "PESEL", "rule_pesel_checksum"),
        (4, "Pracownik socjalny (login)", "import_unknown_social_worker"),
        (4, "Data powzięcia informacji", "import_value_missing"),
        (5, "Data decyzji o przydziale asystenta", "import_date_order"),
        (6, "Asystent rodziny (login)", "import_state_needs"),
        (6, "Data powzięcia informacji", "import_value_missing"),
        (6, "Data decyzji o przydziale asystenta", "import_state_needs"),
        (6, "Numer decyzji o przydziale asystenta", "import_state_needs"),
    ]
    assert body["problems"][0]["message"].startswith("PESEL 90051712345")
    assert files_in(functional_portal) == {}
    assert audit_log(action="import") == []


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b" " * (300 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (zip_bomb(), "sprawy.xlsx", "import_xlsx_bomb"),
        (
            sheet([family_row("AR.4010.1.2025")]).decode().encode("cp1250"),
            "s.csv",
            "import_csv_encoding",
        ),
        (b"x" * (10 * 1024 * 1024 + 1), "s.csv", "import_file_too_large"),
    ],
)
def test_hostile_files_are_refused_in_polish(
    session_for, functional_portal, data, name, reason
):
    response = post(session_for("head"), data, name)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["reason"] == reason
    assert files_in(functional_portal) == {}


def test_a_formula_is_a_problem_of_its_cell(session_for, functional_portal):
    row = family_row(
        "AR.4010.1.2025",
        **{"Data powzięcia informacji": "03.03.2025", "Adres": "=HYPERLINK(1)"},
    )
    response = post(session_for("head"), sheet([row]))
    assert response.status_code == 400
    assert [
        (p["row"], p["column"], p["reason"]) for p in response.json()["problems"]
    ] == [(2, "Adres", "import_formula")]


@pytest.mark.parametrize("user_id", ["sw1", "fa1", "archivist", None])
def test_only_the_head_and_the_administrator_import(
    session_for, functional_portal, user_id
):
    data = sheet(
        [family_row("AR.4010.1.2025", **{"Data powzięcia informacji": "03.03.2025"})]
    )
    assert post(session_for(user_id), data).status_code == 401
    assert session_for(user_id).get(URL).status_code == 401
    assert files_in(functional_portal) == {}


def test_the_administrator_imports_and_gets_the_template(
    request_factory, functional_portal
):
    admin = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    template = admin.get(URL, params={"format": "csv"})
    assert template.status_code == 200
    assert template.content.decode("utf-8-sig").splitlines()[0] == ";".join(HEAD)
    data = sheet(
        [family_row("AR.4010.1.2025", **{"Data powzięcia informacji": "03.03.2025"})]
    )
    assert post(admin, data).status_code == 201
    assert list(files_in(functional_portal)) == ["AR.4010.1.2025"]
