"""The family's status changes only by the head's signed decisions, on every route.

Issue 13's bypasses tried over real HTTP, each refused with a Polish message and
nothing changed: a PATCH of the people and dates the process sets, plain
transitions that a decision alone may fire, an early close by a comment, the
first facts edited after the interview is final, and the same in the edit form.
"""

from datetime import date

import lxml.html
import pytest
import transaction
from plone import api

from mgops.caseflow.testing import PASSWORD
from mgops.caseflow.testing.builders import create_document
from mgops.caseflow.testing.builders import end_request
from mgops.caseflow.testing.builders import record_decision
from mgops.caseflow.testing.pki import KEYSTORE_PASSWORD


FILE = "/akta/ar-4010-1-2026"


def stored(functional_portal):
    transaction.begin()
    return functional_portal["akta"]["ar-4010-1-2026"]


@pytest.fixture
def active(committed_file, functional_portal):
    committed_file(1, state="active")
    return stored(functional_portal)


def _refused(response, polish):
    assert response.status_code in (400, 403), (response.status_code, response.text)
    body = response.json()
    message = body["error"]["message"] if "error" in body else body["message"]
    assert polish in message, message


@pytest.mark.parametrize(
    ("user", "body", "polish"),
    [
        # the head swaps the assistant without a decision (issue 13)
        ("head", {"assistant": "fa2"}, "wyłącznie podpisana decyzja kierownika"),
        ("head", {"ended": "2026-03-31"}, "wyłącznie podpisana decyzja kierownika"),
        # a social worker hands the file to a colleague
        ("sw1", {"social_worker": "sw2"}, "Tylko kierownik przekazuje akta"),
        # the first facts after the interview is final
        ("sw1", {"learned_on": "2026-01-02"}, "nie można już zmienić"),
        ("sw1", {"urgent": True}, "nie można już zmienić"),
        ("sw1", {"support_path": "za_zyciem"}, "nie można już zmienić"),
    ],
)
def test_a_patch_of_what_the_process_sets_is_refused(
    session_for, active, functional_portal, user, body, polish
):
    before = {name: getattr(active, name) for name in body}
    roles = dict(active.get_local_roles())
    response = session_for(user).patch(FILE, json=body)
    _refused(response, polish)
    family_file = stored(functional_portal)
    assert {name: getattr(family_file, name) for name in body} == before
    assert dict(family_file.get_local_roles()) == roles


def test_a_full_body_sent_back_unchanged_is_accepted(session_for, active):
    """A client may PATCH what it read: unchanged guarded values pass."""
    body = session_for("head").get(FILE).json()
    sent = {name: body[name] for name in ("assistant", "learned_on", "urgent")}
    sent["address"] = "ul. Nowa 3, Mińsk Mazowiecki"
    response = session_for("head").patch(FILE, json=sent)
    assert response.status_code == 204, response.text


def test_the_head_hands_the_file_to_another_social_worker(
    session_for, active, functional_portal, audit_log
):
    response = session_for("head").patch(FILE, json={"social_worker": "sw2"})
    assert response.status_code == 204, response.text
    family_file = stored(functional_portal)
    assert family_file.social_worker == "sw2"
    assert "SocialWorker" in family_file.get_local_roles_for_userid("sw2")
    assert "SocialWorker" not in family_file.get_local_roles_for_userid("sw1")
    (entry,) = audit_log(action="edit", user="head")
    assert entry["detail"]["fields"] == ["IFamilyFile.social_worker"]


def test_a_new_file_cannot_name_its_assistant(session_for, committed_file):
    committed_file(1)
    response = session_for("sw1").post(
        "/akta",
        json={
            "@type": "FamilyFile",
            "case_reference": "AR.4010.9.2026",
            "family_name": "Nowi",
            "address": "ul. Polna 1",
            "assistant": "fa1",
        },
    )
    _refused(response, "wyłącznie podpisana decyzja kierownika")


@pytest.mark.parametrize(
    "transition",
    ["end_work", "end_work_to_social_work", "end_and_close", "refuse_cooperation"],
)
@pytest.mark.parametrize("user", ["head", "sw1"])
def test_no_plain_transition_ends_the_work(
    session_for, active, functional_portal, transition, user
):
    response = session_for(user).post(f"{FILE}/@workflow/{transition}")
    assert response.status_code in (400, 403), response.text
    assert api.content.get_state(stored(functional_portal)) == "active"


def test_a_comment_does_not_close_monitoring_early(
    session_for, committed_file, functional_portal
):
    committed_file(1, state="monitoring")
    response = session_for("head").post(
        f"{FILE}/@workflow/close", json={"comment": "Rodzina wyprowadziła się."}
    )
    _refused(response, "monitoringu")
    assert api.content.get_state(stored(functional_portal)) == "monitoring"


def test_social_work_without_control_visits_does_not_close(
    session_for, active, functional_portal
):
    record_decision(active, "end_work", end_reason="no_cooperation")
    transaction.commit()
    response = session_for("sw1").post(f"{FILE}/@workflow/close")
    _refused(response, "3 miesiące")
    assert api.content.get_state(stored(functional_portal)) == "social_work"


