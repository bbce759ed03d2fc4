"""Issue 14, item 1: the routes Zope and Plone bring along, the exact cases.

Each case is what the issue found on the demo site: PROPFIND answered every
logged-in user with the family's name, ``@move`` put a final note into another
family's file, PROPPATCH retitled a final note, the previous social worker kept
editing their drafts and opened the sharing page, a Site Administrator handed
out our roles there, and anonymous visitors listed the staff.
"""

from urllib.parse import unquote

import pytest
import transaction

from mgops.caseflow.workflow.local_roles import sync_local_roles

from .conftest import FILE
from .conftest import MANAGER
from .conftest import OTHER
from .conftest import SITE_ADMIN
from .conftest import fresh
from .conftest import leaks
from .conftest import refused


NOTE = f"{FILE}/notatka"
DRAFT = f"{FILE}/szkic"
DECISION = f"{FILE}/decyzja"
EVERYONE = [None, "member", "sw1", "sw2", "fa1", "fa2", "head", "archivist"]
PROPPATCH_TITLE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propertyupdate xmlns:d="DAV:" xmlns:z="http://www.zope.org/propsets/default">'
    "<d:set><d:prop><z:title>Zmieniony tytuł</z:title></d:prop></d:set>"
    "</d:propertyupdate>"
)
LOCKINFO = (
    '<?xml version="1.0" encoding="utf-8"?><d:lockinfo xmlns:d="DAV:">'
    "<d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype>"
    "<d:owner>x</d:owner></d:lockinfo>"
)
XML = {"Content-Type": "text/xml; charset=utf-8"}


# ------------------------------------------------------------------ WebDAV


def test_propfind_shows_no_family(surface, http):
    """Depth 0 on the file and a document, Depth 1 also on the registry."""
    for user_id in EVERYONE + [SITE_ADMIN]:
        for path in (FILE, NOTE, "akta"):
            for depth in ("0", "1"):
                response = http(user_id, "PROPFIND", path, headers={"Depth": depth})
                where = (user_id, path, depth, response.status_code)
                assert response.status_code != 207, where
                assert refused(response), where
                assert leaks(response) == [], where


def test_proppatch_does_not_retitle_a_final_note(surface, http):
    for user_id in ("fa1", "sw1", "head", SITE_ADMIN, MANAGER):
        response = http(user_id, "PROPPATCH", NOTE, data=PROPPATCH_TITLE, headers=XML)
        assert refused(response), (user_id, response.status_code)
        assert fresh(surface, NOTE).title == "notatka"


def test_manage_change_properties_does_not_retitle(surface, http):
    for user_id in ("fa1", "sw1", "head", SITE_ADMIN, MANAGER):
        for path in (NOTE, DECISION, DRAFT):
            response = http(
                user_id,
                "POST",
                f"{path}/manage_changeProperties",
                data={"title": "Zmieniony"},
            )
            assert refused(response), (user_id, path, response.status_code)
            assert fresh(surface, path).title == path.rsplit("/", 1)[1]


def test_nobody_locks_a_record(surface, http):
    for user_id in ("fa1", "sw1", "head", "fa2", SITE_ADMIN):
        for path in (NOTE, DRAFT, FILE):
            response = http(
                user_id,
                "LOCK",
                path,
                data=LOCKINFO,
                headers={**XML, "Timeout": "Second-600"},
            )
            assert refused(response), (user_id, path, response.status_code)
            assert not fresh(surface, path).wl_isLocked()
            unlock = http(
                user_id, "UNLOCK", path, headers={"Lock-Token": "<opaquelocktoken:x>"}
            )
            assert refused(unlock) or unlock.status_code in (400, 409, 412), (
                user_id,
                path,
                unlock.status_code,
            )


# ------------------------------------------------- records stay where filed


def _landed(portal):
    """What of file 1 came into the other file (which holds only its interview
    and the decision assigning its assistant)."""
    own = ("wywiad", "decyzja-assign_assistant")
    return [i for i in fresh(portal, OTHER).objectIds() if not i.startswith(own)]


@pytest.mark.parametrize(
    ("user_id", "record"), [("sw1", "notatka"), ("head", "decyzja"), ("fa1", "notatka")]
)
@pytest.mark.parametrize("operation", ["@move", "@copy"])
def test_rest_move_and_copy_leave_the_record_in_its_file(
    surface, http, user_id, record, operation
):
    source = f"{http.base}/{FILE}/{record}"
    response = http(
        user_id, "POST", f"{OTHER}/{operation}", api=True, json={"source": source}
    )
    assert response.status_code in (401, 403), response.text
    assert record in fresh(surface, FILE).objectIds()
    assert not _landed(surface)


