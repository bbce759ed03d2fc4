"""The plan's actions say who does each (the family, the assistant as
instruction, another institution named; the centre's rules §3), over real HTTP:
the rule holds on REST as in the form."""

import pytest


FILE = "/akta/ar-4010-1-2026"


def plan(rows):
    return {
        "@type": "Plan",
        "title": "Plan pracy",
        "goals": [{"goal": "Praca dla rodzica", "expected_effect": None}],
        "action_rows": rows,
        "actions": "Działania według wierszy.",
        "responsibilities": "Jak w wierszach.",
        "agreed_on": "2026-03-06",
    }


@pytest.fixture
def active(committed_file):
    return committed_file(1, state="active")


def test_rows_with_who_does_each_are_stored_and_served(session_for, active):
    rows = [
        {"action": "Rejestracja w urzędzie pracy", "performer": "family"},
        {
            "action": "Nauka układania budżetu",
            "performer": "assistant_instruction",
            "due": "2026-04-30",
        },
        {
            "action": "Terapia rodzinna",
            "performer": "institution",
            "institution": "Poradnia psychologiczno-pedagogiczna",
        },
    ]
    session = session_for("fa1")
    response = session.post(FILE, json=plan(rows))
    assert response.status_code == 201, response.text
    served = session.get(response.json()["@id"]).json()["action_rows"]
    assert [row["performer"] for row in served] == [
        "family",
        "assistant_instruction",
        "institution",
    ]
    assert served[2]["institution"] == "Poradnia psychologiczno-pedagogiczna"
    assert served[1]["due"] == "2026-04-30"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"action": "Terapia rodzinna", "performer": "institution"},
            "Działanie 1 planu wykonuje inna instytucja: podaj jej nazwę.",
        ),
        ({"action": "Zakupy", "performer": "assistant"}, None),  # not a performer
    ],
)
def test_a_row_without_who_is_refused_and_nothing_is_stored(
    session_for, active, row, message
):
    session = session_for("fa1")
    response = session.post(FILE, json=plan([row]))
    assert response.status_code == 400, response.text
    if message:
        assert message in response.json()["message"]
    listing = session.get(FILE).json()["items"]
    assert not [item for item in listing if item["@type"] == "Plan"]
