"""The assistant enters their monthly hours, the head approves them: over REST
and in the UI, no one else and no other way."""

import transaction
from plone import api


def hours_body(month):
    return {"@type": "MonthlyHours", "year": 2026, "month": month, "hours": 150.0}


def test_over_rest_the_assistant_enters_and_the_head_approves(
    session_for, functional_portal
):
    assistant, head = session_for("fa1"), session_for("head")
    created = assistant.post("/kadry", json=hours_body(3))
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    # the head does not enter an assistant's hours, nor changes them
    assert head.post("/kadry", json=hours_body(4)).status_code in (401, 403)
    assert head.patch(url, json={"hours": 200.0}).status_code in (401, 403)
    # the assistant corrects them before approval, but cannot approve
    assert assistant.patch(url, json={"hours": 152.0}).status_code == 204
    assert assistant.post(f"{url}/@workflow/approve").status_code in (400, 401, 403)
    # another assistant does not even see them
    assert session_for("fa2").get(url).status_code in (401, 403, 404)
    assert head.post(f"{url}/@workflow/approve").status_code == 200
    # approved hours are read-only for everyone
    assert assistant.patch(url, json={"hours": 160.0}).status_code in (401, 403)
    assert head.patch(url, json={"hours": 160.0}).status_code in (401, 403)
    transaction.begin()
    entry = functional_portal["kadry"][url.rsplit("/", 1)[-1]]
    assert (entry.hours, entry.assistant, api.content.get_state(entry)) == (
        152,
        "fa1",
        "approved",
    )


def test_a_second_entry_for_the_month_is_refused_in_polish(
    session_for, functional_portal
):
    assistant = session_for("fa1")
    assert assistant.post("/kadry", json=hours_body(5)).status_code == 201
    again = assistant.post("/kadry", json=hours_body(5))
    assert again.status_code == 409, again.text
    assert "są już wpisane" in again.json()["error"]["message"]


def test_in_the_ui_the_approved_entry_cannot_be_edited(
    session_for, browser_login, functional_portal
):
    url = session_for("fa1").post("/kadry", json=hours_body(6)).json()["@id"]
    session = browser_login("fa1")
    session.headers["Accept"] = "text/html"
    assert session.get(f"{url}/edit").status_code == 200
    assert session_for("head").post(f"{url}/@workflow/approve").status_code == 200
    edit = session.get(f"{url}/edit", allow_redirects=False)
    assert edit.status_code in (302, 401, 403)
    head = browser_login("head")
    head.headers["Accept"] = "text/html"
    assert head.get(f"{url}/edit", allow_redirects=False).status_code in (302, 401, 403)


def test_in_the_ui_only_the_assistant_gets_the_form_to_enter_hours(
    browser_login, functional_portal
):
    assistant = browser_login("fa1")
    assistant.headers["Accept"] = "text/html"
    url = functional_portal.absolute_url()
    response = assistant.get(f"{url}/kadry/++add++MonthlyHours")
    assert response.status_code == 200
    assert "Przepracowane godziny" in response.text
    head = browser_login("head")
    head.headers["Accept"] = "text/html"
    refused = head.get(f"{url}/kadry/++add++MonthlyHours", allow_redirects=False)
    # Plone's add traverser refuses (as for any type the user may not add)
    assert refused.status_code != 200
    assert "Przepracowane godziny" not in refused.text
    assert head.get(f"{url}/kadry/++add++Employment").status_code == 200
