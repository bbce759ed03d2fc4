"""Act of 9 June 2011, art. 15 ust. 4 over real HTTP: signing a 16th assignment
for an assistant is refused, says why in Polish, and changes nothing."""

import transaction

from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD


def fill_caseload(committed_file, assistant, count, first=100):
    for number in range(first, first + count):
        committed_file(number, assistant=assistant, state="active")


def test_sixteenth_assignment_cannot_be_signed(
    session_for, committed_file, pending, snapshot
):
    fill_caseload(committed_file, "fa2", 15)
    path = pending(1, kind="assign_assistant")  # assigns fa2
    before = snapshot(path)
    response = session_for("head").post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["reason"] == "decision_effect_refused"
    assert "najwyżej 15 rodzinami" in error["message"]
    assert snapshot(path) == before


def test_fifteenth_assignment_is_signed(
    session_for, committed_file, pending, functional_portal
):
    fill_caseload(committed_file, "fa2", 14)
    path = pending(1, kind="assign_assistant")
    response = session_for("head").post(
        f"/{path}/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    family_file = functional_portal.unrestrictedTraverse(path).aq_parent
    assert family_file.assistant == "fa2"
    caseload = session_for("head").get("/@caseload").json()
    (fa2,) = [item for item in caseload["items"] if item["assistant"] == "fa2"]
    assert (fa2["active"], fa2["free"], fa2["at_limit"]) == (15, 0, True)