def test_the_edit_form_refuses_the_first_facts_once_fixed(
    browser_login, active, functional_portal
):
    """The Classic UI's edit form: the same rule, a Polish page, nothing saved."""
    url = active.absolute_url()
    session = browser_login("sw1")
    page = session.get(f"{url}/@@edit", headers={"Accept": "text/html"})
    assert page.status_code == 200, page.status_code
    (form,) = [
        f
        for f in lxml.html.fromstring(page.text).forms
        if "form.widgets.learned_on" in f.inputs
    ]
    values = dict(form.form_values())
    values["form.widgets.learned_on"] = "2026-01-02"
    values["form.buttons.save"] = "Zapisz"
    response = session.post(
        f"{url}/@@edit", data=values, headers={"Accept": "text/html"}
    )
    assert "nie można już zmienić" in response.text, response.status_code
    assert stored(functional_portal).learned_on != date(2026, 1, 2)
    # the assistant is not even a field of the form
    assert "form.widgets.assistant" not in values


def _interview_uid(family_file):
    (interview,) = [
        d for d in family_file.objectValues() if d.portal_type == "Interview"
    ]
    return interview.UID()


def test_a_final_correction_note_corrects_the_first_facts(
    session_for, active, functional_portal, audit_log
):
    """The fixed facts change only by a correction naming the original, kept in
    the file and in the audit trail."""
    note = {
        "@type": "Note",
        "title": "Korekta daty powzięcia informacji",
        "kind": "correction",
        "content": "Ośrodek dowiedział się o rodzinie wcześniej (pismo szkoły).",
        "corrects": _interview_uid(active),
        "corrected_learned_on": "2026-01-05",
    }
    created = session_for("sw1").post(FILE, json=note)
    assert created.status_code == 201, created.text
    assert stored(functional_portal).learned_on != date(2026, 1, 5)
    final = session_for("sw1").post(f"{created.json()['@id']}/@workflow/finalize")
    assert final.status_code == 200, final.text
    assert stored(functional_portal).learned_on == date(2026, 1, 5)
    edits = [e for e in audit_log(action="edit", user="sw1") if e.get("detail")]
    assert any("learned_on" in str(e["detail"]["fields"]) for e in edits)


@pytest.mark.parametrize(
    ("user", "fields", "polish"),
    [
        ("sw1", {}, "wskazuje dokument"),
        ("fa1", {"corrected_learned_on": "2026-01-05"}, "Tylko pracownik socjalny"),
    ],
)
def test_an_incomplete_or_foreign_correction_is_refused(
    session_for, active, functional_portal, user, fields, polish
):
    note = {
        "@type": "Note",
        "title": "Korekta",
        "kind": "correction",
        "content": "Korekta.",
        **({"corrects": _interview_uid(active)} if fields else {}),
        **fields,
    }
    response = session_for(user).post(FILE, json=note)
    assert response.status_code == 400, response.text
    assert polish in response.json()["message"], response.text
    assert len(stored(functional_portal).objectIds()) == len(active.objectIds())


def test_sign_refuses_an_end_of_work_without_the_joint_position(
    session_for, committed_file, functional_portal, signing_site
):
    """DESIGN, "Process" 7, over @sign: nothing is signed, the file stays."""
    family_file = committed_file(1, state="active")
    decision = create_document(
        family_file,
        "Decision",
        owner="head",
        id="decyzja-konczaca",
        kind="end_work",
        end_reason="plan_achieved",
        end_request=end_request(family_file, position=None),
        content="Kończy się pracę asystenta rodziny.",
        justification="Wniosek asystenta.",
    )
    with api.env.adopt_user(username="head"):
        api.content.transition(obj=decision, transition="submit")
    transaction.commit()
    response = session_for("head").post(
        f"{FILE}/decyzja-konczaca/@sign", json={"password": KEYSTORE_PASSWORD}
    )
    _refused(response, "stanowiska")
    family_file = stored(functional_portal)
    assert api.content.get_state(family_file) == "active"
    assert family_file["decyzja-konczaca"].register_number is None


@pytest.fixture
def manager(functional_portal):
    api.user.create(username="manager", email="m@mgops.example.org", password=PASSWORD)
    api.user.grant_roles(username="manager", roles=["Manager"])
    transaction.commit()
    return "manager"


@pytest.mark.parametrize("operation", ["@copy", "@move"])
@pytest.mark.parametrize("user", ["head", "sw1", "manager"])
def test_a_file_is_not_copied_nor_moved_with_its_assistant(
    session_for, active, functional_portal, manager, operation, user
):
    """A copy would be a second active file of the assistant that no decision
    made (and round the caseload limit); the Manager is refused too."""
    assert session_for(user).get(FILE).status_code == 200  # each may see it
    ids = sorted(functional_portal["akta"].objectIds())
    response = session_for(user).post(
        f"/akta/{operation}", json={"source": active.absolute_url()}
    )
    assert response.status_code in (400, 401, 403), response.text
    transaction.begin()
    assert sorted(functional_portal["akta"].objectIds()) == ids