@pytest.mark.parametrize(
    ("user_id", "record"), [("sw1", "notatka"), ("fa1", "szkic"), ("head", "decyzja")]
)
def test_a_document_is_not_cut_and_pasted_into_another_file(
    surface, http, user_id, record
):
    """The cut that OFS allows its writers, and the paste into a file where they
    may add that type: refused by the placement rule, not by a permission."""
    cut = http(user_id, "POST", f"{FILE}/manage_cutObjects", data={"ids": record})
    if refused(cut):  # not even the cut
        assert not _landed(surface)
        return
    paste = http(
        user_id,
        "POST",
        f"{OTHER}/manage_pasteObjects",
        data={"cb_copy_data": unquote(cut.cookies["__cp"])},
    )
    assert paste.status_code == 403, paste.status_code
    assert "pozostaje w aktach rodziny" in paste.text
    assert record in fresh(surface, FILE).objectIds()
    assert not _landed(surface)


@pytest.mark.parametrize("record", ["notatka", "decyzja"])
def test_final_and_signed_records_keep_their_names(surface, http, record):
    for user_id in ("sw1", "fa1", "head", SITE_ADMIN, MANAGER):
        _try_to_rename(surface, http, user_id, record)


def _try_to_rename(surface, http, user_id, record):
    uid = fresh(surface, f"{FILE}/{record}").UID()
    attempts = [
        ("manage_renameObject", {"id": record, "new_id": "inna"}),
        ("manage_renameObjects", {"ids": [record], "new_ids": ["inna"]}),
        (
            "folder_rename",
            {
                "paths:list": f"/plone/{FILE}/{record}",
                "new_ids:list": "inna",
                "new_titles:list": "Inna",
                "form.submitted": "1",
            },
        ),
        (
            "@@fc-rename",
            {
                "folder": f"/{FILE}",
                "selection": f'["{uid}"]',
                "newid_0": "inna",
                "newtitle_0": "Inna",
                "UID_0": uid,
            },
        ),
    ]
    for view, data in attempts:
        response = http(user_id, "POST", f"{FILE}/{view}", data=data)
        assert leaks(response) == [] or not refused(response), (user_id, view)
        family_file = fresh(surface, FILE)
        assert record in family_file.objectIds(), view
        assert "inna" not in family_file.objectIds(), view
        assert family_file[record].title == record, view
    rest = http(user_id, "PATCH", f"{FILE}/{record}", api=True, json={"id": "inna"})
    assert rest.status_code in (400, 401, 403), rest.status_code
    assert record in fresh(surface, FILE).objectIds()


def test_a_family_file_is_never_renamed(surface, http):
    for user_id in ("sw1", "head", SITE_ADMIN, MANAGER):
        response = http(
            user_id,
            "POST",
            "akta/manage_renameObject",
            data={"id": "ar-4010-1-2026", "new_id": "inne"},
        )
        assert refused(response), (user_id, response.status_code)
        assert "ar-4010-1-2026" in fresh(surface, "akta").objectIds()
    move = http(
        MANAGER, "POST", "@move", api=True, json={"source": f"{http.base}/{FILE}"}
    )
    assert move.status_code not in (200, 201, 204), move.status_code
    assert "ar-4010-1-2026" in fresh(surface, "akta").objectIds()


# --------------------------------------------- roles come from the people


def test_the_previous_social_worker_loses_the_file_and_their_drafts(
    surface, session_for, http
):
    """sw1 opened the file (so Plone made them its Owner) and wrote a draft."""
    body = {
        "@type": "FamilyFile",
        "case_reference": "AR.4010.40.2026",
        "family_name": "Przekazani",
        "address": "ul. Polna 3",
        "opened": "2026-03-03",
    }
    created = session_for("sw1").post("/akta", json=body)
    assert created.status_code == 201, created.text
    path = "akta/ar-4010-40-2026"
    draft = session_for("sw1").post(
        f"/{path}",
        json={
            "@type": "Note",
            "id": "moja",
            "title": "Moja",
            "kind": "end_request",
            "end_reason": "plan_achieved",
            "plan_outcome": "Cele osiągnięte.",
            "content": "Szkic",
        },
    )
    assert draft.status_code == 201, draft.text
    handed_over = session_for("head").patch(f"/{path}", json={"social_worker": "sw2"})
    assert handed_over.status_code == 204, handed_over.text

    edit = session_for("sw1").patch(f"/{path}/moja", json={"content": "Poprawione"})
    assert edit.status_code in (401, 403), edit.status_code
    assert fresh(surface, f"{path}/moja").content == "Szkic"
    for attempt in (
        http("sw1", "GET", f"{path}/@@sharing"),
        http("sw1", "GET", f"{path}/@sharing", api=True),
        http("sw1", "GET", path, api=True),
        http("sw1", "GET", f"{path}/moja", api=True),
        http("sw1", "DELETE", f"{path}/moja", api=True),
    ):
        assert refused(attempt), (
            attempt.request.method,
            attempt.url,
            attempt.status_code,
        )
        assert "Przekazani" not in attempt.text
    family_file = fresh(surface, path)
    assert "Owner" not in family_file.get_local_roles_for_userid("sw1")
    assert "moja" in family_file.objectIds()
    # the new social worker reads the draft; only its author would edit it
    assert session_for("sw2").get(f"/{path}/moja").status_code == 200


