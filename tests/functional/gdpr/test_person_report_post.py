"""@person-report takes the PESEL in the body of a POST, never in the address."""

from .test_gdpr import PESEL
from .test_gdpr import two_files_with_maria  # noqa: F401 - a fixture


def test_a_get_with_the_pesel_in_the_address_is_refused_in_polish(
    session_for,
    two_files_with_maria,  # noqa: F811
    audit_log,
):
    response = session_for("head").get("/@person-report", params={"pesel": PESEL})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["reason"] == "error_person_report_use_post"
    assert "POST" in error["message"]
    assert "nigdy w adresie" in error["message"]
    assert PESEL not in response.text
    assert audit_log(action="person_report") == []


def test_the_same_pesel_in_the_body_of_a_post_gives_the_report(
    session_for,
    two_files_with_maria,  # noqa: F811
):
    response = session_for("head").post("/@person-report", json={"pesel": PESEL})
    assert response.status_code == 200, response.text
    assert response.json()["items_total"] == 2


def test_the_post_is_the_heads_only(
    session_for,
    two_files_with_maria,  # noqa: F811
):
    for user_id in ("sw1", "archivist", None):
        response = session_for(user_id).post("/@person-report", json={"pesel": PESEL})
        assert response.status_code in (401, 403), (user_id, response.status_code)
