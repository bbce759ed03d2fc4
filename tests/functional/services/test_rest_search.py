"""An assistant never sees another assistant's families: not in @search, not by URL."""

import pytest


@pytest.fixture
def two_families(committed_file):
    committed_file(1, social_worker="sw1", assistant="fa1", state="active")
    committed_file(2, social_worker="sw2", assistant="fa2", state="active")


@pytest.mark.parametrize(
    ("user_id", "expected"),
    [
        ("fa1", ["AR.4010.1.2026"]),
        ("fa2", ["AR.4010.2.2026"]),
        ("sw1", ["AR.4010.1.2026"]),
        ("sw2", ["AR.4010.2.2026"]),
        ("head", ["AR.4010.1.2026", "AR.4010.2.2026"]),
        ("archivist", []),
        ("member", []),
        (None, []),
    ],
)
def test_search_returns_only_own_families(session_for, two_families, user_id, expected):
    response = session_for(user_id).get(
        "/@search",
        params={"portal_type": "FamilyFile", "metadata_fields": "case_reference"},
    )
    assert response.status_code == 200
    found = sorted(item["case_reference"] for item in response.json()["items"])
    assert found == expected


def test_assistant_cannot_open_another_assistants_family_by_url(
    session_for, two_families
):
    response = session_for("fa1").get("/akta/ar-4010-2-2026")
    assert response.status_code in (401, 403)
    assert "Rodzina 2" not in response.text


def test_assistant_opens_own_family(session_for, two_families):
    response = session_for("fa1").get("/akta/ar-4010-1-2026")
    assert response.status_code == 200
    assert response.json()["family_name"] == "Rodzina 1"


def test_search_for_documents_is_filtered_too(session_for, two_families):
    for user_id, number in (("fa1", 1), ("fa2", 2)):
        body = {
            "@type": "Note",
            "title": "Wizyta",
            "kind": "visit",
            "content": "Treść",
            "visit_start": "2026-03-10T10:00:00+01:00",
            "visit_end": "2026-03-10T11:30:00+01:00",
        }
        response = session_for(user_id).post(f"/akta/ar-4010-{number}-2026", json=body)
        assert response.status_code == 201, response.text
    response = session_for("fa1").get("/@search", params={"portal_type": "Note"})
    paths = [item["@id"] for item in response.json()["items"]]
    assert len(paths) == 1
    assert "/ar-4010-1-2026/" in paths[0]