def _assign(portal, assistant):
    """What a signed decision assigning ``assistant`` does to the file."""
    family_file = fresh(portal, FILE)
    family_file.assistant = assistant
    sync_local_roles(family_file)
    transaction.commit()


def test_an_author_back_on_the_file_gets_their_draft_back(surface, session_for):
    _assign(surface, "fa2")
    edit = session_for("fa1").patch(f"/{DRAFT}", json={"content": "x"})
    assert edit.status_code in (401, 403), edit.status_code
    _assign(surface, "fa1")
    edit = session_for("fa1").patch(f"/{DRAFT}", json={"content": "Wróciłam"})
    assert edit.status_code == 204, edit.text
    assert fresh(surface, DRAFT).content == "Wróciłam"


@pytest.mark.parametrize("user_id", ["head", "sw1", SITE_ADMIN, MANAGER])
def test_nobody_hands_out_roles_on_a_file_by_sharing(surface, http, user_id):
    for role in ("FamilyAssistant", "SocialWorker", "Head", "Reader", "Editor"):
        _try_to_share(surface, http, user_id, role)


def _try_to_share(surface, http, user_id, role):
    before = sorted(fresh(surface, FILE).get_local_roles())
    entries = {"entries": [{"id": "fa2", "type": "user", "roles": {role: True}}]}
    rest = http(user_id, "POST", f"{FILE}/@sharing", api=True, json=entries)
    assert rest.status_code in (401, 403), rest.status_code
    form = http(
        user_id,
        "POST",
        f"{FILE}/@@sharing",
        data={
            "entries.id:records": "fa2",
            "entries.type:records": "user",
            f"entries.role_{role}:records": "True",
            "form.button.Save": "1",
            "form.submitted": "1",
        },
    )
    assert refused(form), form.status_code
    assert sorted(fresh(surface, FILE).get_local_roles()) == before
    assert refused(http(user_id, "GET", f"{FILE}/@@sharing"))


# -------------------------------------------------- who works at the centre


STAFF_NAMES = ("Celina Asystentka", "Anna Socjalna", "Barbara Socjalna")
VOCABULARIES = ["mgops.caseflow.Assistants", "mgops.caseflow.SocialWorkers"]


PEOPLE_VOCABULARIES = VOCABULARIES + [
    "plone.app.vocabularies.Users",
    "plone.app.vocabularies.Principals",
    "plone.app.vocabularies.Groups",
]


@pytest.mark.parametrize("user_id", [None, "member"])
def test_outsiders_do_not_list_the_staff(surface, http, user_id):
    for name in PEOPLE_VOCABULARIES:
        for where in ("", "akta", FILE):
            rest = http(user_id, "GET", f"{where}/@vocabularies/{name}", api=True)
            assert rest.status_code in (401, 403), (name, where, rest.status_code)
            answers = [
                rest,
                http(
                    user_id, "GET", f"{where}/@vocabularies/{name}?token=fa1", api=True
                ),
                http(user_id, "GET", f"{where}/@vocabularies/{name}?title=a", api=True),
                http(user_id, "GET", f"{where}/@@getVocabulary?name={name}&query=a"),
            ]
            if where == FILE:  # the field exists only there
                field = f"{where}/@@getVocabulary?name={name}&field=assistant"
                answers.append(http(user_id, "GET", field))
            for response in answers:
                assert response.status_code != 500, response.url
                assert not [n for n in STAFF_NAMES if n in response.text], response.url
                assert '"fa1"' not in response.text, response.url


def test_staff_still_see_whom_they_may_name(surface, http):
    for user_id in ("sw1", "fa2", "head", "archivist", SITE_ADMIN):
        response = http(
            user_id, "GET", "akta/@vocabularies/mgops.caseflow.Assistants", api=True
        )
        assert response.status_code == 200, (user_id, response.text)
        tokens = {item["token"] for item in response.json()["items"]}
        assert {"fa1", "fa2"} <= tokens
